import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a fresh random 96-bit nonce per message. Node's OpenSSL binding uses AES-NI
 * and is several times faster than the pure-JS alternatives (TOOLCHAIN.md), which matters for
 * loading 10,000 notes at unlock. Sealed layout: nonce (12) || ciphertext || tag (16).
 */
export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const SEAL_OVERHEAD = NONCE_BYTES + TAG_BYTES;

/** Encrypts `plaintext`; returns prefix || nonce || ciphertext || tag as one buffer. */
export function seal(key: Buffer, plaintext: Buffer, ad: Buffer, prefix?: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(ad);
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  return Buffer.concat([prefix ?? Buffer.alloc(0), nonce, head, tail, cipher.getAuthTag()]);
}

/**
 * Decrypts nonce || ciphertext || tag taken from `data` starting at `offset`. Returns null when
 * authentication fails (wrong key, wrong associated data, or altered bytes): callers choose the
 * message, because only they know whether that means a wrong passphrase or a damaged file.
 */
export function open(key: Buffer | KeyObject, data: Buffer, offset: number, ad: Buffer): Buffer | null {
  if (data.length - offset < SEAL_OVERHEAD) return null;
  const nonce = data.subarray(offset, offset + NONCE_BYTES);
  const tag = data.subarray(data.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(ad);
  decipher.setAuthTag(tag);
  const head = decipher.update(data.subarray(offset + NONCE_BYTES, data.length - TAG_BYTES));
  try {
    const tail = decipher.final();
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    head.fill(0);
    return null;
  }
}
