import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Byte-layout helpers shared by the file formats; all integers are big-endian (FORMAT-v1.md). */

export const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

export function u8(n: number): Buffer {
  const b = Buffer.alloc(1);
  b.writeUInt8(n);
  return b;
}

export function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** A one-byte length followed by the ASCII bytes (kinds and ids are ASCII, at most 255 long). */
export function shortString(text: string): Buffer {
  const bytes = ascii(text);
  if (bytes.length > 255) throw new RangeError('short string too long');
  return Buffer.concat([u8(bytes.length), bytes]);
}

/** One-shot `crypto.hash` (Node 20.12+): no Hash object per call, which counts when a log's thousands of frames are hashed at open. */
export const sha256 = (data: Buffer | string): Buffer => hash('sha256', data, 'buffer');
export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Lowercase hex of exactly `bytes` bytes, decoded; null when malformed. */
export function parseHex(text: unknown, bytes: number): Buffer | null {
  if (typeof text !== 'string' || text.length !== bytes * 2 || !/^[0-9a-f]*$/.test(text)) return null;
  return Buffer.from(text, 'hex');
}

/** Strict base64 (with padding), decoded; null when malformed. */
export function parseBase64(text: unknown): Buffer | null {
  if (
    typeof text !== 'string' ||
    !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)
  ) {
    return null;
  }
  return Buffer.from(text, 'base64');
}

export function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
