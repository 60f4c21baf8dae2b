import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { backupSetDir, listBackupGenerations } from '../../../../main/vault/backupSet';
import { deriveKek } from '../../../../main/vault/kdf';
import { SUMMARY_FILE } from '../../../../main/vault/v2/backupSummary';
import { readGenerations } from '../../../../main/vault/generationsOnDisk';
import { countSyncedRecords, unlockSyncedFolder } from '../../../../main/vault/v2/openSyncedGeneration';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { zeroV2Keys } from '../../../../main/vault/v2/v2Keys';
import { nodeVaultFs } from '../../../../main/vault/vaultFs';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

// Counts Argon2 runs: the real derivation, called through.
vi.mock('../../../../main/vault/kdf', async (original) => {
  const real = await original<typeof import('../../../../main/vault/kdf')>();
  return { ...real, deriveKek: vi.fn(real.deriveKek) };
});

const tempRoot = tempRootsPerTest('attune-summary-v2-');
const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');

/** Every generation of the set, oldest first, with the counts a full merge of its logs gives. */
async function mergedCountsOf(folder: string, vaultHex: string) {
  const generations = await readGenerations(nodeVaultFs, backupSetDir(folder, vaultHex), {
    removeIncomplete: false,
    sidecars: 'all',
  });
  const id = Buffer.from(vaultHex, 'hex');
  const out = [];
  for (const g of generations) {
    const unlocked = await unlockSyncedFolder(nodeVaultFs, g.dir, id, { passphrase: PASS });
    try {
      out.push({
        name: g.name,
        dir: g.dir,
        ...(await countSyncedRecords(nodeVaultFs, g, id, unlocked.keys)),
      });
    } finally {
      zeroV2Keys(unlocked.keys);
    }
  }
  return out;
}

/** A vault written by the office and the laptop (one folder, as a sync tool makes it), backed up three times. */
async function twoComputersBackedUp() {
  const root = await tempRoot();
  const dir = join(root, 'vault');
  const folder = join(root, 'backups');
  await import('node:fs/promises').then((f) => f.mkdir(folder));
  const options = { heartbeatMs: 0, segmentBytes: 8 * 1024 };
  const { vault: office } = await SyncedVault.create(dir, PASS, {
    kdf,
    device: { hex: A, name: 'Office' },
    ...options,
  });
  const laptop = await SyncedVault.open(
    dir,
    { passphrase: PASS },
    { device: { hex: B, name: 'Laptop' }, ...options },
  );
  await laptop.put('client', 'c2', { code: 'C-2' });
  for (let i = 0; i < 12; i++)
    await laptop.put('note', `l${i}`, { text: `laptop ${i}`, pad: 'y'.repeat(400) });
  await laptop.lock();
  await office.refresh();
  await office.put('client', 'c1', { code: 'C-1' });
  for (let i = 0; i < 15; i++) await office.put('note', `n${i}`, { text: `note ${i}`, pad: 'x'.repeat(400) });
  await office.backupTo(folder, { now: new Date(T0) });
  await office.put('session', 's1', { client: 'c1' });
  await office.delete('note', 'n3');
  await office.backupTo(folder, { now: new Date(T0 + HOUR) });
  await office.put('note', 'n20', { text: 'later' });
  await office.backupTo(folder, { now: new Date(T0 + 2 * HOUR) });
  return { root, dir, folder, office };
}

describe('a format-2 backup generation’s summary', () => {
  it('holds the counts a merge of the generation’s logs gives, and listing shows them', async () => {
    const { folder, office } = await twoComputersBackedUp();
    const merged = await mergedCountsOf(folder, office.vaultHex);
    expect(merged).toHaveLength(3);
    for (const g of merged) expect((await readdir(g.dir)).includes(SUMMARY_FILE)).toBe(true);
    const [set] = await listBackupGenerations(folder, PASS);
    const listed = [...(set?.generations ?? [])].reverse();
    expect(
      listed.map(({ name, clients, sessions, notes, records }) => ({
        name,
        clients,
        sessions,
        notes,
        records,
      })),
    ).toEqual(
      merged.map(({ name, clients, sessions, notes, records }) => ({
        name,
        clients,
        sessions,
        notes,
        records,
      })),
    );
    expect(merged.map((g) => [g.clients, g.sessions, g.notes])).toEqual([
      [2, 0, 27],
      [2, 1, 26],
      [2, 1, 27],
    ]);
    await office.lock();
  });

  it('is what listing reads: with the summary in place no log is read', async () => {
    const { folder, office } = await twoComputersBackedUp();
    const [, , newest] = await mergedCountsOf(folder, office.vaultHex);
    if (!newest) throw new Error('no generation');
    // Take the office's logs out of the newest generation: a merge could not count them now.
    const logs = join(newest.dir, 'devices', A);
    for (const name of (await readdir(logs)).filter((n) => n.startsWith('log-')))
      await rename(join(logs, name), join(newest.dir, `${name}.aside`));
    const [set] = await listBackupGenerations(folder, PASS);
    expect(set?.generations[0]).toMatchObject({
      name: newest.name,
      readable: true,
      clients: newest.clients,
      sessions: newest.sessions,
      notes: newest.notes,
    });
    await office.lock();
  });

  it('a summary altered, or moved from another generation, is not believed: the logs are merged instead', async () => {
    const { folder, office } = await twoComputersBackedUp();
    const [oldest, middle, newest] = await mergedCountsOf(folder, office.vaultHex);
    if (!oldest || !middle || !newest) throw new Error('no generations');
    // One byte of the ciphertext flipped in the newest; the oldest's summary put in the middle one.
    const bytes = await readFile(join(newest.dir, SUMMARY_FILE));
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 1;
    await writeFile(join(newest.dir, SUMMARY_FILE), bytes);
    await writeFile(join(middle.dir, SUMMARY_FILE), await readFile(join(oldest.dir, SUMMARY_FILE)));
    const [set] = await listBackupGenerations(folder, PASS);
    const byName = new Map(set?.generations.map((g) => [g.name, g]));
    for (const g of [newest, middle]) {
      expect(byName.get(g.name)).toMatchObject({
        readable: true,
        clients: g.clients,
        sessions: g.sessions,
        notes: g.notes,
        records: g.records,
      });
    }
    expect(middle.notes).not.toBe(oldest.notes); // the moved summary would have shown wrong counts
    await office.lock();
  });

  it('is not written when the copy holds frames the backing-up computer has not merged; listing merges that generation', async () => {
    const root = await tempRoot();
    const dir = join(root, 'vault');
    const folder = join(root, 'backups');
    await import('node:fs/promises').then((f) => f.mkdir(folder));
    const { vault: office } = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex: A, name: 'Office' },
      heartbeatMs: 0,
    });
    await office.put('client', 'c1', { code: 'C-1' });
    // The laptop's changes arrive in the folder after the office last read it.
    const laptop = await SyncedVault.open(
      dir,
      { passphrase: PASS },
      { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
    );
    await laptop.put('client', 'c2', { code: 'C-2' });
    await laptop.lock();
    const { generation } = await office.backupTo(folder, { now: new Date(T0) });
    const [g] = await mergedCountsOf(folder, office.vaultHex);
    expect(g?.clients).toBe(2);
    expect((await readdir(g?.dir ?? '')).includes(SUMMARY_FILE)).toBe(false);
    const [set] = await listBackupGenerations(folder, PASS);
    expect(set?.generations[0]).toMatchObject({ name: generation, readable: true, clients: 2 });
    await office.lock();
  });

  it('listing many generations runs Argon2 once', async () => {
    const { folder, office } = await twoComputersBackedUp();
    for (let i = 3; i < 8; i++) {
      await office.put('note', `m${i}`, { text: `more ${i}` });
      await office.backupTo(folder, { now: new Date(T0 + i * HOUR) });
    }
    await office.lock();
    const derive = vi.mocked(deriveKek);
    derive.mockClear();
    const [set] = await listBackupGenerations(folder, PASS);
    expect(set?.generations).toHaveLength(8);
    expect(set?.generations.every((g) => g.readable)).toBe(true);
    expect(derive).toHaveBeenCalledTimes(1);
  });
});
