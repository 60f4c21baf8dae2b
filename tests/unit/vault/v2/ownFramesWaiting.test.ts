import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * A computer that crashed right after a save building on another computer's change, and opens
 * the vault again while that other computer's log in its folder is shorter than it was (put back
 * to an older copy, or still being written in place by the sync app). Its own last frames are
 * there, whole, but cannot apply until the other log is whole again. It must not append at their
 * numbers: that forks its own log, and every later open then carries on under a new device id
 * (found by killDuringSync.test: one kill, then an open while a file of the other computer had
 * arrived partly).
 */

const tempRoot = tempRootsPerTest('attune-own-waiting-');
const note = (marker: string) => ({ marker });
const opts = (hex: string, name: string) => ({ device: { hex, name }, heartbeatMs: 0 });
const open = (dir: string, hex: string, name: string) =>
  SyncedVault.open(dir, { passphrase: PASS }, opts(hex, name));

/** The files of a device folder, the process lock and temp files left out (what a crash leaves of them). */
async function deviceFiles(dir: string, hex: string): Promise<Map<string, Buffer>> {
  const folder = join(dir, 'devices', hex);
  const out = new Map<string, Buffer>();
  for (const name of await readdir(folder)) {
    if (name.startsWith('attune.lock') || name.includes('.tmp-')) continue;
    out.set(name, await readFile(join(folder, name)));
  }
  return out;
}

/** Puts a device folder back to `files` exactly: what was written after them is gone. */
async function putBack(dir: string, hex: string, files: Map<string, Buffer>): Promise<void> {
  const folder = join(dir, 'devices', hex);
  for (const name of await readdir(folder)) if (!files.has(name)) await rm(join(folder, name));
  for (const [name, bytes] of files) await writeFile(join(folder, name), bytes);
}

test('own frames waiting for another computer’s missing frames are never numbered over', async () => {
  const dir = join(await tempRoot(), 'vault');
  const { vault: office } = await SyncedVault.create(dir, PASS, { kdf, ...opts(A, 'Office iMac') });
  // The office's log before the save the laptop builds on: the older copy put back later.
  const officeOld = await deviceFiles(dir, A);
  await office.put('note', 'shared', note('A-1'));
  await office.lock();
  const officeWhole = await deviceFiles(dir, A);

  // The laptop edits the office's version, and crashes right after the save (its seen.bin and
  // presence still those of its open): its frame names the office's op as parent.
  const laptop = await open(dir, B, 'Laptop');
  await laptop.put('note', 'shared', note('B-1'));
  const crashed = await deviceFiles(dir, B);
  await laptop.lock();
  await putBack(dir, B, crashed);

  // The office's log goes back to its older copy; the laptop opens meanwhile.
  await putBack(dir, A, officeOld);
  const meanwhile = await open(dir, B, 'Laptop');
  const carriedOn = meanwhile.deviceHex;
  try {
    // It carries on under a new id, as when its log went back (FORMAT.md §9): nothing forks.
    expect(carriedOn).not.toBe(B);
    expect(meanwhile.replaces).toBe(B);
    expect(meanwhile.problems().filter((p) => p.type === 'fork')).toEqual([]);
    // The laptop's own save is not shown yet: it waits for the office's change it built on.
    expect(meanwhile.problems().some((p) => p.type === 'waiting' && p.deviceHex === B)).toBe(true);
    await meanwhile.put('note', 'later', note('B-2'));
  } finally {
    await meanwhile.lock();
  }

  // The office's files come back whole: nothing forked, nothing lost, every save shown.
  await putBack(dir, A, officeWhole);
  const after = await open(dir, carriedOn, 'Laptop');
  try {
    expect(after.deviceHex).toBe(carriedOn);
    const bad = after.problems().filter((p) => ['damage', 'fork', 'rollback', 'waiting'].includes(p.type));
    expect(bad).toEqual([]);
    expect((await after.get<{ marker: string }>('note', 'shared')).marker).toBe('B-1');
    expect((await after.get<{ marker: string }>('note', 'later')).marker).toBe('B-2');
    expect((await after.verify()).ok).toBe(true);
  } finally {
    await after.lock();
  }
  // The old id's log was never appended to after its waiting frames: opened under it (no
  // settings to remember the new id), it is whole and goes on.
  const again = await open(dir, B, 'Laptop');
  try {
    expect(again.deviceHex).toBe(B);
    expect(again.problems().filter((p) => p.type === 'fork')).toEqual([]);
  } finally {
    await again.lock();
  }
});
