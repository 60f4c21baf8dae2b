import { forkProblem, tornSegmentProblem } from './deviceLogProblems';
import type { LogTail } from './deviceLogWriter';
import type { DeviceLogRead, SegmentFileRead } from './readDeviceLog';
import type { LogFrame, SyncProblem } from './types';

/**
 * How readDeviceLog turns its files into one device's frames by seq (FORMAT.md §8): a full
 * merge, or, when the files only grew, an extension of the earlier read by the new frames.
 */

/** One device's files as read, and what the listing itself turned up. */
export interface MergeBase {
  deviceHex: string;
  folder: string;
  files: Map<string, SegmentFileRead>;
  notes: SyncProblem[];
  own: boolean;
  /**
   * The highest number of a segment name that is not a plain file (skipped, readDeviceLog.ts), or
   * 0: this device's next segment comes after it, so the writer never writes where readers skip.
   * One at the last number there is (MAX_SEGMENT) is left out: nothing could come after it.
   */
  skippedSegment?: number;
}

/** Files in reading order: by segment number, each segment before its conflict copies, then by name. */
function fileOrder(
  a: { name: string; read: SegmentFileRead },
  b: { name: string; read: SegmentFileRead },
): number {
  return (
    a.read.segment - b.read.segment ||
    Number(a.read.artefactOf !== undefined) - Number(b.read.artefactOf !== undefined) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/**
 * Adds `frame` to `frames`; false when that very frame (same hash) is there already. Where several
 * files hold a seq, entries keep the files' reading order, so an incremental read names the same
 * files as a full one.
 */
function addFrame(
  frames: Map<number, LogFrame[]>,
  forkSeqs: Set<number>,
  files: Map<string, SegmentFileRead>,
  frame: LogFrame,
): boolean {
  const found = frames.get(frame.seq);
  if (!found) {
    frames.set(frame.seq, [frame]);
    return true;
  }
  const at = (f: LogFrame) => ({ name: f.file, read: files.get(f.file)! });
  const same = found.findIndex((other) => other.hash.equals(frame.hash));
  if (same >= 0) {
    if (fileOrder(at(frame), at(found[same]!)) < 0) found[same] = frame;
    return false;
  }
  found.push(frame);
  found.sort((a, b) => fileOrder(at(a), at(b)));
  forkSeqs.add(frame.seq);
  return true;
}

/** Merges every file's frames by seq (a full read, or an incremental one after a file was replaced). */
export function mergeLogFiles(base: MergeBase, before: Map<number, LogFrame[]> | undefined): DeviceLogRead {
  const frames = new Map<number, LogFrame[]>();
  const forkSeqs = new Set<number>();
  const added: LogFrame[] = [];
  const ordered = [...base.files].map(([name, read]) => ({ name, read })).sort(fileOrder);
  for (const { read } of ordered) {
    for (const frame of read.frames) {
      if (!addFrame(frames, forkSeqs, base.files, frame)) continue;
      if (!before?.get(frame.seq)?.some((other) => other.hash.equals(frame.hash))) added.push(frame);
    }
  }
  return finish(base, frames, forkSeqs, added);
}

/** Reads whose frame map a later read has extended: no longer a true picture of their own time. */
const takenOver = new WeakSet<DeviceLogRead>();

export const isTakenOver = (read: DeviceLogRead): boolean => takenOver.has(read);

/**
 * Adds only the new frames to the earlier read's map, which is taken over (extended in place):
 * picking up a few changes then costs the same however long the log is.
 */
export function extendLogRead(base: MergeBase, since: DeviceLogRead, fresh: LogFrame[]): DeviceLogRead {
  takenOver.add(since);
  const added = fresh.filter((frame) => addFrame(since.frames, since.forkSeqs, base.files, frame));
  return finish(base, since.frames, since.forkSeqs, added);
}

/** Positions, problems and the tail: per file, so cheap whatever the number of frames. */
function finish(
  base: MergeBase,
  frames: Map<number, LogFrame[]>,
  forkSeqs: Set<number>,
  added: LogFrame[],
): DeviceLogRead {
  const { deviceHex, folder, files, own } = base;
  const positions = new Map<string, { size: number; end: number }>();
  const problems: SyncProblem[] = [...base.notes];
  let newest: { name: string; read: SegmentFileRead } | null = null;
  let packed = 0;
  for (const [name, read] of files) {
    if (read.pack) packed = Math.max(packed, read.segment);
    else if (!read.artefactOf && (newest === null || read.segment > newest.read.segment))
      newest = { name, read };
  }
  for (const [name, read] of files) {
    positions.set(name, { size: read.size, end: read.end });
    if (read.damage) problems.push(read.damage);
    // Only this device's own segments are never caught half-copied; of those, only the newest may
    // end in a torn append (the writer cuts it off). Conflict copies are snapshots: not damage.
    else if (own && read.tornTail && !read.artefactOf && newest?.name !== name) {
      problems.push(tornSegmentProblem(folder, name, deviceHex, read.end));
    }
  }
  for (const seq of [...forkSeqs].sort((a, b) => a - b)) {
    problems.push(forkProblem(deviceHex, folder, seq, frames.get(seq)!));
  }
  // A pack's last segment gone from the folder: the next segment comes after it, never over a
  // packed one (FORMAT.md §6.1).
  const skipped = base.skippedSegment ?? 0;
  const tail: LogTail | null =
    own && skipped > Math.max(packed, newest?.read.segment ?? 0)
      ? { segment: skipped, end: 0, closed: true }
      : own && newest && newest.read.segment >= packed
        ? {
            segment: newest.read.segment,
            end: newest.read.end,
            ...(newest.read.damage ? { closed: true } : {}),
          }
        : own && packed > 0
          ? { segment: packed, end: 0, closed: true }
          : null;
  return { deviceHex, frames, problems, positions, tail, files, added, forkSeqs };
}
