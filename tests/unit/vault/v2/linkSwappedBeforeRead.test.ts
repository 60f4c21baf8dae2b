import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSmallFile } from '../../../../main/vault/readSmallFile';
import { encodeLogFrame, encodeSegmentHeader, ZERO_HASH } from '../../../../main/vault/v2/logFrame';
import { encodePack } from '../../../../main/vault/v2/logPack';
import { readDeviceLog } from '../../../../main/vault/v2/readDeviceLog';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { packFileName, segmentFileName } from '../../../../main/vault/v2/syncNames';
import { nodeVaultFs, type VaultFs } from '../../../../main/vault/vaultFs';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * A file checked as a plain file, then replaced by a symbolic link before it is read (by a sync
 * tool or a person, in a synced folder others can write to). Before, the check was an lstat of the
 * path and the read opened the path again, following the link: the bytes came from wherever it
 * led. Now the file is opened without following a link, and the opened file itself is checked.
 */
const tempRoot = tempRootsPerTest('attune-swap-');

/**
 * The real file system, with `path` replaced by a link to `target` just before it is first opened
 * or read once `armed` (after any check of it by path: the race the reader must close).
 */
function swapBeforeRead(
  path: string,
  target: string,
): { fs: VaultFs; arm: () => void; swapped: () => boolean } {
  let armed = false;
  let swapped = false;
  const swap = async (p: string) => {
    if (!armed || swapped || p !== path) return;
    swapped = true;
    await unlink(path);
    await symlink(target, path);
  };
  const fs: VaultFs = {
    ...nodeVaultFs,
    readFile: async (p) => {
      await swap(p);
      return nodeVaultFs.readFile(p);
    },
    open: async (p, flags, mode) => {
      await swap(p);
      return nodeVaultFs.open(p, flags, mode);
    },
  };
  return {
    fs,
    arm: () => {
      armed = true;
    },
    swapped: () => swapped,
  };
}

/** One device's log of six frames, to write into its folder as segments or packs. */
async function deviceLog() {
  const root = await tempRoot();
  const id = randomBytes(16);
  const device = { id, hex: id.toString('hex') };
  const key = randomBytes(32);
  const vaultId = randomBytes(16);
  const frames: Buffer[] = [];
  let prev = ZERO_HASH;
  for (let seq = 1; seq <= 6; seq++) {
    const frame = encodeLogFrame(key, vaultId, id, seq, prev, Buffer.from(`change ${seq}`));
    frames.push(frame.bytes);
    prev = frame.hash;
  }
  const vaultDir = join(root, 'vault');
  const dir = join(vaultDir, 'devices', device.hex);
  await mkdir(dir, { recursive: true });
  const segment = (n: number, from: number, to: number) =>
    Buffer.concat([encodeSegmentHeader(id, n), ...frames.slice(from, to)]);
  const read = (fs: VaultFs, at = vaultDir) => readDeviceLog(fs, at, device, key, vaultId, { own: false });
  /** A pack of segment 1 holding frames 1..count (segment 1 holding frames 1 and 2). */
  const pack = async (count: number) => {
    const scratch = join(root, `scratch-${count}`);
    await mkdir(join(scratch, 'devices', device.hex), { recursive: true });
    await writeFile(join(scratch, 'devices', device.hex, segmentFileName(1)), segment(1, 0, count));
    const all = (await read(nodeVaultFs, scratch)).frames;
    const packed = [...all.keys()].sort((a, b) => a - b).map((seq) => all.get(seq)![0]!);
    const segmentEnd = segment(1, 0, 2).length;
    return encodePack(key, vaultId, id, { segment: 1, segmentEnd }, packed);
  };
  return { root, device, dir, segment, read, pack };
}

describe.skipIf(process.platform === 'win32')('a link swapped in after the check, before the read', () => {
  it('readSmallFile refuses it, and never returns what it leads to', async () => {
    const root = await tempRoot();
    const path = join(root, 'seen.bin');
    const outside = join(root, 'outside.txt');
    await writeFile(path, 'the vault’s own bytes');
    await writeFile(outside, 'a file outside the vault');
    const swap = swapBeforeRead(path, outside);
    swap.arm();
    await expect(readSmallFile(swap.fs, path)).rejects.toThrow(/it is not a plain file/);
    expect(swap.swapped()).toBe(true);
  });

  it('a log segment: reported as not a plain file, and the frames where the link leads are not read', async () => {
    const log = await deviceLog();
    await writeFile(join(log.dir, segmentFileName(1)), log.segment(1, 0, 2));
    await writeFile(join(log.dir, segmentFileName(2)), log.segment(2, 2, 4));
    // Where the link leads: a longer segment 2, which this folder never held.
    const outside = join(log.root, 'elsewhere.bin');
    await writeFile(outside, log.segment(2, 2, 6));
    const swap = swapBeforeRead(join(log.dir, segmentFileName(2)), outside);
    swap.arm();

    const read = await log.read(swap.fs);
    expect(swap.swapped()).toBe(true);
    expect([...read.frames.keys()].sort((a, b) => a - b)).toEqual([1, 2]);
    expect(read.problems.map((p) => p.message).join('\n')).toContain(
      `${segmentFileName(2)} in the folder of ${log.device.hex}'s changes is not readable (it is not a plain file)`,
    );
  });

  it('a pack: reported as not a plain file, and the frames where the link leads are not read', async () => {
    const log = await deviceLog();
    await writeFile(join(log.dir, segmentFileName(1)), log.segment(1, 0, 2));
    await writeFile(join(log.dir, packFileName(1)), await log.pack(2));
    // Where the link leads: a pack of the same segment holding frames this folder never held.
    const outside = join(log.root, 'elsewhere.bin');
    await writeFile(outside, await log.pack(6));
    const swap = swapBeforeRead(join(log.dir, packFileName(1)), outside);
    swap.arm();

    const read = await log.read(swap.fs);
    expect(swap.swapped()).toBe(true);
    expect([...read.frames.keys()].sort((a, b) => a - b)).toEqual([1, 2]);
    expect(read.problems.map((p) => p.message).join('\n')).toContain(
      `${packFileName(1)} in the folder of ${log.device.hex}'s changes is not readable (it is not a plain file)`,
    );
  });

  it('a backup does not copy what the link leads to', async () => {
    const root = await tempRoot();
    const dir = join(root, 'vault');
    const created = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex: B, name: 'Laptop' },
      heartbeatMs: 0,
    });
    await created.vault.put('note', 'laptop', { from: 'laptop' });
    await created.vault.lock();
    // The laptop's log, moved out of the vault: the link will lead to it.
    const outside = join(root, 'elsewhere.bin');
    const segment = join(dir, 'devices', B, segmentFileName(1));
    const swap = swapBeforeRead(segment, outside);
    const office = await SyncedVault.open(
      dir,
      { passphrase: PASS },
      { fs: swap.fs, device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
    );
    try {
      await rename(segment, outside);
      await writeFile(segment, encodeSegmentHeader(Buffer.from(B, 'hex'), 1));
      swap.arm();
      const folder = join(root, 'backups');
      await mkdir(folder);
      const backup = await office.backupTo(folder, { now: new Date('2026-12-01T10:00:00Z') });
      expect(swap.swapped()).toBe(true);
      const generation = join(folder, 'Attune backups', office.vaultHex, backup.generation);
      expect(await readdir(join(generation, 'devices', B))).not.toContain(segmentFileName(1));
    } finally {
      await office.lock();
    }
  });
});
