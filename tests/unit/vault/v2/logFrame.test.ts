import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascii, sha256, u32 } from '../../../../main/vault/binary';
import { encodeFrame } from '../../../../main/vault/frames';
import {
  encodeLogFrame,
  encodeSegmentHeader,
  LOG_FRAME_MAGIC,
  logFrameAd,
  parseSegmentHeader,
  SEGMENT_HEADER_BYTES,
  scanLogFrames,
  ZERO_HASH,
} from '../../../../main/vault/v2/logFrame';
import { padPayload } from '../../../../main/vault/v2/padme';

const key = randomBytes(32);
const vaultId = randomBytes(16);
const deviceId = randomBytes(16);

/** A segment holding one frame per payload, chained from seq 1. */
function segment(payloads: Buffer[]): { bytes: Buffer; starts: number[]; hashes: Buffer[] } {
  const parts = [encodeSegmentHeader(deviceId, 1)];
  const starts: number[] = [];
  const hashes: Buffer[] = [];
  let prev = ZERO_HASH;
  let at = SEGMENT_HEADER_BYTES;
  payloads.forEach((payload, i) => {
    const frame = encodeLogFrame(key, vaultId, deviceId, i + 1, prev, payload);
    starts.push(at);
    hashes.push(frame.hash);
    parts.push(frame.bytes);
    at += frame.bytes.length;
    prev = frame.hash;
  });
  return { bytes: Buffer.concat(parts), starts, hashes };
}

const payloads = [Buffer.from('first'), Buffer.alloc(0), randomBytes(5000), Buffer.from('{"é":"👩🏽‍⚕️"}')];
const scan = (bytes: Buffer, start = SEGMENT_HEADER_BYTES) =>
  scanLogFrames(bytes, start, key, vaultId, deviceId);

describe('log frames', () => {
  it('reads back every frame: seq, prev, hash of the whole frame, unpadded payload, byte range', () => {
    const { bytes, starts, hashes } = segment(payloads);
    const result = scan(bytes);
    expect(result.damage).toBeNull();
    expect(result.tornTail).toBe(false);
    expect(result.end).toBe(bytes.length);
    expect(result.frames.map((f) => f.seq)).toEqual([1, 2, 3, 4]);
    result.frames.forEach((frame, i) => {
      expect(frame.payload).toEqual(payloads[i]);
      expect(frame.start).toBe(starts[i]);
      expect(frame.hash).toEqual(hashes[i]);
      expect(frame.hash).toEqual(sha256(bytes.subarray(frame.start, frame.end)));
      expect(frame.prev).toEqual(i === 0 ? ZERO_HASH : hashes[i - 1]);
      expect(bytes.subarray(frame.start, frame.start + 4)).toEqual(LOG_FRAME_MAGIC);
    });
  });

  it('gives small frames one size, whatever they hold (FORMAT.md §15)', () => {
    const sizes = [0, 1, 300, 1000].map(
      (n) => encodeLogFrame(key, vaultId, deviceId, 1, ZERO_HASH, randomBytes(n)).bytes.length,
    );
    expect(new Set(sizes)).toEqual(new Set([12 + 8 + 32 + 12 + 1024 + 16]));
  });

  it('resumes from where an earlier read ended, and reads a segment as it grows', () => {
    const { bytes, starts } = segment(payloads);
    const rest = scan(bytes, starts[2]);
    expect(rest.frames.map((f) => f.seq)).toEqual([3, 4]);
    // A file now shorter than where the last read ended: nothing read, nothing invented.
    expect(scan(bytes.subarray(0, starts[2]), starts[3])).toEqual({
      frames: [],
      end: starts[3],
      tornTail: false,
      damage: null,
    });
    // A segment still arriving: every prefix is the frames so far and a torn tail, never damage.
    for (let cut = SEGMENT_HEADER_BYTES; cut < bytes.length; cut += 97) {
      const partial = scan(bytes.subarray(0, cut));
      expect(partial.damage).toBeNull();
      const whole = partial.frames.length;
      expect(partial.end).toBe(whole < starts.length ? starts[whole] : bytes.length);
      expect(partial.tornTail).toBe(partial.end < cut);
      const next = scan(bytes, partial.end);
      expect(next.frames.length).toBe(payloads.length - whole);
    }
    // Space a file system allocated but never filled reads as zeros: a torn tail too.
    const zeros = scan(Buffer.concat([bytes, Buffer.alloc(300)]));
    expect(zeros.frames).toHaveLength(4);
    expect(zeros.tornTail).toBe(true);
    expect(zeros.damage).toBeNull();
  });

  it('reports any single changed byte as damage of that frame, keeping the frames before it', () => {
    const { bytes, starts } = segment(payloads);
    fc.assert(
      fc.property(
        fc.integer({ min: SEGMENT_HEADER_BYTES, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, xor) => {
          const altered = Buffer.from(bytes);
          altered[at] = altered[at]! ^ xor;
          const k = starts.filter((start) => start <= at).length - 1;
          const result = scan(altered);
          expect(result.frames.map((f) => f.seq)).toEqual([1, 2, 3, 4].slice(0, k));
          expect(result.damage?.offset).toBe(starts[k]);
          expect(result.end).toBe(starts[k]);
          expect(result.tornTail).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('binds the vault, the device, the key, the seq and the previous hash', () => {
    const { bytes } = segment(payloads.slice(0, 1));
    const others = [
      scanLogFrames(bytes, SEGMENT_HEADER_BYTES, key, randomBytes(16), deviceId),
      scanLogFrames(bytes, SEGMENT_HEADER_BYTES, key, vaultId, randomBytes(16)),
      scanLogFrames(bytes, SEGMENT_HEADER_BYTES, randomBytes(32), vaultId, deviceId),
    ];
    for (const result of others) {
      expect(result.frames).toEqual([]);
      expect(result.damage?.problem).toMatch(/fails authentication/);
    }
    // The AD is the documented byte string: sealing under it by hand gives a frame the reader takes.
    const prev = randomBytes(32);
    const ad = logFrameAd(vaultId, deviceId, 7, prev);
    expect(ad).toEqual(
      Buffer.concat([ascii('attune/v2/log'), vaultId, deviceId, Buffer.from([0, 0, 0, 0, 0, 0, 0, 7]), prev]),
    );
    const byHand = encodeFrame(
      LOG_FRAME_MAGIC,
      key,
      ad.subarray(0, ad.length - 40),
      7,
      padPayload(Buffer.from('x')),
      prev,
    );
    const read = scan(Buffer.concat([encodeSegmentHeader(deviceId, 1), byHand]));
    expect(read.frames[0]?.seq).toBe(7);
    expect(read.frames[0]?.prev).toEqual(prev);
  });

  it('reports a frame whose padding is not zero, or whose seq is 0, as damage even though it authenticates', () => {
    const prefix = Buffer.concat([ascii('attune/v2/log'), vaultId, deviceId]);
    const good = encodeLogFrame(key, vaultId, deviceId, 1, ZERO_HASH, Buffer.from('ok'));
    const badPadding = padPayload(Buffer.from('sneaky'));
    badPadding[badPadding.length - 1] = 0x41;
    const cases = [
      encodeFrame(LOG_FRAME_MAGIC, key, prefix, 2, badPadding, good.hash),
      encodeFrame(LOG_FRAME_MAGIC, key, prefix, 2, Buffer.concat([u32(5), Buffer.from('short')]), good.hash),
      encodeFrame(LOG_FRAME_MAGIC, key, prefix, 0, padPayload(Buffer.from('zero')), good.hash),
    ];
    for (const bad of cases) {
      const result = scan(Buffer.concat([encodeSegmentHeader(deviceId, 1), good.bytes, bad]));
      expect(result.frames.map((f) => f.seq)).toEqual([1]);
      expect(result.damage?.offset).toBe(SEGMENT_HEADER_BYTES + good.bytes.length);
      expect(result.tornTail).toBe(false);
    }
  });

  it('reports a length under 76 bytes as an impossible length, not a torn tail', () => {
    const header = (length: number) =>
      Buffer.concat([LOG_FRAME_MAGIC, u32(length), u32((length ^ 0xffffffff) >>> 0)]);
    const short = scan(Buffer.concat([encodeSegmentHeader(deviceId, 1), header(75), Buffer.alloc(75, 1)]));
    expect(short.damage?.problem).toMatch(/impossible length/);
    // 76 passes the length rule, and is then refused for what it holds.
    const min = scan(Buffer.concat([encodeSegmentHeader(deviceId, 1), header(76), Buffer.alloc(76)]));
    expect(min.damage?.problem).toMatch(/fails authentication/);
  });

  it('refuses to write what no reader would accept', () => {
    expect(() => encodeLogFrame(key, vaultId, deviceId, 0, ZERO_HASH, Buffer.alloc(1))).toThrow(RangeError);
    expect(() => encodeLogFrame(key, vaultId, deviceId, 1.5, ZERO_HASH, Buffer.alloc(1))).toThrow(RangeError);
    expect(() => encodeLogFrame(key, vaultId, deviceId, 1, Buffer.alloc(31), Buffer.alloc(1))).toThrow(
      RangeError,
    );
    expect(() => encodeLogFrame(key, vaultId, randomBytes(15), 1, ZERO_HASH, Buffer.alloc(1))).toThrow(
      RangeError,
    );
    expect(() => scan(Buffer.alloc(100), 0)).toThrow(RangeError);
  });

  it('writes and reads segment headers, refusing anything else', () => {
    const header = encodeSegmentHeader(deviceId, 12);
    expect(header).toHaveLength(SEGMENT_HEADER_BYTES);
    expect(header.subarray(0, 5)).toEqual(Buffer.concat([ascii('ATLG'), Buffer.from([2])]));
    expect(parseSegmentHeader(header)).toEqual({ deviceId, segment: 12 });
    expect(parseSegmentHeader(Buffer.concat([header, randomBytes(50)]))).toEqual({ deviceId, segment: 12 });
    const variants = [header.subarray(0, 24), Buffer.from(header), Buffer.from(header), Buffer.from(header)];
    variants[1]![0] = 0x61; // magic
    variants[2]![4] = 1; // format 1's version
    variants[3]!.writeUInt32BE(0, 21); // segment 0
    for (const bad of variants) expect(parseSegmentHeader(bad)).toBeNull();
    for (const bad of [0, 1_000_000, 1.5])
      expect(() => encodeSegmentHeader(deviceId, bad)).toThrow(RangeError);
    expect(() => encodeSegmentHeader(randomBytes(17), 1)).toThrow(RangeError);
  });
});
