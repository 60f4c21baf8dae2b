import { join } from 'node:path';
import { atomicWriteFile } from '../atomicWrite';
import { isNotFound, type VaultFs } from '../vaultFs';
import { encodePack, scanPack } from './logPack';
import { readDeviceLog } from './readDeviceLog';
import { classifyDeviceFile, packFileName } from './syncNames';
import type { DeviceRef, LogFrame } from './types';

/** Packing waits for at least this many frames outside the newest pack (FORMAT.md §6.1 Writers). */
export const PACK_MIN_FRAMES = 256;

export type PackOutcome =
  | { packed: true; frames: number; segment: number; file: string }
  | { packed: false; reason: 'not-due' | 'log-not-clean' };

/**
 * Packs this device's own log (FORMAT.md §6.1) when enough frames lie outside its newest pack:
 * reads the log back from the folder, writes every frame 1..N into `pack-<newest segment>.bin` by
 * atomic write, reads that file back and checks it holds the same frames (seq and hash), and only
 * then removes the older packs. The segments are never touched. Called with the log closed for
 * appending (at lock) and the device's process lock held, so nothing is appended meanwhile.
 */
export async function packOwnLog(args: {
  fs: VaultFs;
  vaultDir: string;
  device: DeviceRef;
  vaultId: Buffer;
  logKey: Buffer;
  minFrames?: number;
}): Promise<PackOutcome> {
  const { fs, vaultDir, device, vaultId, logKey } = args;
  const read = await readDeviceLog(fs, vaultDir, device, logKey, vaultId, { own: true });
  try {
    return await pack(args, read);
  } finally {
    for (const found of read.frames.values()) for (const frame of found) frame.payload.fill(0);
  }
}

async function pack(
  args: Parameters<typeof packOwnLog>[0],
  read: Awaited<ReturnType<typeof readDeviceLog>>,
): Promise<PackOutcome> {
  const { fs, vaultDir, device, vaultId, logKey } = args;
  const files = [...read.files.values()];
  // Only a log that reads clean to its end is packed: a pack must never make damage look settled.
  if (read.forkSeqs.size > 0 || files.some((f) => f.damage || f.tornTail || f.artefactOf)) {
    return { packed: false, reason: 'log-not-clean' };
  }
  const frames: LogFrame[] = [];
  for (let seq = 1; read.frames.has(seq); seq++) {
    const frame = read.frames.get(seq)![0]!;
    const prev = frames.at(-1)?.hash;
    if (prev && !frame.prev.equals(prev)) return { packed: false, reason: 'log-not-clean' };
    frames.push(frame);
  }
  if (frames.length !== read.frames.size || frames.length === 0)
    return { packed: false, reason: 'log-not-clean' };
  const packedBefore = Math.max(0, ...files.map((f) => f.pack?.last ?? 0));
  const outside = frames.length - packedBefore;
  if (outside < Math.max(args.minFrames ?? PACK_MIN_FRAMES, packedBefore / 4)) {
    return { packed: false, reason: 'not-due' };
  }
  const segments = files.filter((f) => !f.pack);
  const newest = segments.reduce((a, b) => (b.segment > a.segment ? b : a), segments[0]!);
  if (!newest) return { packed: false, reason: 'log-not-clean' };
  const bytes = encodePack(
    logKey,
    vaultId,
    device.id,
    { segment: newest.segment, segmentEnd: newest.end },
    frames,
  );
  const name = packFileName(newest.segment);
  const deviceDir = join(vaultDir, 'devices', device.hex);
  await atomicWriteFile(fs, join(deviceDir, name), bytes, { syncDir: true });

  // Read back what is on disk: the older packs go only once this one is known to hold every frame.
  const check = scanPack(
    await fs.readFile(join(deviceDir, name)),
    logKey,
    vaultId,
    device.id,
    newest.segment,
    name,
  );
  const same =
    check.ok &&
    check.frames.length === frames.length &&
    check.frames.every((f, i) => f.hash.equals(frames[i]!.hash) && f.seq === frames[i]!.seq);
  if (check.ok) for (const f of check.frames) f.payload.fill(0);
  if (!same) {
    await fs.unlink(join(deviceDir, name)).catch(() => undefined);
    throw new Error(`the pack written (${name}) did not read back with the log's frames`);
  }
  for (const other of await fs.readdir(deviceDir)) {
    const kind = classifyDeviceFile(other);
    if (kind.type === 'pack' && kind.segment < newest.segment) {
      await fs.unlink(join(deviceDir, other)).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    }
  }
  return { packed: true, frames: frames.length, segment: newest.segment, file: name };
}
