import { join } from 'node:path';
import { isPlainFile, NotPlainFileError, openPlainFile, readPlainFile } from '../readSmallFile';
import { isNotFound, type VaultFs } from '../vaultFs';
import {
  artefactProblem,
  damageProblem,
  foreignProblem,
  headerProblem,
  packProblem,
} from './deviceLogProblems';
import type { LogTail } from './deviceLogWriter';
import {
  encodeSegmentHeader,
  MAX_SEGMENT,
  parseSegmentHeader,
  SEGMENT_HEADER_BYTES,
  scanLogFrames,
} from './logFrame';
import { scanPack } from './logPack';
import { extendLogRead, isTakenOver, mergeLogFiles } from './mergeLogFiles';
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
  /** Set when the file is a pack (FORMAT.md §6.1); `segment` is then the last segment it covers. */
  pack?: { last: number; segmentEnd: number };
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

interface Listed {
  name: string;
  segment: number;
  artefactOf?: { name: string; tool: SyncTool };
}

/**
 * Reads one device's log segments, and the sync tools' conflict copies of them (FORMAT.md §6,
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
  const packs: Listed[] = [];
  const notes: SyncProblem[] = [];
  let skippedSegment = 0;
  for (const name of names) {
    const kind = classifyDeviceFile(name);
    const read = kind.type === 'segment' || kind.type === 'pack' || kind.type === 'artefact';
    if (read && !(await isPlainFile(fs, join(dir, name)))) {
      // A folder, link, pipe or device under a log's name (put there by hand or by a tool): never
      // read, since reading one may fail, hang (a pipe) or lead outside the vault (a link).
      notes.push(headerProblem(folder, name, device.hex, 'it is not a plain file'));
      // This device's next segment comes after a skipped name, except one at the last number
      // there is: no segment can come after it, so honouring it would refuse every save (and the
      // open, which saves an entry). Ignoring it is safe: this device writes its numbers in order,
      // so it cannot have reached the last one, and the segments it goes on with are plain files
      // that every reader reads. Refusing with a message instead would leave the user unable to
      // save notes until they found and moved the entry, for no data it protects.
      if (kind.type === 'segment' && kind.segment < MAX_SEGMENT)
        skippedSegment = Math.max(skippedSegment, kind.segment);
      continue;
    }
    if (kind.type === 'segment') listed.push({ name, segment: kind.segment });
    else if (kind.type === 'pack') packs.push({ name, segment: kind.segment });
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
      notes.push(artefactProblem(folder, name, device.hex, kind.tool, ofName));
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
  // The pack that covers the most segments and is valid (FORMAT.md §6.1): segments below the one
  // it ends in are not read, and that one only after the pack's end of it.
  const pack = await choosePack(context, packs, since, notes);
  if (pack) listed.unshift({ name: pack.name, segment: pack.read.segment });
  for (const entry of listed) {
    const before = since?.files.get(entry.name);
    const covered = pack && !entry.artefactOf ? pack.read : null;
    if (covered && entry.segment < covered.segment) continue;
    const read =
      entry.name === pack?.name
        ? pack.read
        : covered && entry.segment === covered.segment
          ? await readCoveredSegment(context, entry, before, covered.pack?.segmentEnd ?? 0)
          : await readSegmentFile(context, entry, before);
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
  const base = { deviceHex: device.hex, folder, files, notes, own: options.own, skippedSegment };
  if (since && isTakenOver(since)) {
    // Its map already holds frames of a later read whose result the caller did not keep (an
    // error after it, say): merge anew and report every frame as added; offering a frame twice
    // is harmless, missing one is not.
    return mergeLogFiles(base, undefined);
  }
  return since && fresh ? extendLogRead(base, since, fresh) : mergeLogFiles(base, since?.frames);
}

/**
 * Reads the device's packs from the one covering the most segments down, and returns the first
 * valid one (reused from `since` while unchanged). A pack that is not valid is left unused: one
 * still arriving silently, a damaged one reported (its frames are read from the segments anyway).
 */
async function choosePack(
  context: ReadContext,
  packs: Listed[],
  since: DeviceLogRead | undefined,
  notes: SyncProblem[],
): Promise<{ name: string; read: SegmentFileRead } | null> {
  const gone = (error: unknown): null => {
    if (isNotFound(error)) return null;
    throw error;
  };
  for (const entry of [...packs].sort((a, b) => b.segment - a.segment)) {
    const path = join(context.dir, entry.name);
    const stat = await context.fs.stat(path).catch(gone);
    if (!stat) continue;
    const before = since?.files.get(entry.name);
    if (before?.pack && before.size === stat.size && before.mtimeMs === stat.mtimeMs) {
      return { name: entry.name, read: before };
    }
    let bytes: Buffer | null;
    try {
      bytes = (await readPlainFile(context.fs, path)).bytes;
    } catch (error) {
      // A link (or folder, pipe) put under its name since the listing: never followed.
      if (!(error instanceof NotPlainFileError)) bytes = gone(error);
      else {
        notes.push(headerProblem(context.folder, entry.name, context.device.hex, 'it is not a plain file'));
        continue;
      }
    }
    if (!bytes) continue;
    const scan = scanPack(
      bytes,
      context.logKey,
      context.vaultId,
      context.device.id,
      entry.segment,
      entry.name,
    );
    if (!scan.ok) {
      if (!scan.arriving || context.own)
        notes.push(packProblem(context.folder, entry.name, context.device.hex, scan.problem));
      continue;
    }
    return {
      name: entry.name,
      read: {
        segment: entry.segment,
        size: bytes.length,
        mtimeMs: stat.mtimeMs,
        end: scan.end,
        frames: scan.frames,
        tornTail: false,
        damage: null,
        pack: { last: scan.header.last, segmentEnd: scan.header.segmentEnd },
      },
    };
  }
  return null;
}

/**
 * The last segment a pack covers, read only after the pack's end of it (FORMAT.md §6.1): frames
 * appended there after the pack was made. A segment now shorter than that end holds nothing the
 * pack lacks: another device's is still arriving; this device's own was cut short, which is
 * reported, and its writer starts a new segment rather than append where readers would not look.
 */
async function readCoveredSegment(
  context: ReadContext,
  entry: Listed,
  before: SegmentFileRead | undefined,
  segmentEnd: number,
): Promise<SegmentFileRead | null> {
  const path = join(context.dir, entry.name);
  const stat = await context.fs.stat(path).catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });
  if (!stat) return null;
  if (before && before.end >= segmentEnd) return readSegmentFile(context, entry, before);
  const base = {
    segment: entry.segment,
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    frames: [],
    tornTail: false,
  };
  if (stat.size < segmentEnd && !context.own) return { ...base, end: stat.size, damage: null };
  if (stat.size < segmentEnd) {
    const problem = headerProblem(
      context.folder,
      entry.name,
      context.device.hex,
      'it is shorter than the pack of these changes says; every change is in the pack',
    );
    return { ...base, end: stat.size, damage: problem };
  }
  const packed: SegmentFileRead = {
    ...base,
    size: segmentEnd,
    mtimeMs: Number.NaN,
    end: segmentEnd,
    damage: null,
  };
  if (stat.size === segmentEnd) return { ...packed, mtimeMs: stat.mtimeMs };
  return readSegmentFile(context, entry, packed);
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

/**
 * Reads one file, or reuses / extends what an earlier read found; null when the file has gone.
 * One that is no longer a plain file (a link swapped in since the listing) is not read: skipped
 * with the reason, as the listing skips one.
 */
async function readSegmentFile(
  context: ReadContext,
  entry: Listed,
  before: SegmentFileRead | undefined,
): Promise<SegmentFileRead | null> {
  try {
    return await readSegmentFileOnce(context, entry, before);
  } catch (error) {
    if (!(error instanceof NotPlainFileError)) throw error;
    return {
      segment: entry.segment,
      artefactOf: entry.artefactOf,
      size: 0,
      mtimeMs: Number.NaN,
      end: 0,
      frames: [],
      tornTail: false,
      damage: headerProblem(context.folder, entry.name, context.device.hex, 'it is not a plain file'),
    };
  }
}

async function readSegmentFileOnce(
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
  // The modification time is the opened file's, taken before the read, so a change during the
  // read is seen next time.
  const whole = await readPlainFile(fs, path).catch(gone);
  if (!whole) return null;
  const { bytes, stat } = whole;
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

/** Checks the file header against the file's name and folder (FORMAT.md §6). */
function checkHeader(context: ReadContext, entry: Listed, bytes: Buffer): SyncProblem | 'arriving' | null {
  const { device } = context;
  if (bytes.length < SEGMENT_HEADER_BYTES) {
    // Another device's file may be caught while it is still being copied in. This device's own
    // segments are created by atomic write, so a short one is damage.
    const expected = encodeSegmentHeader(device.id, entry.segment);
    if (!context.own && bytes.equals(expected.subarray(0, bytes.length))) return 'arriving';
    return headerProblem(context.folder, entry.name, context.device.hex, 'it is shorter than its header');
  }
  const parsed = parseSegmentHeader(bytes.subarray(0, SEGMENT_HEADER_BYTES));
  if (parsed === null)
    return headerProblem(
      context.folder,
      entry.name,
      context.device.hex,
      'its header is not that of an Attune change log',
    );
  if (!parsed.deviceId.equals(device.id)) {
    return headerProblem(context.folder, entry.name, context.device.hex, 'its header names another device');
  }
  if (parsed.segment !== entry.segment) {
    return headerProblem(
      context.folder,
      entry.name,
      context.device.hex,
      `its header says it is part ${parsed.segment}`,
    );
  }
  return null;
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
    ? damageProblem(
        context.folder,
        entry.name,
        context.device.hex,
        context.own,
        base + scan.damage.offset,
        scan.damage.problem,
      )
    : null;
  return { end: base + scan.end, frames, tornTail: scan.tornTail, damage };
}

/**
 * `length` bytes of the file at `path` from `position` (fewer at its end). Only a plain file is
 * read (NotPlainFileError otherwise), checked once opened: a link is never followed.
 */
export async function readRange(
  fs: VaultFs,
  path: string,
  position: number,
  length: number,
): Promise<Buffer> {
  const { fd } = await openPlainFile(fs, path);
  try {
    return await fs.read(fd, length, position);
  } finally {
    await fs.close(fd);
  }
}
