import { cp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultyFs } from '../../../../main/vault/faults';
import { scanPack } from '../../../../main/vault/v2/logPack';
import { packOwnLog } from '../../../../main/vault/v2/packOwnLog';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { readKeySlotFiles } from '../../../../main/vault/v2/readKeySlotFiles';
import { unlockSlots } from '../../../../main/vault/v2/unlockSlots';
import { nodeVaultFs } from '../../../../main/vault/vaultFs';
import { syncFolder } from './syncFolder';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-pack-');
const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0, packMinFrames: 20 };
const laptop = { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0, packMinFrames: 20 };
const officeDir = (dir: string) => join(dir, 'devices', A);
const namesIn = async (dir: string) => (await readdir(dir)).sort();

/** The vault id and log key, unlocked from the key slots as any reader does (FORMAT.md §3–4). */
async function logKeyOf(dir: string): Promise<{ log: Buffer; vaultId: Buffer }> {
  const marker = JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')) as { vaultId: string };
  const vaultId = Buffer.from(marker.vaultId, 'hex');
  const { files } = await readKeySlotFiles(nodeVaultFs, dir);
  const unlocked = await unlockSlots(files, { passphrase: PASS }, vaultId);
  return { log: unlocked.keys.log, vaultId };
}

/** A vault whose office log holds `notes` saves, one per frame, locked (and so packed when due). */
async function officeVault(notes: number, segmentBytes?: number): Promise<string> {
  const dir = join(await tempRoot(), 'office');
  const { vault } = await SyncedVault.create(dir, PASS, {
    ...office,
    kdf,
    ...(segmentBytes ? { segmentBytes } : {}),
  });
  for (let i = 0; i < notes; i++) await vault.put('note', `n${i}`, { i, text: 'x'.repeat(i % 7) });
  await vault.lock();
  return dir;
}

async function notesIn(
  dir: string,
  options = office,
): Promise<{ notes: number; problems: string[]; ok: boolean }> {
  const vault = await SyncedVault.open(dir, { passphrase: PASS }, options);
  try {
    const notes = (await vault.getAll<{ i: number }>('note')).map((r) => r.value.i);
    const report = await vault.verify();
    return {
      notes: new Set(notes).size,
      problems: vault.problems().map((p) => `${p.type}: ${p.message}`),
      ok: report.ok,
    };
  } finally {
    await vault.lock();
  }
}

describe('packs of a device’s own log (FORMAT.md §6.1)', () => {
  it('a lock with enough saves packs the log; the segments stay, reopening reads the same records with no problem', async () => {
    const dir = await officeVault(30, 8 * 1024);
    const names = await namesIn(officeDir(dir));
    const packs = names.filter((n) => n.startsWith('pack-'));
    const segments = names.filter((n) => n.startsWith('log-'));
    expect(segments.length).toBeGreaterThan(2);
    // One pack, covering every segment there was at the lock.
    expect(packs).toEqual([`pack-${segments.at(-1)!.slice(4)}`]);
    expect(await notesIn(dir)).toEqual({ notes: 30, problems: [], ok: true });
  });

  it('holds exactly the log’s frames: seq 1..N with their own hashes, chained', async () => {
    const dir = await officeVault(25);
    const { log, vaultId } = await logKeyOf(dir);
    const bytes = await readFile(join(officeDir(dir), 'pack-000001.bin'));
    const scan = scanPack(bytes, log, vaultId, Buffer.from(A, 'hex'), 1, 'pack-000001.bin');
    if (!scan.ok) throw new Error(scan.problem);
    expect(scan.frames.map((f) => f.seq)).toEqual(Array.from({ length: scan.header.last }, (_, i) => i + 1));
    for (const [i, f] of scan.frames.entries()) {
      expect(f.prev.equals(i === 0 ? Buffer.alloc(32) : scan.frames[i - 1]!.hash)).toBe(true);
    }
    // The pack is checked against its name: the same bytes under another segment number are refused.
    expect(scanPack(bytes, log, vaultId, Buffer.from(A, 'hex'), 2, 'pack-000002.bin').ok).toBe(false);
  });

  it('another computer reads the office through its pack, and its memory of the office’s log still holds', async () => {
    const root = await tempRoot();
    const officeCopy = join(root, 'office');
    const laptopCopy = join(root, 'laptop');
    const { vault } = await SyncedVault.create(officeCopy, PASS, { ...office, kdf });
    for (let i = 0; i < 10; i++) await vault.put('note', `n${i}`, { i });
    await vault.lock();
    // The laptop joins and sees 10 notes (its seen.bin and this computer's memory claim the office's head)...
    await syncFolder(officeCopy, laptopCopy, B);
    const seenBefore = await SyncedVault.open(laptopCopy, { passphrase: PASS }, laptop);
    expect(await seenBefore.getAll('note')).toHaveLength(10);
    await seenBefore.lock();
    await syncFolder(laptopCopy, officeCopy, A);
    // ...the office writes more and packs at its lock...
    const again = await SyncedVault.open(officeCopy, { passphrase: PASS }, office);
    for (let i = 10; i < 40; i++) await again.put('note', `n${i}`, { i });
    await again.lock();
    expect((await namesIn(officeDir(officeCopy))).filter((n) => n.startsWith('pack-'))).toHaveLength(1);
    // ...and the pack arrives at the laptop BEFORE the segments it covers (here: they never do).
    await cp(join(officeDir(officeCopy), 'pack-000001.bin'), join(officeDir(laptopCopy), 'pack-000001.bin'));
    const result = await notesIn(laptopCopy, laptop);
    expect(result).toEqual({ notes: 40, problems: [], ok: true });
    // Then the segments arrive too: the same frames, nothing doubled, nothing reported.
    await syncFolder(officeCopy, laptopCopy, B);
    expect(await notesIn(laptopCopy, laptop)).toEqual({ notes: 40, problems: [], ok: true });
  });

  it('a "newer wins" tool putting back the pre-pack files (no pack, or an older pack) loses nothing and reports nothing', async () => {
    const dir = await officeVault(30);
    const folder = officeDir(dir);
    const oldPack = await readFile(join(folder, 'pack-000001.bin'));
    // More saves; the next lock packs again (same last segment: the pack is replaced).
    const vault = await SyncedVault.open(dir, { passphrase: PASS }, office);
    for (let i = 30; i < 60; i++) await vault.put('note', `n${i}`, { i });
    await vault.lock();
    expect(await notesIn(dir)).toEqual({ notes: 60, problems: [], ok: true });
    await writeFile(join(folder, 'pack-000001.bin'), oldPack);
    expect(await notesIn(dir)).toEqual({ notes: 60, problems: [], ok: true });
    await rm(join(folder, 'pack-000001.bin'));
    expect(await notesIn(dir)).toEqual({ notes: 60, problems: [], ok: true });
  });

  it('a damaged pack is reported and not used; a pack still arriving from another computer is waited for silently', async () => {
    const dir = await officeVault(30);
    const path = join(officeDir(dir), 'pack-000001.bin');
    const bytes = await readFile(path);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 40]! ^= 1;
    await writeFile(path, flipped);
    const damaged = await notesIn(dir);
    expect(damaged.notes).toBe(30);
    expect(damaged.problems).toEqual([
      expect.stringMatching(/^damage: pack-000001\.bin, the packed copy .*No change is lost/),
    ]);
    // On another computer, a pack cut short is a file still arriving: nothing to report.
    await writeFile(path, bytes.subarray(0, bytes.length - 100));
    const laptopSide = await SyncedVault.open(dir, { passphrase: PASS }, laptop);
    try {
      expect(await laptopSide.getAll('note')).toHaveLength(30);
      expect(laptopSide.problems().filter((p) => p.file.includes('pack-'))).toEqual([]);
    } finally {
      await laptopSide.lock();
    }
  });

  it('changes saved after the pack go on in the segment it ends in, read from where the pack stopped', async () => {
    const dir = await officeVault(30);
    for (let round = 0; round < 3; round++) {
      const vault = await SyncedVault.open(dir, { passphrase: PASS }, office);
      await vault.put('note', `later${round}`, { i: 100 + round });
      await vault.lock();
    }
    expect(await namesIn(officeDir(dir))).toContain('pack-000001.bin');
    expect(await notesIn(dir)).toEqual({ notes: 33, problems: [], ok: true });
  });

  it('a covered segment cut short or gone: nothing is lost, and new saves never land where readers skip', async () => {
    const dir = await officeVault(30, 8 * 1024);
    const folder = officeDir(dir);
    const segments = (await namesIn(folder)).filter((n) => n.startsWith('log-'));
    const last = segments.at(-1)!;
    await truncate(join(folder, last), 100);
    await rm(join(folder, segments[0]!));
    const vault = await SyncedVault.open(dir, { passphrase: PASS }, { ...office, packMinFrames: 0 });
    await vault.put('note', 'after', { i: 999 });
    await vault.lock();
    // The save went into a new segment after the pack's last one.
    const after = (await namesIn(folder)).filter((n) => n.startsWith('log-'));
    expect(after.at(-1)! > last).toBe(true);
    const result = await notesIn(dir, { ...office, packMinFrames: 0 });
    expect(result.notes).toBe(31);
    expect(result.problems.join('\n')).toMatch(
      /shorter than the pack of these changes says; every change is in the pack/,
    );
  });

  it('a crash at any file-system call while packing leaves a vault that opens with every record and verifies', async () => {
    const probe = await officeVault(30);
    await rm(join(officeDir(probe), 'pack-000001.bin'));
    const pack = async (dir: string, fs: FaultyFs) => {
      const { log, vaultId } = await logKeyOf(dir);
      return packOwnLog({
        fs,
        vaultDir: dir,
        device: { id: Buffer.from(A, 'hex'), hex: A },
        vaultId,
        logKey: log,
        minFrames: 1,
      });
    };
    const counter = new FaultyFs();
    counter.arm();
    expect(await pack(probe, counter)).toMatchObject({ packed: true });
    const steps = counter.steps;
    expect(steps).toBeGreaterThan(5);
    for (let step = 1; step <= steps; step++) {
      const dir = join(await tempRoot(), `crash-${step}`);
      await cp(probe, dir, { recursive: true });
      await rm(join(officeDir(dir), 'pack-000001.bin'), { force: true });
      const fs = new FaultyFs();
      fs.arm({ at: step, mode: 'crash' });
      await pack(dir, fs).catch(() => undefined);
      const result = await notesIn(dir, { ...office, packMinFrames: 0 });
      expect(result, `step ${step}`).toEqual({ notes: 30, problems: [], ok: true });
    }
  }, 120_000);
});
