import { AttuneError } from '../../../shared/errors';
import { SEAL_OVERHEAD } from '../aead';
import { ascii, sha256, u8, u64 } from '../binary';
import { encodeFrame, FRAME_HEADER_BYTES, MAX_FRAME_BODY, scanFrames } from '../frames';
import { padme, padPayload, unpadPayload } from './padme';
import type { LogFrame } from './types';

/**
 * Frames of a device's log and the header of its segment files (FORMAT.md §6, §7):
 *
 *   frame = "ATF2" || u32 L || u32 (L xor 0xFFFFFFFF) || u64 seq || prev (32) || sealed
 *   AD    = "attune/v2/log" || vaultId || deviceId || u64 seq || prev
 *
 * The framing, torn-tail and damage rules are format 1's (frames.ts), with the previous frame's
 * hash carried in clear and bound into the AD, and the plaintext Padmé-padded.
 */
export const LOG_FRAME_MAGIC = ascii('ATF2');
export const ZERO_HASH: Buffer = Buffer.alloc(32);

const HASH_BYTES = 32;
const ID_BYTES = 16;
const SEQ_BYTES = 8;
const AD_LABEL = ascii('attune/v2/log');
/**
 * u32(P) of the padding and u32(M) of the payload: the 8 bytes that make §7's "L >= 76"
 * (8 seq + 32 prev + 28 AEAD overhead + 8). Padding makes every real frame much longer (at least
 * 1024 bytes of plaintext); a shorter one fails its padding check, which is damage all the same.
 */
const MIN_PLAINTEXT = 8;

function checkIds(vaultId: Buffer, deviceId: Buffer): void {
  if (vaultId.length !== ID_BYTES || deviceId.length !== ID_BYTES) {
    throw new RangeError('vault and device ids are 16 raw bytes');
  }
}

const adPrefix = (vaultId: Buffer, deviceId: Buffer): Buffer => Buffer.concat([AD_LABEL, vaultId, deviceId]);

/** The associated data of frame `seq` of `deviceId`'s log, chained to `prev`. */
export function logFrameAd(vaultId: Buffer, deviceId: Buffer, seq: number, prev: Buffer): Buffer {
  checkIds(vaultId, deviceId);
  return Buffer.concat([adPrefix(vaultId, deviceId), u64(seq), prev]);
}

/** Seals `payload` (padded) as frame `seq`; `hash` is the SHA-256 of the whole frame, the next `prev`. */
export function encodeLogFrame(
  key: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
  seq: number,
  prev: Buffer,
  payload: Buffer,
): { bytes: Buffer; hash: Buffer } {
  checkIds(vaultId, deviceId);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`bad frame sequence number ${seq}`);
  if (prev.length !== HASH_BYTES) throw new RangeError('prev is a 32-byte hash');
  // A frame longer than readers accept would be committed and then read back as damage.
  const body = SEQ_BYTES + HASH_BYTES + SEAL_OVERHEAD + padme(Math.max(4 + payload.length, 1024));
  if (body > MAX_FRAME_BODY) {
    throw new AttuneError(
      'invalid-input',
      'This change is too large to save in one piece (over 1 GB). Save it in smaller parts.',
    );
  }
  const plain = padPayload(payload);
  try {
    const bytes = encodeFrame(LOG_FRAME_MAGIC, key, adPrefix(vaultId, deviceId), seq, plain, prev);
    return { bytes, hash: sha256(bytes) };
  } finally {
    plain.fill(0); // a copy of note text
  }
}

export interface LogFrameScan {
  frames: Array<Omit<LogFrame, 'file'>>;
  /** Offset just past the last good frame. */
  end: number;
  /** Bytes after `end` are an incomplete frame: still arriving, or an append cut short. */
  tornTail: boolean;
  /** A complete frame that fails its checks, from `offset` on. */
  damage: { offset: number; problem: string } | null;
}

/**
 * Reads the frames of one segment from `start` (just after the segment header, or where an
 * earlier read ended) to the end of `bytes`. It checks each frame alone: framing, sequence
 * number range, authentication and padding. The chain (`prev`) is the reader's to check.
 * A file now shorter than `start` yields nothing (end = start, no torn tail): only the caller
 * knows it read further before, which means the file was replaced by a shorter copy.
 */
export function scanLogFrames(
  bytes: Buffer,
  start: number,
  key: Buffer,
  vaultId: Buffer,
  deviceId: Buffer,
): LogFrameScan {
  checkIds(vaultId, deviceId);
  if (!Number.isSafeInteger(start) || start < SEGMENT_HEADER_BYTES) {
    throw new RangeError('frames start after the segment header');
  }
  const scan = scanFrames(bytes, LOG_FRAME_MAGIC, key, adPrefix(vaultId, deviceId), {
    start,
    clearTailBytes: HASH_BYTES,
    minPlaintextBytes: MIN_PLAINTEXT,
  });
  const frames: LogFrameScan['frames'] = [];
  // scanFrames stops at its first problem, so a problem found here comes earlier and replaces it.
  for (const frame of scan.frames) {
    // Seq 0 authenticates only if a writer sealed it; seqs above 2^53 - 1 scanFrames refuses.
    const problem = frame.seq < 1 ? 'an entry has an impossible sequence number' : null;
    const payload = problem ? null : unpadPayload(frame.plaintext);
    if (!payload) {
      frame.plaintext.fill(0);
      for (const later of scan.frames.slice(frames.length + 1)) later.plaintext.fill(0);
      return {
        frames,
        end: frame.start,
        tornTail: false,
        damage: {
          offset: frame.start,
          problem: problem ?? 'an entry is damaged (its padding is not as written)',
        },
      };
    }
    const prevAt = frame.start + FRAME_HEADER_BYTES + SEQ_BYTES;
    frames.push({
      seq: frame.seq,
      prev: Buffer.from(bytes.subarray(prevAt, prevAt + HASH_BYTES)),
      hash: sha256(bytes.subarray(frame.start, frame.end)),
      payload,
      start: frame.start,
      end: frame.end,
    });
  }
  return { frames, end: scan.end, tornTail: scan.tornTail, damage: scan.damage };
}

const SEGMENT_MAGIC = ascii('ATLG');
const SEGMENT_VERSION = 2;
export const SEGMENT_HEADER_BYTES = 25;
/** Segment numbers are six decimal digits in file names (FORMAT.md §6). */
export const MAX_SEGMENT = 999_999;

/** `"ATLG" || u8(2) || deviceId || u32(segment)`: the first bytes of every log segment. */
export function encodeSegmentHeader(deviceId: Buffer, segment: number): Buffer {
  if (deviceId.length !== ID_BYTES) throw new RangeError('device ids are 16 raw bytes');
  if (!Number.isInteger(segment) || segment < 1 || segment > MAX_SEGMENT) {
    throw new RangeError(`bad segment number ${segment}`);
  }
  const header = Buffer.alloc(SEGMENT_HEADER_BYTES);
  SEGMENT_MAGIC.copy(header, 0);
  u8(SEGMENT_VERSION).copy(header, 4);
  deviceId.copy(header, 5);
  header.writeUInt32BE(segment, 21);
  return header;
}

/**
 * The device id and segment number a segment's first 25 bytes state, or null when they are not a
 * format-2 segment header. The caller compares them with the file's folder and name.
 */
export function parseSegmentHeader(bytes: Buffer): { deviceId: Buffer; segment: number } | null {
  if (bytes.length < SEGMENT_HEADER_BYTES) return null;
  if (!bytes.subarray(0, 4).equals(SEGMENT_MAGIC) || bytes[4] !== SEGMENT_VERSION) return null;
  const segment = bytes.readUInt32BE(21);
  if (segment < 1 || segment > MAX_SEGMENT) return null;
  return { deviceId: Buffer.from(bytes.subarray(5, 21)), segment };
}
