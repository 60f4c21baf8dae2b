import { cp, mkdir, open, readdir, readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupSetDir } from '../../../../main/vault/backupSet';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { verifyVault } from '../../../../main/vault/verifyVault';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * Backups of a packed log (FORMAT.md §6.1, §16). A reader of the vault reads a device's frames
 * through its pack and never looks at the segments the pack covers, so one of those cut short or
 * damaged (an older copy put back, a bad sector) loses nothing in the vault. A backup that copied
 * only the segments then held fewer records than the vault, or was refused for good while every
 * check of the vault said it was fine. It carries the pack a reader uses.
 */
const tempRoot = tempRootsPerTest('attune-packed-backup-');
const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');
const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 };
const officeLog = (dir: string) => join(dir, 'devices', A);

/** A vault of `notes` saves in 8 KiB segments, locked, so packed (at least 20 frames outside a pack). */
async function packedVault(notes: number): Promise<{ root: string; dir: string; folder: string }> {
  const root = await tempRoot();
  const dir = join(root, 'vault');
  const { vault } = await SyncedVault.create(dir, PASS, {
    ...office,
    kdf,
    segmentBytes: 8 * 1024,
    packMinFrames: 20,
  });
  for (let i = 0; i < notes; i++) await vault.put('note', `n${i}`, { i, text: `note ${i} `.repeat(20) });
  await vault.lock();
  const names = await readdir(officeLog(dir));
  expect(names.filter((n) => n.startsWith('pack-'))).toHaveLength(1);
  expect(names.filter((n) => n.startsWith('log-')).length).toBeGreaterThan(2);
  const folder = join(root, 'backups');
  await mkdir(folder);
  return { root, dir, folder };
}

/** The office's vault opened without packing again at lock (so its files stay as the test left them). */
const openOffice = (dir: string) =>
  SyncedVault.open(dir, { passphrase: PASS }, { ...office, packMinFrames: 0 });

async function flipByte(path: string, at: number): Promise<void> {
  const file = await open(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await file.read(byte, 0, 1, at);
    byte[0] = (byte[0] ?? 0) ^ 0x40;
    await file.write(byte, 0, 1, at);
  } finally {
    await file.close();
  }
}

/** The note numbers a generation holds, opened as a new computer would (from a copy: opening writes). */
async function notesInGeneration(root: string, generationDir: string): Promise<number[]> {
  const copy = join(root, `opened-${Math.random().toString(16).slice(2)}`);
  await cp(generationDir, copy, { recursive: true });
  const opened = await SyncedVault.open(
    copy,
    { passphrase: PASS },
    { device: { name: 'Reader' }, heartbeatMs: 0 },
  );
  try {
    return (await opened.getAll<{ i: number }>('note')).map((r) => r.value.i).sort((a, b) => a - b);
  } finally {
    await opened.lock();
  }
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('backups of a packed log', () => {
  it('a covered segment cut short: the backup still holds every record, in full and changed-files checks alike', async () => {
    const { root, dir, folder } = await packedVault(40);
    // An older, shorter copy of the first segment put back: the pack holds its frames.
    await truncate(join(officeLog(dir), 'log-000001.bin'), 3000);
    const vault = await openOffice(dir);
    expect((await vault.getAll('note')).length).toBe(40);

    const first = await vault.backupTo(folder, { now: new Date(T0) });
    expect(first).toMatchObject({ verified: 'full', verify: { ok: true, problems: [] } });
    const firstDir = join(backupSetDir(folder, vault.vaultHex), first.generation);
    expect((await readdir(join(firstDir, 'devices', A))).filter((n) => n.startsWith('pack-'))).toHaveLength(
      1,
    );
    expect(await verifyVault(firstDir, { passphrase: PASS })).toMatchObject({ ok: true, problems: [] });
    expect(await notesInGeneration(root, firstDir)).toEqual(range(40));

    // The next backup, checked by what it copied: the pack is the previous one's, linked.
    await vault.put('note', 'n40', { i: 40, text: 'after the first backup' });
    const second = await vault.backupTo(folder, { now: new Date(T0 + HOUR) });
    expect(second).toMatchObject({ verified: 'changed-files', verify: { ok: true, problems: [] } });
    const secondDir = join(backupSetDir(folder, vault.vaultHex), second.generation);
    expect(await verifyVault(secondDir, { passphrase: PASS })).toMatchObject({ ok: true, problems: [] });
    expect(await notesInGeneration(root, secondDir)).toEqual(range(41));
    await vault.lock();
  });

  it('a bit flipped in a covered segment: backups go on (the vault reads the pack), and hold every record', async () => {
    const { root, dir, folder } = await packedVault(40);
    await flipByte(join(officeLog(dir), 'log-000001.bin'), 2000);
    const vault = await openOffice(dir);
    expect((await vault.verify()).ok).toBe(true);

    const first = await vault.backupTo(folder, { now: new Date(T0) });
    expect(first).toMatchObject({ verified: 'full', verify: { ok: true, problems: [] } });
    const firstDir = join(backupSetDir(folder, vault.vaultHex), first.generation);
    expect(await notesInGeneration(root, firstDir)).toEqual(range(40));

    await vault.put('note', 'n40', { i: 40, text: 'after the first backup' });
    const second = await vault.backupTo(folder, { now: new Date(T0 + HOUR) });
    expect(second).toMatchObject({ verified: 'changed-files', verify: { ok: true, problems: [] } });
    const secondDir = join(backupSetDir(folder, vault.vaultHex), second.generation);
    expect(await notesInGeneration(root, secondDir)).toEqual(range(41));
    await vault.lock();
  });

  it('a pack packed again since the last backup is copied and checked; a damaged pack is left out for the segments', async () => {
    const { root, dir, folder } = await packedVault(40);
    const vault = await openOffice(dir);
    const first = await vault.backupTo(folder, { now: new Date(T0) });
    expect(first.verify.ok).toBe(true);
    for (let i = 40; i < 70; i++) await vault.put('note', `n${i}`, { i, text: `note ${i} `.repeat(20) });
    await vault.lock();
    // Packed again at that lock (30 frames outside the pack).
    const repacked = await SyncedVault.open(dir, { passphrase: PASS }, { ...office, packMinFrames: 20 });
    const second = await repacked.backupTo(folder, { now: new Date(T0 + HOUR) });
    expect(second).toMatchObject({ verified: 'changed-files', verify: { ok: true, problems: [] } });
    const secondDir = join(backupSetDir(folder, repacked.vaultHex), second.generation);
    const packs = (await readdir(join(secondDir, 'devices', A))).filter((n) => n.startsWith('pack-'));
    expect(packs).toHaveLength(1);
    expect(await notesInGeneration(root, secondDir)).toEqual(range(70));
    await repacked.lock();

    // The pack damaged: a reader reads the segments (whole), and so does the backup.
    const [pack] = (await readdir(officeLog(dir))).filter((n) => n.startsWith('pack-'));
    await flipByte(join(officeLog(dir), pack!), 500);
    const again = await openOffice(dir);
    const third = await again.backupTo(folder, { now: new Date(T0 + 2 * HOUR) });
    expect(third.verify).toMatchObject({ ok: true, problems: [] });
    const thirdDir = join(backupSetDir(folder, again.vaultHex), third.generation);
    expect((await readdir(join(thirdDir, 'devices', A))).filter((n) => n.startsWith('pack-'))).toEqual([]);
    expect(await notesInGeneration(root, thirdDir)).toEqual(range(70));
    await again.lock();
  });

  it('damage before the pack’s end of its last segment: the next backups still pass the quick check (no full copy again)', async () => {
    const { root, dir, folder } = await packedVault(40);
    const segments = (await readdir(officeLog(dir))).filter((n) => n.startsWith('log-')).sort();
    const last = segments.at(-1)!;
    // The second frame's magic in the pack's last segment: a walk of it stops after the first.
    const bytes = await readFile(join(officeLog(dir), last));
    await flipByte(join(officeLog(dir), last), 25 + 12 + bytes.readUInt32BE(29));
    const vault = await openOffice(dir);
    for (let i = 40; i < 70; i++) await vault.put('note', `n${i}`, { i, text: `note ${i} `.repeat(20) });
    const first = await vault.backupTo(folder, { now: new Date(T0) });
    expect(first.verify).toMatchObject({ ok: true, problems: [] });
    await vault.put('note', 'n70', { i: 70, text: 'one more' });
    const second = await vault.backupTo(folder, { now: new Date(T0 + HOUR) });
    expect(second).toMatchObject({ verified: 'changed-files', verify: { ok: true, problems: [] } });
    expect(second.linkedFiles).toBeGreaterThan(0); // not the retry that copies everything
    const secondDir = join(backupSetDir(folder, vault.vaultHex), second.generation);
    expect(await notesInGeneration(root, secondDir)).toEqual(range(71));
    await vault.lock();
  });

  it('another computer’s pack holds its last segment, which is still arriving: the segments after it are copied, as a reader reads them', async () => {
    const { root, dir, folder } = await packedVault(40);
    // A laptop joins, with a segment per change (so the segment its pack ends in holds nothing
    // after the pack's end of it, as happens when a segment fills at that moment), and packs.
    const laptopDir = join(root, 'laptop');
    await cp(dir, laptopDir, { recursive: true });
    const laptopOptions = { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0, segmentBytes: 1 };
    const laptop = await SyncedVault.open(
      laptopDir,
      { passphrase: PASS },
      { ...laptopOptions, packMinFrames: 20 },
    );
    const laptopLog = join(laptopDir, 'devices', B);
    let i = 100;
    for (; i < 130; i++) await laptop.put('note', `n${i}`, { i, text: `note ${i}` });
    await laptop.lock();
    const [pack] = (await readdir(laptopLog)).filter((n) => n.startsWith('pack-'));
    const packed = pack!.replace('pack-', 'log-');
    // Its next saves go into the segments after the pack's last.
    const again = await SyncedVault.open(
      laptopDir,
      { passphrase: PASS },
      { ...laptopOptions, packMinFrames: 0 },
    );
    for (let j = 0; j < 5; j++, i++) await again.put('note', `n${i}`, { i, text: 'after the pack' });
    await again.lock();
    // The laptop's folder arrives at the office, its pack's last segment still on its way (cut short).
    await cp(laptopLog, join(dir, 'devices', B), { recursive: true });
    await truncate(join(dir, 'devices', B, packed), 100);
    const office = await openOffice(dir);
    const shown = (await office.getAll('note')).length;
    expect(shown).toBe(40 + (i - 100));
    const result = await office.backupTo(folder, { now: new Date(T0) });
    expect(result.verify).toMatchObject({ ok: true });
    const generation = join(backupSetDir(folder, office.vaultHex), result.generation);
    expect((await notesInGeneration(root, generation)).length).toBe(shown);
    await office.lock();
    // And with that segment not there at all.
    await rm(join(dir, 'devices', B, packed));
    const office2 = await openOffice(dir);
    expect((await office2.getAll('note')).length).toBe(shown);
    const result2 = await office2.backupTo(folder, { now: new Date(T0 + HOUR) });
    const generation2 = join(backupSetDir(folder, office2.vaultHex), result2.generation);
    expect((await notesInGeneration(root, generation2)).length).toBe(shown);
    await office2.lock();
  });
});
