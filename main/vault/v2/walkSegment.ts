import { sha256 } from '../binary';
import { FRAME_HEADER_BYTES, MAX_FRAME_BODY } from '../frames';
import { LOG_FRAME_MAGIC, SEGMENT_HEADER_BYTES } from './logFrame';

/** A frame's place in its device's hash chain, read without the key. */
export interface FrameLink {
  seq: number;
  /** The previous frame's hash, as this frame states it. */
  prev: Buffer;
  /** SHA-256 of the whole frame. */
  hash: Buffer;
}

export interface SegmentWalk {
  /**
   * How many bytes to copy for a consistent copy of the segment: all of it, except an incomplete
   * frame at the end (a file still arriving, or an append cut short), which is left out. Bytes
   * that are not a frame at all (damage) are kept, so a check of the copy finds them.
   */
  keep: number;
  /** True when an incomplete last frame was left out. */
  torn: boolean;
  first: FrameLink | null;
  last: FrameLink | null;
}

const SEQ_BYTES = 8;
const HASH_BYTES = 32;

/**
 * Walks a log segment's frames by their self-delimiting lengths (FORMAT.md §7), without
 * decrypting: cheap enough for a backup to cut a torn tail off a file another computer is still
 * sending, and to find where a shared segment's chain ends. Authentication is the reader's job.
 */
export function walkSegment(bytes: Buffer): SegmentWalk {
  let pos = SEGMENT_HEADER_BYTES;
  let first: [number, number] | null = null;
  let last: [number, number] | null = null;
  // Only the first and last frames are hashed: a segment is megabytes, and the copy is hashed anyway.
  const link = (at: [number, number] | null): FrameLink | null => {
    if (!at) return null;
    const frame = bytes.subarray(at[0], at[1]);
    const seq = frame.readBigUInt64BE(FRAME_HEADER_BYTES);
    const prevAt = FRAME_HEADER_BYTES + SEQ_BYTES;
    return {
      seq: seq > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(seq),
      prev: Buffer.from(frame.subarray(prevAt, prevAt + HASH_BYTES)),
      hash: sha256(frame),
    };
  };
  const done = (torn: boolean): SegmentWalk => ({
    keep: torn ? pos : bytes.length,
    torn,
    first: link(first),
    last: link(last),
  });
  if (bytes.length < SEGMENT_HEADER_BYTES)
    return { keep: bytes.length, torn: false, first: null, last: null };
  while (pos < bytes.length) {
    const rest = bytes.subarray(pos);
    if (rest.length < FRAME_HEADER_BYTES) {
      const n = Math.min(rest.length, LOG_FRAME_MAGIC.length);
      return done(rest.every((b) => b === 0) || rest.subarray(0, n).equals(LOG_FRAME_MAGIC.subarray(0, n)));
    }
    const length = rest.readUInt32BE(4);
    if (
      !rest.subarray(0, 4).equals(LOG_FRAME_MAGIC) ||
      (length ^ 0xffffffff) >>> 0 !== rest.readUInt32BE(8)
    ) {
      // Space allocated before a crash but never filled reads as zeros: a torn tail too.
      return done(rest.every((b) => b === 0));
    }
    if (length < SEQ_BYTES + HASH_BYTES || length > MAX_FRAME_BODY) return done(false);
    if (rest.length < FRAME_HEADER_BYTES + length) return done(true);
    const end = pos + FRAME_HEADER_BYTES + length;
    first ??= [pos, end];
    last = [pos, end];
    pos = end;
  }
  return done(false);
}
