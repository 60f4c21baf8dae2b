import { join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { sha256Hex } from '../binary';
import type { VaultFs } from '../vaultFs';
import type { VerifyProblem, VerifyReport } from '../vaultTypes';
import { parseKeySlots } from './keySlotsCodec';
import { parseSegmentHeader, SEGMENT_HEADER_BYTES, scanLogFrames, ZERO_HASH } from './logFrame';
import { scanPack } from './logPack';
import { MARKER_FILE, parseMarker } from './marker';
import { decodePresence } from './presenceFile';
import { DEVICES_DIR } from './readAllLogs';
import { decodeSeen } from './seenFile';
import { classifyDeviceFile, segmentFileName } from './syncNames';
import { type FrameLink, walkSegment } from './walkSegment';

/** What a format-2 backup generation was written to hold. */
export interface CopiedGeneration {
  /** Path in the generation (forward slashes) → SHA-256 of its bytes, as in the sidecar. */
  files: Record<string, string>;
  /** Paths copied by this backup. */
  copied: Set<string>;
  /** Paths hard-linked by this backup → the previous generation's file they link to. */
  linked: Map<string, string>;
  /** Copied segments that grew from the previous generation's whole copy: its size and SHA-256. */
  grown: Map<string, { size: number; hash: string }>;
  /**
   * Per device (hex), the pack carried (FORMAT.md §16): its path, the last segment it covers and
   * that segment's length when packed. A reader of the copy does not read the segments it covers.
   */
  packs: Map<string, { path: string; segment: number; segmentEnd: number }>;
}

/**
 * The check after writing an incremental format-2 generation, costing in proportion to what was
 * copied (format 1's verifyCopiedFiles, same rules): the marker (the bytes written, this vault's);
 * every device folder holding exactly the files written; every copied file holding the bytes
 * written and opening with the vault's keys (key slots parse, seen.bin and presence.bin
 * authenticate, every frame of a copied segment authenticates and chains to the one before,
 * across segments too); and every hard-linked segment being the previous generation's file
 * (same inode), whose bytes were checked when first backed up. Damage to such a shared file on
 * the backup drive is found by the next full check (at least daily) or by restore.
 */
export async function verifySyncedCopy(
  fs: VaultFs,
  dir: string,
  src: {
    vaultId: Buffer;
    keys: { log: Buffer; seen: Buffer; presence: Buffer };
    records: number;
    auditEntries: number;
  },
  expected: CopiedGeneration,
): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const note = (file: string, problem: string) => problems.push({ file, problem });
  const read = async (path: string): Promise<Buffer | null> => {
    try {
      return await fs.readFile(join(dir, path));
    } catch (error) {
      note(path, `This file could not be read back (${String(error)}).`);
      return null;
    }
  };

  // Every folder holds exactly what was written.
  const byDevice = new Map<string, Set<string>>();
  for (const path of Object.keys(expected.files)) {
    const [, hex, name] = path.split('/');
    if (!hex || !name) continue;
    const names = byDevice.get(hex) ?? new Set<string>();
    names.add(name);
    byDevice.set(hex, names);
  }
  const listed = await fs.readdir(join(dir, DEVICES_DIR)).catch(() => [] as string[]);
  for (const hex of listed)
    if (!byDevice.has(hex)) note(`${DEVICES_DIR}/${hex}`, 'This folder is not part of the backup.');
  for (const [hex, names] of byDevice) {
    const present = new Set(await fs.readdir(join(dir, DEVICES_DIR, hex)).catch(() => [] as string[]));
    for (const name of names) {
      if (!present.delete(name))
        note(`${DEVICES_DIR}/${hex}/${name}`, 'This file is missing from the backup.');
    }
    for (const foreign of present)
      note(`${DEVICES_DIR}/${hex}/${foreign}`, 'This file is not part of the backup.');
  }

  for (const [path, from] of expected.linked) {
    const [a, b] = await Promise.all([
      fs.stat(join(dir, path)).catch(() => null),
      fs.stat(from).catch(() => null),
    ]);
    if (!a || !b || a.ino !== b.ino || a.dev !== b.dev) {
      note(path, 'This file is not the previous backup’s checked copy it was linked to.');
    }
  }

  // Chain ends of each segment, by device and segment number, to check the chain across segments.
  const ends = new Map<
    string,
    Map<number, { first: FrameLink | null; last: FrameLink | null; copied: boolean }>
  >();
  for (const path of expected.copied) {
    const bytes = await read(path);
    if (!bytes) continue;
    if (sha256Hex(bytes) !== expected.files[path]) {
      note(path, 'This file does not hold the bytes that were written (it changed on the backup drive).');
      continue;
    }
    if (path === MARKER_FILE) {
      try {
        const marker = parseMarker(bytes);
        if (marker.version !== 2 || !marker.vaultId.equals(src.vaultId))
          note(path, 'The marker is not this vault’s.');
      } catch (error) {
        note(path, error instanceof AttuneError ? error.message : String(error));
      }
      continue;
    }
    const [, hex = '', name = ''] = path.split('/');
    const deviceId = Buffer.from(hex, 'hex');
    let kind = classifyDeviceFile(name);
    let ofName = name;
    while (kind.type === 'artefact') {
      ofName = kind.of;
      kind = classifyDeviceFile(kind.of);
    }
    if (kind.type === 'keys') {
      try {
        if (!parseKeySlots(bytes).vaultId.equals(src.vaultId))
          note(path, 'These key slots are not this vault’s.');
      } catch (error) {
        note(path, error instanceof AttuneError ? error.message : String(error));
      }
    } else if (kind.type === 'seen') {
      if (!decodeSeen(src.keys.seen, src.vaultId, deviceId, bytes))
        note(path, 'This file fails authentication.');
    } else if (kind.type === 'presence') {
      if (!decodePresence(src.keys.presence, src.vaultId, deviceId, bytes))
        note(path, 'This file fails authentication.');
    } else if (kind.type === 'pack') {
      const scan = scanPack(bytes, src.keys.log, src.vaultId, deviceId, kind.segment, name);
      if (scan.ok)
        for (const frame of scan.frames) frame.payload.fill(0); // note text
      else note(path, `This pack of changes is damaged: ${scan.problem}.`);
    } else if (kind.type === 'segment') {
      // A segment the carried pack covers is not read by a reader of the copy (FORMAT.md §6.1):
      // only what was appended to the pack's last segment after it was packed is checked.
      const pack = ofName === name ? expected.packs.get(hex) : undefined;
      if (pack && kind.segment < pack.segment) continue;
      const coveredTo = pack?.segment === kind.segment ? pack.segmentEnd : 0;
      if (coveredTo >= bytes.length) continue;
      const grewFrom = expected.grown.get(path);
      const problem = checkSegment(
        bytes,
        src.vaultId,
        deviceId,
        kind.segment,
        src.keys.log,
        grewFrom,
        coveredTo,
      );
      if (problem) note(path, problem);
      else if (ofName === name) {
        // The pack's last segment: only its frames after the pack's end of it are the copy's to chain
        // (a damaged frame before that end, which the pack holds whole, would cut a walk short).
        const walk = coveredTo ? walkAfter(bytes, coveredTo) : walkSegment(bytes);
        const device = ends.get(hex) ?? new Map();
        device.set(kind.segment, { first: coveredTo ? null : walk.first, last: walk.last, copied: true });
        ends.set(hex, device);
      }
    }
  }
  await checkChainAcrossSegments(fs, dir, expected, ends, note);

  problems.sort((a, b) => a.file.localeCompare(b.file));
  return { ok: problems.length === 0, records: src.records, auditEntries: src.auditEntries, problems };
}

/**
 * One copied segment alone: header, every frame authentic and padded, chained within the file.
 * When it begins with the previous generation's whole copy (`grewFrom`, same SHA-256), those
 * frames were checked then: only the frames after it are decrypted, the first chained to the
 * copy's last.
 */
function checkSegment(
  bytes: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
  segment: number,
  key: Buffer,
  grewFrom: { size: number; hash: string } | undefined,
  /** Where the frames a pack does not hold begin (the pack's end of its last segment), or 0. */
  coveredTo = 0,
): string | null {
  const header = parseSegmentHeader(bytes);
  if (!header?.deviceId.equals(deviceId) || header.segment !== segment) {
    return 'This log file’s header does not match its name and folder.';
  }
  let start = SEGMENT_HEADER_BYTES;
  let last: FrameLink | null = null;
  if (coveredTo > start && (!grewFrom || grewFrom.size < coveredTo)) {
    // The first frame after it chains to the pack's last entry, which a full check follows.
    start = coveredTo;
  } else if (
    grewFrom &&
    grewFrom.size >= SEGMENT_HEADER_BYTES &&
    grewFrom.size <= bytes.length &&
    sha256Hex(bytes.subarray(0, grewFrom.size)) === grewFrom.hash
  ) {
    start = grewFrom.size;
    const prefix = bytes.subarray(0, grewFrom.size);
    // Below the pack's end of it, the frames are the pack's (and may be damaged here): not walked.
    last = (coveredTo > SEGMENT_HEADER_BYTES ? walkAfter(prefix, coveredTo) : walkSegment(prefix)).last;
  }
  const scan = scanLogFrames(bytes, start, key, vaultId, deviceId);
  try {
    if (scan.damage) return `This log file is damaged: ${scan.damage.problem}.`;
    if (scan.tornTail) return 'This log file ends with an incomplete change.';
    const first = scan.frames[0];
    if (last && first && (first.seq !== last.seq + 1 || !first.prev.equals(last.hash))) {
      return `Change ${first.seq} in this log file does not follow the change before it.`;
    }
    for (let i = 1; i < scan.frames.length; i++) {
      const [before, frame] = [scan.frames[i - 1]!, scan.frames[i]!];
      if (frame.seq !== before.seq + 1 || !frame.prev.equals(before.hash)) {
        return `Change ${frame.seq} in this log file does not follow the change before it.`;
      }
    }
    return null;
  } finally {
    for (const frame of scan.frames) frame.payload.fill(0); // note text
  }
}

/**
 * The last frame of segments read in this process, by the SHA-256 of the segment's bytes: the same
 * bytes end with the same frame, so checking where a copied segment meets the linked one before it
 * need not read that one (megabytes) again. A few entries: the segments the last backups copied.
 */
const chainEnds = new Map<string, FrameLink | null>();

export function rememberChainEnd(hash: string, last: FrameLink | null): void {
  chainEnds.delete(hash);
  chainEnds.set(hash, last);
  for (const oldest of chainEnds.keys()) {
    if (chainEnds.size <= 32) break;
    chainEnds.delete(oldest);
  }
}

/** The last frame of a segment with this SHA-256, when this process walked it lately (undefined: not known). */
export const knownChainEnd = (hash: string): FrameLink | null | undefined => chainEnds.get(hash);

/** Where a copied segment meets its neighbour, the first frame must continue the one before. */
async function checkChainAcrossSegments(
  fs: VaultFs,
  dir: string,
  expected: CopiedGeneration,
  ends: Map<string, Map<number, { first: FrameLink | null; last: FrameLink | null; copied: boolean }>>,
  note: (file: string, problem: string) => void,
): Promise<void> {
  for (const [hex, device] of ends) {
    for (const [segment, here] of [...device]) {
      if (!here.copied) continue;
      const name = `${DEVICES_DIR}/${hex}/${segmentFileName(segment)}`;
      if (segment === 1) {
        if (here.first && (here.first.seq !== 1 || !here.first.prev.equals(ZERO_HASH))) {
          note(name, 'The first change of this device’s log is not its first.');
        }
        continue;
      }
      const beforeName = `${DEVICES_DIR}/${hex}/${segmentFileName(segment - 1)}`;
      let before = device.get(segment - 1);
      const hash = expected.files[beforeName];
      const pack = expected.packs.get(hex);
      // The pack's last segment is chained from its frames after the pack's end of it, if any.
      const from = pack?.segment === segment - 1 ? pack.segmentEnd : 0;
      const key = hash && chainEndKey(hash, from);
      if (!before && expected.linked.has(beforeName) && key && chainEnds.has(key)) {
        before = { first: null, last: chainEnds.get(key) ?? null, copied: false };
      } else if (!before && expected.linked.has(beforeName)) {
        const bytes = await fs.readFile(join(dir, beforeName)).catch(() => null);
        if (bytes && from) {
          before = { ...walkAfter(bytes, from), copied: false };
          if (key && sha256Hex(bytes) === hash) rememberChainEnd(key, before.last);
        } else {
          if (bytes) before = { ...walkSegment(bytes), copied: false };
          if (bytes && hash && sha256Hex(bytes) === hash) rememberChainEnd(hash, before?.last ?? null);
        }
      }
      if (!before?.last || !here.first) continue;
      if (here.first.seq !== before.last.seq + 1 || !here.first.prev.equals(before.last.hash)) {
        note(name, `Change ${here.first.seq} does not follow the last change of the log file before it.`);
      }
    }
  }
}

/**
 * The key of a segment's chain end in the cache: its SHA-256, and for a pack's last segment the
 * pack's end of it too (its chain end is then that of the frames after it).
 */
export const chainEndKey = (hash: string, from = 0): string => (from ? `${hash}@${from}` : hash);

/** The frames of a segment from byte `from` on (a frame's start), walked as a segment of their own. */
export function walkAfter(bytes: Buffer, from: number): ReturnType<typeof walkSegment> {
  const empty = { keep: SEGMENT_HEADER_BYTES, torn: false, first: null, last: null };
  if (from < SEGMENT_HEADER_BYTES || from >= bytes.length) return empty;
  return walkSegment(Buffer.concat([bytes.subarray(0, SEGMENT_HEADER_BYTES), bytes.subarray(from)]));
}
