import type { KeyObject } from 'node:crypto';

/** The part of node:crypto the check uses, passed in so the function imports nothing. */
export type RecordCheckCrypto = Pick<typeof import('node:crypto'), 'createHash' | 'createDecipheriv'>;

/**
 * True when `bytes` are, to the byte, the record file the manifest expects (FORMAT-v1.md §6): `size`
 * bytes whose SHA-256 is `hash`, "ATRC" 0x01, then a 12-byte nonce, AES-256-GCM ciphertext and a
 * 16-byte tag that authenticates under `ad` (recordAd of the expected revision). The plaintext is
 * wiped, never decoded.
 *
 * verify runs it in process and in its check thread, which gets this function's text
 * (recordCheckThread.ts): so it must stay self-contained, using nothing but its parameters.
 */
export function recordFileAuthentic(
  crypto: RecordCheckCrypto,
  key: KeyObject,
  bytes: Uint8Array,
  size: number,
  hash: string,
  ad: Uint8Array,
): boolean {
  // Prefix (5) + nonce (12) + tag (16): anything shorter cannot be a record file.
  if (bytes.length !== size || bytes.length < 33) return false;
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== hash) return false;
  if (bytes[0] !== 0x41 || bytes[1] !== 0x54 || bytes[2] !== 0x52 || bytes[3] !== 0x43 || bytes[4] !== 0x01) {
    return false;
  }
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(5, 17));
  decipher.setAAD(ad);
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const plain = decipher.update(bytes.subarray(17, bytes.length - 16));
  try {
    decipher.final();
    return true;
  } catch {
    return false;
  } finally {
    plain.fill(0);
  }
}
