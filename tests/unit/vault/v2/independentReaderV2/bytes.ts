/**
 * Byte encodings and primitives of FORMAT.md §1 (and FORMAT-v1.md §1), written from the text
 * alone for the independent reader. Only node:crypto.
 */
import { createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto';

export const ascii = (s: string): Buffer => Buffer.from(s, 'latin1');
export const u8 = (n: number): Buffer => Buffer.from([n]);
export const u16 = (n: number): Buffer => Buffer.from([(n >> 8) & 255, n & 255]);
export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}
export function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}
export const sp = (s: string): Buffer => Buffer.concat([u8(s.length), ascii(s)]);
export const sha256 = (b: Buffer | string): Buffer => createHash('sha256').update(b).digest();
export const hmac256 = (key: Buffer, b: Buffer): Buffer => createHmac('sha256', key).update(b).digest();
export const hkdf32 = (ikm: Buffer, salt: Buffer, info: string): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, ascii(info), 32));

/** Opens `nonce (12) || ciphertext || tag (16)` with AES-256-GCM; null when it does not authenticate. */
export function openSealed(key: Buffer, sealed: Buffer, ad: Buffer): Buffer | null {
  if (sealed.length < 28) return null;
  return openParts(key, sealed.subarray(0, 12), sealed.subarray(12), ad);
}

/** Opens `ciphertext || tag (16)` under an explicit nonce (the wrapped keys of keys.json). */
export function openParts(key: Buffer, nonce: Buffer, ctAndTag: Buffer, ad: Buffer): Buffer | null {
  if (ctAndTag.length < 16) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAAD(ad);
    d.setAuthTag(ctAndTag.subarray(ctAndTag.length - 16));
    return Buffer.concat([d.update(ctAndTag.subarray(0, ctAndTag.length - 16)), d.final()]);
  } catch {
    return null;
  }
}

export const isHex = (s: unknown, chars: number): s is string =>
  typeof s === 'string' && s.length === chars && /^[0-9a-f]*$/.test(s);
