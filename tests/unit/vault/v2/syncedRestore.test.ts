import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupSetDir, listBackupGenerations, restoreGeneration } from '../../../../main/vault/backupSet';
import type { SeenState } from '../../../../main/vault/v2/seenFile';
import { type LocalSeenStore, SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { verifyVault } from '../../../../main/vault/verifyVault';
import { A, kdf, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-restore-v2-');
const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');

/** This computer's memory of what it has seen, outside the vault folder (kept in its settings). */
function memorySeen(): LocalSeenStore {
  let saved: SeenState | null = null;
  return {
    load: async () => saved,
    save: async (state) => {
      saved = state;
    },
  };
}

async function records(vault: SyncedVault): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const kind of ['note', 'client', 'session']) {
    for (const r of await vault.getAll(kind)) out.set(`${kind}/${r.id}`, r.value);
  }
  return out;
}

/** An office vault with a backup at T0 and one at T0 + 1 h, changed after each. */
async function backedUp() {
  const root = await tempRoot();
  const folder = join(root, 'backups');
  await mkdir(folder);
  const localSeen = memorySeen();
  const { vault } = await SyncedVault.create(join(root, 'vault'), PASS, {
    kdf,
    device: { hex: A, name: 'Office iMac' },
    heartbeatMs: 0,
    segmentBytes: 8 * 1024,
    localSeen,
  });
  await vault.put('client', 'c1', { code: 'C-1' });
  for (let i = 0; i < 20; i++) await vault.put('note', `n${i}`, { text: `note ${i}`, pad: 'x'.repeat(300) });
  const first = await vault.backupTo(folder, { now: new Date(T0) });
  await vault.put('session', 's1', { client: 'c1' });
  const second = await vault.backupTo(folder, { now: new Date(T0 + HOUR) });
  const atSecond = await records(vault);
  await vault.put('note', 'n0', { text: 'after the last backup' });
  return { root, folder, vault, localSeen, first, second, atSecond };
}

describe('restoring a format-2 backup', () => {
  it('lists format-2 generations with their counts after the passphrase', async () => {
    const { folder, vault, first, second } = await backedUp();
    const [set] = await listBackupGenerations(folder, PASS);
    expect(set?.vaultId).toBe(vault.vaultHex);
    expect(set?.generations).toMatchObject([
      { name: second.generation, readable: true, clients: 1, sessions: 1, notes: 20, records: 22 },
      { name: first.generation, readable: true, clients: 1, sessions: 0, notes: 20, records: 21 },
    ]);
    const [wrong] = await listBackupGenerations(folder, 'not the passphrase');
    expect(wrong?.generations.every((g) => !g.readable && /passphrase/.test(g.problem ?? ''))).toBe(true);
    await vault.lock();
  });

  it('restores a generation into a new folder: verified, every record as it was at the backup', async () => {
    const { root, folder, vault, second, atSecond } = await backedUp();
    const target = join(root, 'restored');
    const restored = await restoreGeneration(folder, vault.vaultHex, second.generation, PASS, target);
    expect(restored.verify).toMatchObject({ ok: true, records: 22, problems: [] });
    expect(await verifyVault(target, { passphrase: PASS })).toMatchObject({ ok: true, records: 22 });
    const opened = await SyncedVault.open(
      target,
      { passphrase: PASS },
      { device: { name: 'Laptop' }, heartbeatMs: 0 },
    );
    expect(await records(opened)).toEqual(atSecond);
    expect(opened.problems()).toEqual([]);
    await opened.lock();
    await vault.lock();
  });

  it('refuses a damaged generation and names the next older one to try', async () => {
    const { root, folder, vault, first, second } = await backedUp();
    const logs = join(backupSetDir(folder, vault.vaultHex), second.generation, 'devices', A);
    const newest = (await readdir(logs))
      .filter((n) => n.startsWith('log-'))
      .sort()
      .at(-1)!;
    const bytes = await readFile(join(logs, newest));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 30) ^ 0x01, bytes.length - 30);
    await writeFile(join(logs, newest), bytes);
    const target = join(root, 'restored');
    await expect(
      restoreGeneration(folder, vault.vaultHex, second.generation, PASS, target),
    ).rejects.toMatchObject({
      kind: 'integrity',
      message: expect.stringContaining(`Try the next older backup, ${first.generation}`),
    });
    await expect(readdir(target)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(
      restoreGeneration(folder, vault.vaultHex, second.generation, 'wrong', target),
    ).rejects.toMatchObject({
      kind: 'wrong-passphrase',
    });
    await vault.lock();
  });

  it('on the computer that made it: a new device id, every record, and no warning of the changes given up', async () => {
    const { root, folder, vault, localSeen, second, atSecond } = await backedUp();
    await vault.lock();
    const target = join(root, 'restored');
    let carriedOnAs: string | null = null;
    await restoreGeneration(folder, vault.vaultHex, second.generation, PASS, target, {
      thisComputer: {
        deviceHex: A,
        localSeen,
        carryOnAs: async (hex) => {
          carriedOnAs = hex;
        },
      },
    });
    // This computer wrote changes after the backup: continuing under its old id would give its next
    // change the number of one that other copies of the vault may still hold (a fork).
    expect(carriedOnAs).toMatch(/^[0-9a-f]{32}$/);
    expect(carriedOnAs).not.toBe(A);
    const opened = await SyncedVault.open(
      target,
      { passphrase: PASS },
      { device: { hex: carriedOnAs!, name: 'Office iMac' }, heartbeatMs: 0, localSeen },
    );
    expect(opened.deviceHex).toBe(carriedOnAs);
    expect(await records(opened)).toEqual(atSecond);
    // The changes made after the backup were given up by choice: not reported as lost.
    expect(opened.problems()).toEqual([]);
    await opened.put('note', 'n1', { text: 'written after the restore' });
    expect(await opened.verify()).toMatchObject({ ok: true, problems: [] });
    await opened.lock();
    const again = await SyncedVault.open(
      target,
      { passphrase: PASS },
      { device: { hex: carriedOnAs!, name: 'Office iMac' }, heartbeatMs: 0, localSeen },
    );
    expect(again.problems()).toEqual([]);
    await again.lock();
  });

  it('without this computer’s memory settled, the restore would show the changes given up as lost', async () => {
    const { root, folder, vault, localSeen, second } = await backedUp();
    await vault.lock();
    const target = join(root, 'restored');
    await restoreGeneration(folder, vault.vaultHex, second.generation, PASS, target);
    const opened = await SyncedVault.open(
      target,
      { passphrase: PASS },
      { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0, localSeen },
    );
    // Still never a fork: the engine carries on under a new id by itself.
    expect(opened.replaces).toBe(A);
    expect(opened.problems().map((p) => p.type)).toEqual(['rollback']);
    await opened.lock();
  });
});
