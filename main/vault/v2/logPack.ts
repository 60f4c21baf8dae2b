import { ascii, sha256, u8, u32, u64 } from '../binary';
import { encodeFrame, FRAME_HEADER_BYTES, scanFrames } from '../frames';
import { padPayload, unpadPayload } from './padme';
import type { LogFrame } from './types';

/**
 * A device's pack of its own log (FORMAT.md §6.1): every frame of its segments 1..K, with their
 * own seq, prev, hash and payload, in a few large sealed pack frames, so that reading the log
 * costs one decryption per ~64 KiB instead of one per saved change.
 *
 *   file header = "ATPK" || u8 2 || deviceId || u32 K || u64 N || u64 E          (41 bytes)
 *   pack frame  = "ATP2" || u32 L || u32 ~L || u64 i || prevPack (32) || sealed
 *   AD          = "attune/v2/pack" || vaultId || deviceId || u32 K || u64 N || u64 E || u64 i || prevPack
 *   plaintext   = padded (§7) entries; entry = u64 seq || prev || hash || u32 S || payload
 */
export const PACK_HEADER_BYTES = 41;
/**
 * Entries per pack frame: about this many bytes (a larger single entry alone). 64 KiB rather
 * than more: input and output of one decryption then stay in the CPU's cache (measured on this
 * machine, 43 MB: 15–52 ms in 64 KiB pieces, 38–100 ms in 1 MiB pieces).
 */
export const PACK_FRAME_BYTES = 64 * 1024;

const PACK_MAGIC = ascii('ATPK');
const PACK_VERSION = 2;
const PACK_FRAME_MAGIC = ascii('ATP2');
const AD_LABEL = ascii('attune/v2/pack');
const HASH_BYTES = 32;
const SEQ_BYTES = 8;
const ENTRY_HEAD = SEQ_BYTES + HASH_BYTES + HASH_BYTES + 4;
const ZERO: Buffer = Buffer.alloc(HASH_BYTES);

/** One of the device's frames as a pack holds it. */
export interface PackedFrame {
  seq: number;
  prev: Buffer;
  hash: Buffer;
  /** The frame's unpadded payload (`u32(M) || meta || values`). */
  payload: Buffer;
}

export interface PackHeader {
  deviceId: Buffer;
  /** The last segment the pack covers (its file name's number). */
  segment: number;
  /** The last seq it holds. */
  last: number;
  /** Segment `segment`'s length when it was packed: frames after it are read from the segment. */
  segmentEnd: number;
}

function adPrefix(vaultId: Buffer, header: PackHeader): Buffer {
  return Buffer.concat([
    AD_LABEL,
    vaultId,
    header.deviceId,
    u32(header.segment),
    u64(header.last),
    u64(header.segmentEnd),
  ]);
}

function encodeHeader(header: PackHeader): Buffer {
  return Buffer.concat([
    PACK_MAGIC,
    u8(PACK_VERSION),
    header.deviceId,
    u32(header.segment),
    u64(header.last),
    u64(header.segmentEnd),
  ]);
}

export function parsePackHeader(bytes: Buffer): PackHeader | null {
  if (bytes.length < PACK_HEADER_BYTES) return null;
  if (!bytes.subarray(0, 4).equals(PACK_MAGIC) || bytes[4] !== PACK_VERSION) return null;
  const last = bytes.readBigUInt64BE(25);
  const segmentEnd = bytes.readBigUInt64BE(33);
  if (last < 1n || last > BigInt(Number.MAX_SAFE_INTEGER) || segmentEnd > BigInt(Number.MAX_SAFE_INTEGER))
    return null;
  return {
    deviceId: Buffer.from(bytes.subarray(5, 21)),
    segment: bytes.readUInt32BE(21),
    last: Number(last),
    segmentEnd: Number(segmentEnd),
  };
}

/** The whole pack file for `frames` (seq 1..N, chained), covering segments up to `segment`. */
export function encodePack(
  key: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
  cover: { segment: number; segmentEnd: number },
  frames: PackedFrame[],
): Buffer {
  const header: PackHeader = { deviceId, ...cover, last: frames.length };
  frames.forEach((frame, index) => {
    if (frame.seq !== index + 1) throw new RangeError(`a pack holds seq 1..N in order; found ${frame.seq}`);
  });
  const prefix = adPrefix(vaultId, header);
  const parts: Buffer[] = [encodeHeader(header)];
  let prevPack = ZERO;
  let index = 0;
  for (let at = 0; at < frames.length; ) {
    const entries: Buffer[] = [];
    let bytes = 0;
    while (at < frames.length && (entries.length === 0 || bytes < PACK_FRAME_BYTES)) {
      const frame = frames[at++]!;
      const head = Buffer.alloc(ENTRY_HEAD);
      head.writeBigUInt64BE(BigInt(frame.seq), 0);
      frame.prev.copy(head, SEQ_BYTES);
      frame.hash.copy(head, SEQ_BYTES + HASH_BYTES);
      head.writeUInt32BE(frame.payload.length, SEQ_BYTES + 2 * HASH_BYTES);
      entries.push(head, frame.payload);
      bytes += ENTRY_HEAD + frame.payload.length;
    }
    const plain = padPayload(Buffer.concat(entries));
    try {
      const sealed = encodeFrame(PACK_FRAME_MAGIC, key, prefix, ++index, plain, prevPack);
      prevPack = sha256(sealed);
      parts.push(sealed);
    } finally {
      plain.fill(0); // note text
    }
  }
  return Buffer.concat(parts);
}

export type PackScan =
  | { ok: true; header: PackHeader; frames: LogFrame[]; end: number }
  /** `arriving`: the file ends inside a pack frame (another device's pack still being copied in). */
  | { ok: false; arriving: boolean; problem: string };

/**
 * Reads and checks a whole pack (FORMAT.md §6.1 "A pack is valid"): header against the folder's
 * device and the name's segment, every pack frame authentic and chained, entries seq 1..N each
 * chained to the one before. Payloads are views into the decrypted pack frames.
 */
export function scanPack(
  bytes: Buffer,
  key: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
  segment: number,
  /** The pack's file name, which each frame names as where it was read. */
  file: string,
): PackScan {
  const bad = (problem: string): PackScan => ({ ok: false, arriving: false, problem });
  const header = parsePackHeader(bytes);
  if (!header) {
    const arriving = bytes.length < PACK_HEADER_BYTES && bytes.equals(PACK_MAGIC.subarray(0, bytes.length));
    return arriving
      ? { ok: false, arriving, problem: 'it is still arriving' }
      : bad('its header is not a pack’s');
  }
  if (!header.deviceId.equals(deviceId)) return bad('its header names another device');
  if (header.segment !== segment) return bad(`its header says it covers up to part ${header.segment}`);
  const scan = scanFrames(bytes, PACK_FRAME_MAGIC, key, adPrefix(vaultId, header), {
    start: PACK_HEADER_BYTES,
    clearTailBytes: HASH_BYTES,
    minPlaintextBytes: 4,
  });
  const wipe = () => {
    for (const f of scan.frames) f.plaintext.fill(0);
  };
  if (scan.damage) {
    wipe();
    return bad(scan.damage.problem);
  }
  if (scan.tornTail) {
    wipe();
    return { ok: false, arriving: true, problem: 'it is still arriving' };
  }
  const frames: LogFrame[] = [];
  let prevPack = ZERO;
  let prev = ZERO;
  for (const [index, packFrame] of scan.frames.entries()) {
    const prevAt = packFrame.start + FRAME_HEADER_BYTES + SEQ_BYTES;
    const entries = unpadPayload(packFrame.plaintext);
    if (
      packFrame.seq !== index + 1 ||
      !bytes.subarray(prevAt, prevAt + HASH_BYTES).equals(prevPack) ||
      entries === null
    ) {
      wipe();
      return bad('its parts are out of order or damaged');
    }
    prevPack = sha256(bytes.subarray(packFrame.start, packFrame.end));
    for (let at = 0; at < entries.length; ) {
      if (entries.length - at < ENTRY_HEAD) {
        wipe();
        return bad('an entry is cut short');
      }
      const seq = entries.readBigUInt64BE(at);
      const entryPrev = entries.subarray(at + SEQ_BYTES, at + SEQ_BYTES + HASH_BYTES);
      const hash = entries.subarray(at + SEQ_BYTES + HASH_BYTES, at + SEQ_BYTES + 2 * HASH_BYTES);
      const size = entries.readUInt32BE(at + SEQ_BYTES + 2 * HASH_BYTES);
      const payloadAt = at + ENTRY_HEAD;
      if (seq !== BigInt(frames.length + 1) || !entryPrev.equals(prev) || size > entries.length - payloadAt) {
        wipe();
        return bad('its entries do not follow one another');
      }
      // Built whole here, once per frame: a pack holds tens of thousands of them.
      frames.push({
        seq: frames.length + 1,
        prev: entryPrev,
        hash,
        payload: entries.subarray(payloadAt, payloadAt + size),
        file,
        start: packFrame.start,
        end: packFrame.end,
      });
      prev = hash;
      at = payloadAt + size;
    }
  }
  if (frames.length !== header.last) {
    wipe();
    return bad(`it holds ${frames.length} changes where its header says ${header.last}`);
  }
  return { ok: true, header, frames, end: scan.end };
}
