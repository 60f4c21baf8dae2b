import { join } from 'node:path';
import { isNotFound, type VaultFs } from '../vaultFs';
import type { LogTail } from './deviceLogWriter';
import { encodeSegmentHeader, parseSegmentHeader, SEGMENT_HEADER_BYTES, scanLogFrames } from './logFrame';
import { classifyDeviceFile, type SyncTool } from './syncNames';
import type { DeviceRef, LogFrame, SyncProblem } from './types';

/** What one file gave, kept so that an incremental re-read redoes only the files that changed. */
export interface SegmentFileRead {
  /** Segment number: the file's own, or for a conflict copy that of the file it copies. */
  segment: number;
  /** Set for a sync tool's conflict copy of a segment. */
  artefactOf?: { name: string; tool: SyncTool };
  size: number;
  mtimeMs: number;
  /** Just past the last complete, authentic frame: where a re-read resumes. */
  end: number;
  frames: LogFrame[];
  /** Bytes after `end` that are an incomplete frame (still arriving, or a crash during an append). */
  tornTail: boolean;
  /** Damage or a wrong header: the file is not read past `end`, and re-read whole when it changes. */
  damage: SyncProblem | null;
}

export interface DeviceLogRead {
  deviceHex: string;
  /** Every authentic frame found, by seq; more than one entry at a seq only when files disagree (a fork). */
  frames: Map<number, LogFrame[]>;
  /** Damage, forks, conflict copies read, foreign files, bad segment headers. Device names are not
   *  known here: messages name the device by its hex id, written so that replacing the hex with
   *  the device's name reads well ("Part of <hex>'s changes" -> "Part of Laptop's changes"). */
  problems: SyncProblem[];
  /** Where each file was read to, for an incremental re-read: file name -> { size, end } */
  positions: Map<string, { size: number; end: number }>;
  /** Own device only: the newest segment and the end of its last complete frame, for
   *  DeviceLogWriter.open (`closed` when that segment is damaged and must not be appended to). */
  tail: LogTail | null;
  /** Per file, what it gave (the frames above are their merge). */
  files: Map<string, SegmentFileRead>;
  /** The frames in `frames` that the `since` read did not have (all of them on a full read), so
   *  a caller can decode and offer only those. */
  added: LogFrame[];
  /** The seqs at which files disagree (more than one frame in `frames`). */
  forkSeqs: Set<number>;
}

const TOOL_NAMES: Record<SyncTool, string> = {
  syncthing: 'Syncthing',
  dropbox: 'Dropbox',
  onedrive: 'OneDrive',
  icloud: 'iCloud Drive',
  gdrive: 'Google Drive',
  nextcloud: 'Nextcloud',
};

interface Listed {
  name: string;
  segment: number;
  artefactOf?: { name: string; tool: SyncTool };
}

/**
 * Reads one device's log segments, and the sync tools' conflict copies of them (FORMAT-v2.md §6,
 * §8 first part, §11). It collects authentic frames by seq and reports what is wrong; it does not
 * follow the hash chain or apply anything (the caller does). With `since`, only files whose size
 * or time changed are read again, and a file that only grew is read from where the last read
 * stopped, so picking up a few new changes costs little however long the log is. The `since`
 * read is taken over: its `frames` map is extended in place and returned, so keep only the new
 * result (passing a taken-over read again is safe but costs a full merge).
 */
export async function readDeviceLog(
  fs: VaultFs,
  vaultDir: string,
  device: DeviceRef,
  logKey: Buffer,
  vaultId: Buffer,
  options: { own: boolean; since?: DeviceLogRead },
): Promise<DeviceLogRead> {
  const folder = `devices/${device.hex}`;
  const dir = join(vaultDir, 'devices', device.hex);
  const names = await fs.readdir(dir).catch((error: unknown) => {
    if (isNotFound(error)) return [] as string[];
    throw error;
  });
  const listed: Listed[] = [];
  const notes: SyncProblem[] = [];
  for (const name of names) {
    const kind = classifyDeviceFile(name);
    if (kind.type === 'segment') listed.push({ name, segment: kind.segment });
    else if (kind.type === 'foreign') notes.push(foreignProblem(folder, name, device.hex));
    else if (kind.type === 'artefact') {
      // A copy of a copy ("log-000001 2 (1).bin") is a copy of the segment it finally names.
      let ofName = kind.of;
      let of = classifyDeviceFile(ofName);
      while (of.type === 'artefact') {
        ofName = of.of;
        of = classifyDeviceFile(ofName);
      }
      // Conflict copies of keys.json, seen.bin and presence.bin are their own readers' business.
      if (of.type !== 'segment') continue;
      listed.push({ name, segment: of.segment, artefactOf: { name: ofName, tool: kind.tool } });
      notes.push({
        type: 'artefact',
        file: `${folder}/${name}`,
        deviceHex: device.hex,
        message:
          `${TOOL_NAMES[kind.tool]} made a conflict copy of ${device.hex}'s ${ofName}, named ${name}. ` +
          'Attune reads the changes in it as well, so nothing is lost; you do not need to do anything.',
      });
    }
    // keys.json, seen.bin, presence.bin, the lock, temp files and partial downloads: not read here.
  }
  // Segments in number order, each before its conflict copies: a seq's first entry is the segment's.
  listed.sort(
    (a, b) =>
      a.segment - b.segment ||
      Number(a.artefactOf !== undefined) - Number(b.artefactOf !== undefined) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );

  const context: ReadContext = { fs, dir, folder, device, logKey, vaultId, own: options.own };
  const { since } = options;
  const files = new Map<string, SegmentFileRead>();
  // Frames that only add to what `since` had (new bytes, new files); null once a file went away
  // or was read whole again, when its old frames may have to go and everything is merged anew.
  let fresh: LogFrame[] | null = since ? [] : null;
  for (const entry of listed) {
    const before = since?.files.get(entry.name);
    const read = await readSegmentFile(context, entry, before);
    if (!read) continue;
    files.set(entry.name, read);
    if (!fresh || read === before) continue;
    const kept = before?.frames.length ?? 0;
    if (kept === 0 || read.frames[kept - 1] === before?.frames[kept - 1])
      fresh.push(...read.frames.slice(kept));
    else fresh = null;
  }
  if (since && fresh) {
    for (const name of since.files.keys()) if (!files.has(name)) fresh = null;
  }
  const base = { deviceHex: device.hex, folder, files, notes, own: options.own };
  if (since && takenOver.has(since)) {
    // Its map already holds frames of a later read whose result the caller did not keep (an
    // error after it, say): merge anew and report every frame as added; offering a frame twice
    // is harmless, missing one is not.
    return merge(base, undefined);
  }
  return since && fresh ? extend(base, since, fresh) : merge(base, since?.frames);
}

interface ReadContext {
  fs: VaultFs;
  dir: string;
  folder: string;
  device: DeviceRef;
  logKey: Buffer;
  vaultId: Buffer;
  own: boolean;
}

/** Reads one file, or reuses / extends what an earlier read found; null when the file has gone. */
async function readSegmentFile(
  context: ReadContext,
  entry: Listed,
  before: SegmentFileRead | undefined,
): Promise<SegmentFileRead | null> {
  const { fs } = context;
  const path = join(context.dir, entry.name);
  const gone = (error: unknown): null => {
    // A sync tool may rename or remove a file between the listing and the read: read it next time.
    if (isNotFound(error)) return null;
    throw error;
  };
  if (before) {
    const stat = await fs.stat(path).catch(gone);
    if (!stat) return null;
    if (stat.size === before.size && stat.mtimeMs === before.mtimeMs) return before;
    // A log only grows: a file that grew past a clean read is read from where that read stopped.
    // Anything else (shrunk, rewritten at the same size, or damaged before) is read whole again.
    if (stat.size > before.size && before.damage === null && before.end >= SEGMENT_HEADER_BYTES) {
      // scanLogFrames starts after a header's worth of bytes: read from that much before `end`.
      const from = before.end - SEGMENT_HEADER_BYTES;
      const bytes = await readRange(fs, path, from, stat.size - from).catch(gone);
      if (!bytes) return null;
      const scanned = scanFrom(context, entry, bytes, SEGMENT_HEADER_BYTES, from);
      return {
        ...scanned,
        segment: entry.segment,
        artefactOf: entry.artefactOf,
        size: from + bytes.length,
        mtimeMs: stat.mtimeMs,
        frames: before.frames.concat(scanned.frames),
      };
    }
  }
  // The modification time is taken before the read, so a change during the read is seen next time.
  const stat = await fs.stat(path).catch(gone);
  if (!stat) return null;
  const bytes = await fs.readFile(path).catch(gone);
  if (!bytes) return null;
  const base = {
    segment: entry.segment,
    artefactOf: entry.artefactOf,
    size: bytes.length,
    mtimeMs: stat.mtimeMs,
  };
  const header = checkHeader(context, entry, bytes);
  if (header === 'arriving') return { ...base, end: 0, frames: [], tornTail: true, damage: null };
  if (header !== null) return { ...base, end: 0, frames: [], tornTail: false, damage: header };
  return { ...base, ...scanFrom(context, entry, bytes, SEGMENT_HEADER_BYTES, 0) };
}

/** Checks the file header against the file's name and folder (FORMAT-v2.md §6). */
function checkHeader(context: ReadContext, entry: Listed, bytes: Buffer): SyncProblem | 'arriving' | null {
  const { device } = context;
  if (bytes.length < SEGMENT_HEADER_BYTES) {
    // Another device's file may be caught while it is still being copied in. This device's own
    // segments are created by atomic write, so a short one is damage.
    const expected = encodeSegmentHeader(device.id, entry.segment);
    if (!context.own && bytes.equals(expected.subarray(0, bytes.length))) return 'arriving';
    return headerProblem(context, entry, 'it is shorter than its header');
  }
  const parsed = parseSegmentHeader(bytes.subarray(0, SEGMENT_HEADER_BYTES));
  if (parsed === null) return headerProblem(context, entry, 'its header is not that of an Attune change log');
  if (!parsed.deviceId.equals(device.id)) {
    return headerProblem(context, entry, 'its header names another device');
  }
  if (parsed.segment !== entry.segment) {
    return headerProblem(context, entry, `its header says it is part ${parsed.segment}`);
  }
  return null;
}

function headerProblem(context: ReadContext, entry: Listed, why: string): SyncProblem {
  const { device, folder } = context;
  return {
    type: 'damage',
    file: `${folder}/${entry.name}`,
    deviceHex: device.hex,
    message:
      `${entry.name} in the folder of ${device.hex}'s changes is not readable (${why}), so Attune ` +
      'skipped it. If it was copied there by hand, move it out; otherwise open Attune on ' +
      `${device.hex} so the sync tool sends its files again, or restore a backup.`,
  };
}

/** Scans frames from `start` in `bytes`, whose first byte is at file offset `base`. */
function scanFrom(
  context: ReadContext,
  entry: Listed,
  bytes: Buffer,
  start: number,
  base: number,
): Pick<SegmentFileRead, 'end' | 'frames' | 'tornTail' | 'damage'> {
  const scan = scanLogFrames(bytes, start, context.logKey, context.vaultId, context.device.id);
  const frames: LogFrame[] = scan.frames.map((frame) => ({
    ...frame,
    file: entry.name,
    start: base + frame.start,
    end: base + frame.end,
  }));
  const damage = scan.damage
    ? damageProblem(context, entry.name, base + scan.damage.offset, scan.damage.problem)
    : null;
  return { end: base + scan.end, frames, tornTail: scan.tornTail, damage };
}

function damageProblem(context: ReadContext, name: string, offset: number, why: string): SyncProblem {
  const { device, folder } = context;
  const whatToDo = context.own
    ? 'The changes before that point are kept. If another computer using this vault has the ' +
      'whole file, open Attune there; otherwise restore a backup to get the later changes back.'
    : 'The changes before that point are kept. Open Attune on ' +
      `${device.hex} so the sync tool sends the file again, or restore a backup.`;
  return {
    type: 'damage',
    file: `${folder}/${name}`,
    deviceHex: device.hex,
    message: `Part of ${device.hex}'s changes (${name} from byte ${offset}) is damaged: ${why}. ${whatToDo}`,
  };
}

function foreignProblem(folder: string, name: string, deviceHex: string): SyncProblem {
  return {
    type: 'foreign',
    file: `${folder}/${name}`,
    deviceHex,
    message:
      `${name}, in the folder of ${deviceHex}'s changes, is not an Attune file. Attune does not ` +
      'read or delete it; if you do not need it, you can move it out of the vault folder.',
  };
}

async function readRange(fs: VaultFs, path: string, position: number, length: number): Promise<Buffer> {
  const fd = await fs.open(path, 'r');
  try {
    return await fs.read(fd, length, position);
  } finally {
    await fs.close(fd);
  }
}

interface MergeBase {
  deviceHex: string;
  folder: string;
  files: Map<string, SegmentFileRead>;
  notes: SyncProblem[];
  own: boolean;
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
function merge(base: MergeBase, before: Map<number, LogFrame[]> | undefined): DeviceLogRead {
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

/**
 * Adds only the new frames to the earlier read's map, which is taken over (extended in place):
 * picking up a few changes then costs the same however long the log is.
 */
function extend(base: MergeBase, since: DeviceLogRead, fresh: LogFrame[]): DeviceLogRead {
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
  for (const [name, read] of files) {
    if (!read.artefactOf && (newest === null || read.segment > newest.read.segment)) newest = { name, read };
  }
  for (const [name, read] of files) {
    positions.set(name, { size: read.size, end: read.end });
    if (read.damage) problems.push(read.damage);
    // Only this device's own segments are never caught half-copied; of those, only the newest may
    // end in a torn append (the writer cuts it off). Conflict copies are snapshots: not damage.
    else if (own && read.tornTail && !read.artefactOf && newest?.name !== name) {
      problems.push({
        type: 'damage',
        file: `${folder}/${name}`,
        deviceHex,
        message:
          `Part of ${deviceHex}'s changes (${name} from byte ${read.end}) is damaged: the file ends ` +
          'in the middle of a change, although later changes were written after it. The changes ' +
          'before that point are kept. If another computer using this vault has the whole file, ' +
          'open Attune there; otherwise restore a backup to get the later changes back.',
      });
    }
  }
  for (const seq of [...forkSeqs].sort((a, b) => a - b)) {
    problems.push(forkProblem(deviceHex, folder, seq, frames.get(seq)!));
  }
  const tail: LogTail | null =
    own && newest
      ? {
          segment: newest.read.segment,
          end: newest.read.end,
          ...(newest.read.damage ? { closed: true } : {}),
        }
      : null;
  return { deviceHex, frames, problems, positions, tail, files, added, forkSeqs };
}

function forkProblem(deviceHex: string, folder: string, seq: number, found: LogFrame[]): SyncProblem {
  const names = [...new Set(found.map((frame) => frame.file))];
  const where =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : `two places in ${names[0]}`;
  return {
    type: 'fork',
    file: `${folder}/${names[names.length - 1]}`,
    deviceHex,
    message:
      `Two different versions of change ${seq} from ${deviceHex} were found (in ${where}). This ` +
      "happens when a sync tool keeps two copies of a file, or when one computer's vault folder " +
      'was copied to another and used on both. Attune keeps both and uses the one that continues ' +
      `${deviceHex}'s history; check the changes made on ${deviceHex} around then.`,
  };
}
