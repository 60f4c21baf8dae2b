import { cp, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupSetDir,
  generationsToKeep,
  prunedRemovals,
  SIDECAR_FILE,
} from '../../../../main/vault/backupSet';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { nodeVaultFs, type VaultFs } from '../../../../main/vault/vaultFs';
import { verifyVault } from '../../../../main/vault/verifyVault';
import { walkSegment } from '../../../../main/vault/v2/walkSegment';
import { FolderSync } from '../../../sync/folderSync';
import { syncFolder } from './syncFolder';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-backup-v2-');
const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');
/** Small segments, so a few dozen saves fill several (the app uses 8 MiB). */
const SEGMENT_BYTES = 8 * 1024;

async function officeVault(options: { fs?: VaultFs; segmentBytes?: number } = {}) {
  const root = await tempRoot();
  const dir = join(root, 'vault');
  const { vault } = await SyncedVault.create(dir, PASS, {
    kdf,
    device: { hex: A, name: 'Office iMac' },
    heartbeatMs: 0,
    segmentBytes: SEGMENT_BYTES,
    ...options,
  });
  for (let i = 0; i < 30; i++) await vault.put('note', `n${i}`, { text: `note ${i}`, pad: 'x'.repeat(300) });
  await vault.put('client', 'c1', { code: 'C-1' });
  return { root, dir, vault, folder: join(root, 'backups') };
}

/** Every record of every kind, by kind/id. */
async function records(vault: SyncedVault): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const kind of ['note', 'client']) {
    for (const r of await vault.getAll(kind)) out.set(`${kind}/${r.id}`, r.value);
  }
  return out;
}

/** A copy of a generation opened as a new computer (opening writes; a backup is never written to). */
async function openCopy(generationDir: string, root: string): Promise<SyncedVault> {
  const copy = join(root, `opened-${Math.random().toString(16).slice(2)}`);
  await cp(generationDir, copy, { recursive: true });
  return SyncedVault.open(copy, { passphrase: PASS }, { device: { name: 'Reader' }, heartbeatMs: 0 });
}

async function logInodes(generationDir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const dir = join(generationDir, 'devices', A);
  for (const name of (await readdir(dir)).filter((n) => n.startsWith('log-'))) {
    out.set(name, (await stat(join(dir, name))).ino);
  }
  return out;
}

describe('backups of a format-2 vault', () => {
  it('writes a generation that is a complete vault: it opens with the same records and verifies', async () => {
    const { root, vault, folder } = await officeVault();
    await mkdir(folder);
    const result = await vault.backupTo(folder, { now: new Date(T0) });
    expect(result).toMatchObject({ verified: 'full', linkedFiles: 0, pruned: [] });
    expect(result.verify).toMatchObject({ ok: true, records: 31, problems: [] });
    const generationDir = join(backupSetDir(folder, vault.vaultHex), result.generation);

    // `attune verify` on the generation itself, and the same records when opened.
    expect(await verifyVault(generationDir, { passphrase: PASS })).toMatchObject({ ok: true, records: 31 });
    const opened = await openCopy(generationDir, root);
    expect(await records(opened)).toEqual(await records(vault));
    await opened.lock();

    // Recorded in the audit log as format 1 records it.
    const audit = vault.readAudit().map((a) => a.entry as { type: string; detail: Record<string, unknown> });
    expect(audit.at(-1)).toMatchObject({
      type: 'backup',
      detail: { generation: result.generation, ok: true, verified: true, records: 31, linked: 0 },
    });
    await vault.lock();
  });

  it('links sealed segments and unchanged small files from the previous generation, copies only the open segment', async () => {
    const { vault, folder } = await officeVault();
    await mkdir(folder);
    const first = await vault.backupTo(folder, { now: new Date(T0) });
    await vault.put('note', 'n3', { text: 'changed', pad: 'y'.repeat(300) });
    const second = await vault.backupTo(folder, { now: new Date(T0 + HOUR) });
    const set = backupSetDir(folder, vault.vaultHex);
    const before = await logInodes(join(set, first.generation));
    const after = await logInodes(join(set, second.generation));
    const segments = [...after.keys()].sort();
    expect(segments.length).toBeGreaterThan(3);
    const open = segments.at(-1)!;
    // Every sealed segment is the previous generation's file (same inode), the open one a new copy.
    for (const name of segments.slice(0, -1)) expect(after.get(name), name).toBe(before.get(name));
    expect(after.get(open)).not.toBe(before.get(open));
    // Copied: the open segment, which grew. Linked: the sealed segments, and keys.json, seen.bin,
    // presence.bin and the marker, unchanged since (no heartbeat in this test, no unlock or lock).
    expect(second).toMatchObject({
      verified: 'changed-files',
      copiedFiles: 1,
      linkedFiles: segments.length - 1 + 4,
    });
    expect(second.bytesCopied).toBeLessThan(SEGMENT_BYTES + 4096);
    const sidecar = JSON.parse(await readFile(join(set, second.generation, SIDECAR_FILE), 'utf8'));
    expect(Object.keys(sidecar.sources)).toContain(`devices/${A}/${segments[0]}`);
    expect(await verifyVault(join(set, second.generation), { passphrase: PASS })).toMatchObject({ ok: true });
    await vault.lock();
  });

  it('starts a new segment after backing up a sizeable one, so the next backup copies only the changes since', async () => {
    const { vault, folder } = await officeVault({ segmentBytes: 128 * 1024 });
    await mkdir(folder);
    const first = await vault.backupTo(folder, { now: new Date(T0) });
    await vault.put('note', 'n3', { text: 'changed' });
    const second = await vault.backupTo(folder, { now: new Date(T0 + HOUR) });
    const set = backupSetDir(folder, vault.vaultHex);
    const before = await logInodes(join(set, first.generation));
    const after = await logInodes(join(set, second.generation));
    expect([...before.keys()]).toEqual(['log-000001.bin']);
    // The segment the first backup copied (about 35 KiB, over an eighth of a segment) stayed as copied and is linked; the copy
    // is the new segment: the first backup's audit entry and the save since.
    expect([...after.keys()].sort()).toEqual(['log-000001.bin', 'log-000002.bin']);
    expect(after.get('log-000001.bin')).toBe(before.get('log-000001.bin'));
    expect(second).toMatchObject({ copiedFiles: 1 });
    expect(second.bytesCopied).toBeLessThan(4096);
    await vault.lock();
  });

  it('links another computer’s open segment too while nothing was appended to it', async () => {
    const root = await tempRoot();
    const [office, laptop, folder] = ['office', 'laptop', 'backups'].map((n) => join(root, n)) as [
      string,
      string,
      string,
    ];
    await mkdir(folder);
    const { vault: a } = await SyncedVault.create(office, PASS, {
      kdf,
      device: { hex: A, name: 'Office' },
      heartbeatMs: 0,
    });
    await syncFolder(office, laptop, B);
    const b = await SyncedVault.open(
      laptop,
      { passphrase: PASS },
      { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
    );
    await b.put('note', 'n1', { text: 'from the laptop' });
    await b.lock();
    await syncFolder(laptop, office, A);
    const first = await a.backupTo(folder, { now: new Date(T0) });
    await a.put('note', 'n2', { text: 'from the office' });
    const second = await a.backupTo(folder, { now: new Date(T0 + HOUR) });
    const set = backupSetDir(folder, a.vaultHex);
    const ino = async (generation: string, device: string) =>
      (await stat(join(set, generation, 'devices', device, 'log-000001.bin'))).ino;
    expect(await ino(second.generation, B)).toBe(await ino(first.generation, B));
    expect(await ino(second.generation, A)).not.toBe(await ino(first.generation, A));
    // Copied: only the office's own segment; linked: the laptop's segment and every small file.
    expect(second).toMatchObject({ copiedFiles: 1, linkedFiles: 8 });
    await a.lock();
  });

  it('catches a byte flipped in a copied file by the check after writing, and keeps no generation', async () => {
    // A backup drive that changes one byte of each log segment written to it, while `flip` is set.
    let flip = false;
    const flipOn = new Set<number>();
    const fs: VaultFs = {
      ...nodeVaultFs,
      async open(path, flags, mode) {
        const fd = await nodeVaultFs.open(path, flags, mode);
        if (flip && flags === 'wx' && /\.partial-.*log-\d{6}\.bin$/.test(path)) flipOn.add(fd);
        return fd;
      },
      async write(fd, data, position) {
        if (!flipOn.delete(fd)) return nodeVaultFs.write(fd, data, position);
        const bad = Buffer.from(data);
        bad.writeUInt8(bad.readUInt8(bad.length - 20) ^ 0x01, bad.length - 20);
        return nodeVaultFs.write(fd, bad, position);
      },
    };
    const { vault, folder } = await officeVault({ fs });
    await mkdir(folder);
    const good = await vault.backupTo(folder, { now: new Date(T0) });
    await vault.put('note', 'n1', { text: 'changed' });
    flip = true;
    for (const hours of [1, 25]) {
      // Changed-files check (1 h: then the retry without links fails too) and the full one (25 h).
      await expect(vault.backupTo(folder, { now: new Date(T0 + hours * HOUR) })).rejects.toMatchObject({
        kind: 'integrity',
        message: expect.stringContaining('failed its check'),
      });
    }
    flip = false;
    const set = backupSetDir(folder, vault.vaultHex);
    expect((await readdir(set)).filter((n) => n.startsWith('2026'))).toEqual([good.generation]);
    const audit = vault.readAudit().map((a) => a.entry as { type: string; detail: Record<string, unknown> });
    expect(audit.filter((e) => e.type === 'backup').map((e) => e.detail.ok)).toEqual([true, false, false]);
    await vault.lock();
  });

  it('prunes generations by retention with a fake clock, and checks in full once a day', async () => {
    const { vault, folder } = await officeVault();
    await mkdir(folder);
    const made: string[] = [];
    const kinds: string[] = [];
    let pruned: string[] = [];
    for (let h = 0; h < 30; h++) {
      await vault.put('note', 'n0', { text: `hour ${h}` });
      const r = await vault.backupTo(folder, { now: new Date(T0 + h * HOUR) });
      made.push(r.generation);
      kinds.push(r.verified);
      pruned = pruned.concat(r.pruned);
    }
    await prunedRemovals();
    const keep = generationsToKeep(made, new Date(T0 + 29 * HOUR));
    expect(pruned.sort()).toEqual(made.filter((g) => !keep.has(g)).sort());
    expect(pruned.length).toBeGreaterThan(0);
    const left = (await readdir(backupSetDir(folder, vault.vaultHex))).filter((n) => n.startsWith('2026'));
    expect(left.sort()).toEqual([...keep].sort());
    expect(kinds[0]).toBe('full');
    expect(kinds[24]).toBe('full');
    expect(kinds.filter((k) => k === 'full')).toHaveLength(2);
    await vault.lock();
  });

  it('a backup taken while another computer’s files are arriving is a valid vault of what had arrived', {
    timeout: 120_000,
  }, async () => {
    const root = await tempRoot();
    const [office, laptop, folder] = ['office', 'laptop', 'backups'].map((n) => join(root, n)) as [
      string,
      string,
      string,
    ];
    await mkdir(folder);
    const options = { heartbeatMs: 0, segmentBytes: 4096 };
    const { vault: a } = await SyncedVault.create(office, PASS, {
      kdf,
      device: { hex: A, name: 'Office' },
      ...options,
    });
    await a.put('client', 'c1', { code: 'C-1' });
    await syncFolder(office, laptop, B);
    const b = await SyncedVault.open(
      laptop,
      { passphrase: PASS },
      { device: { hex: B, name: 'Laptop' }, ...options },
    );
    // Partial files are written in place and completed later, as a tool seen mid-copy leaves them.
    const sync = new FolderSync({
      folders: [office, laptop],
      seed: 11,
      tool: 'syncthing',
      faults: { partialRate: 0.9, deliverRate: 1, maxDelay: 0, longDelayRate: 0, staleOverwriteRate: 0 },
    });
    let tornAtBackup = 0;
    try {
      for (let round = 0; round < 12; round++) {
        for (let i = 0; i < 2; i++)
          await b.put('note', `n${round}-${i}`, { text: `round ${round}`, pad: 'z'.repeat(400) });
        await sync.step();
        tornAtBackup += await tornSegments(join(office, 'devices', B));
        const r = await a.backupTo(folder, { now: new Date(T0 + round * HOUR) });
        expect(r.verify.ok).toBe(true);
        const generationDir = join(backupSetDir(folder, a.vaultHex), r.generation);
        // From outside, only changes the laptop claims that had not arrived yet: nothing damaged.
        const report = await verifyVault(generationDir, { passphrase: PASS });
        expect(report.problems.filter((p) => !p.problem.startsWith('Waiting'))).toEqual([]);
        const opened = await openCopy(generationDir, root);
        for (const note of await opened.getAll('note')) {
          expect(note.value).toEqual(await b.get('note', note.id));
        }
        expect(await opened.get('client', 'c1')).toEqual({ code: 'C-1' });
        await opened.lock();
      }
    } finally {
      await b.lock();
      await a.lock();
      await sync.dispose();
    }
    expect(tornAtBackup).toBeGreaterThan(0);
  });
});

/** How many of a device folder's log segments end in an incomplete frame right now. */
async function tornSegments(dir: string): Promise<number> {
  let torn = 0;
  for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) =>
    /^log-\d{6}\.bin$/.test(n),
  )) {
    if (walkSegment(await readFile(join(dir, name))).torn) torn++;
  }
  return torn;
}
