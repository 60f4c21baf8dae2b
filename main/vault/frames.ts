import { createSecretKey } from 'node:crypto';
import { open, SEAL_OVERHEAD, seal } from './aead';
import { u32, u64 } from './binary';

/**
 * The append-only framed files (journal and audit log) share one layout (FORMAT-v1.md, "Frames"):
 *
 *   magic (4) | u32 L | u32 (L xor 0xFFFFFFFF) | body (L bytes)
 *   body = u64 seq | nonce (12) | AES-256-GCM ciphertext | tag (16)
 *
 * The length is stored twice so that a flipped bit in it is seen as damage, not mistaken for a
 * frame cut short by a crash: only a frame that really ends early is a torn write.
 */
export const FRAME_HEADER_BYTES = 12;
const SEQ_BYTES = 8;
export const MAX_FRAME_BODY = 1 << 30;

export interface Frame {
  seq: number;
  plaintext: Buffer;
  start: number;
  end: number;
}

export interface FrameScan {
  frames: Frame[];
  /** Offset just past the last good frame. */
  end: number;
  /** Bytes after `end` that are an incomplete frame (a crash in the middle of an append). */
  tornTail: boolean;
  /** A complete frame that fails its checks: damage or tampering, never a crash. */
  damage: { offset: number; problem: string } | null;
}

/**
 * Layout options of format 2's log frames (FORMAT.md §7), whose body carries the previous
 * frame's hash in clear after the seq. Format 1 passes none of them.
 */
export interface FrameLayout {
  /** Bytes stored in clear after the seq and bound, with it, into the AD (format 2: prev hash). */
  clearTailBytes?: number;
  /** The smallest plaintext a valid frame holds; shorter bodies are an impossible length. */
  minPlaintextBytes?: number;
  /** Where to start reading: an incremental read resumes at the end of the previous one. */
  start?: number;
}

export function encodeFrame(
  magic: Buffer,
  key: Buffer,
  adPrefix: Buffer,
  seq: number,
  plaintext: Buffer,
  clearTail: Buffer = Buffer.alloc(0),
): Buffer {
  const clear = Buffer.concat([u64(seq), clearTail]);
  const sealed = seal(key, plaintext, Buffer.concat([adPrefix, clear]));
  const length = clear.length + sealed.length;
  return Buffer.concat([magic, u32(length), u32((length ^ 0xffffffff) >>> 0), clear, sealed]);
}

const allZero = (bytes: Buffer): boolean => bytes.every((b) => b === 0);

/** Reads every frame of a framed file, stopping at a torn tail or at the first damaged frame. */
export function scanFrames(
  bytes: Buffer,
  magic: Buffer,
  key: Buffer,
  adPrefix: Buffer,
  layout: FrameLayout = {},
): FrameScan {
  const clearBytes = SEQ_BYTES + (layout.clearTailBytes ?? 0);
  const minBody = clearBytes + SEAL_OVERHEAD + (layout.minPlaintextBytes ?? 0);
  const frames: Frame[] = [];
  let pos = layout.start ?? 0;
  const stop = (tornTail: boolean, damage: FrameScan['damage'] = null): FrameScan => ({
    frames,
    end: pos,
    tornTail,
    damage,
  });
  // Set up once per scan, not per frame: the key schedule (a KeyObject) and the AD buffer, whose
  // clear part is overwritten for each frame (setAAD copies it). A segment holds thousands of frames.
  const keyObject = createSecretKey(key);
  const ad = Buffer.alloc(adPrefix.length + clearBytes);
  adPrefix.copy(ad, 0);
  while (pos < bytes.length) {
    const left = bytes.length - pos;
    if (left < FRAME_HEADER_BYTES) {
      const rest = bytes.subarray(pos);
      const n = Math.min(rest.length, magic.length);
      return allZero(rest) || rest.subarray(0, n).equals(magic.subarray(0, n))
        ? stop(true)
        : stop(false, { offset: pos, problem: 'an unreadable fragment follows the last entry' });
    }
    const length = bytes.readUInt32BE(pos + 4);
    if (
      bytes.compare(magic, 0, magic.length, pos, pos + 4) !== 0 ||
      (length ^ 0xffffffff) >>> 0 !== bytes.readUInt32BE(pos + 8)
    ) {
      // Space a file system allocated before the crash but never filled reads as zeros.
      return allZero(bytes.subarray(pos))
        ? stop(true)
        : stop(false, { offset: pos, problem: 'an entry header is damaged' });
    }
    if (length < minBody || length > MAX_FRAME_BODY) {
      return stop(false, { offset: pos, problem: 'an entry has an impossible length' });
    }
    if (left < FRAME_HEADER_BYTES + length) return stop(true);
    const bodyAt = pos + FRAME_HEADER_BYTES;
    const body = bytes.subarray(bodyAt, bodyAt + length);
    const seqBig = bytes.readBigUInt64BE(bodyAt);
    if (seqBig > BigInt(Number.MAX_SAFE_INTEGER)) {
      return stop(false, { offset: pos, problem: 'an entry has an impossible sequence number' });
    }
    bytes.copy(ad, adPrefix.length, bodyAt, bodyAt + clearBytes);
    const plaintext = open(keyObject, body, clearBytes, ad);
    if (!plaintext) {
      return stop(false, {
        offset: pos,
        problem: 'an entry is damaged or was altered (it fails authentication)',
      });
    }
    const end = bodyAt + length;
    frames.push({ seq: Number(seqBig), plaintext, start: pos, end });
    pos = end;
  }
  return stop(false);
}
