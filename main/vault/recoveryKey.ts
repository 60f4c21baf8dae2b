import { randomBytes } from 'node:crypto';
import { AttuneError } from '../../shared/errors';
import { sha256 } from './binary';

/**
 * The recovery key: 32 random bytes plus a 3-byte checksum (the first bytes of their SHA-256),
 * written in Crockford base32 as 14 groups of 4 characters. Crockford's alphabet has no I, L, O
 * or U, so reading it aloud or copying it by hand is hard to get wrong, and the checksum catches
 * the typos that remain before any decryption is attempted.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_KEY_BYTES = 32;
const CHECK_BYTES = 3;
const CHARS = ((RECOVERY_KEY_BYTES + CHECK_BYTES) * 8) / 5; // 56, no padding bits

export const generateRecoveryKey = (): Buffer => randomBytes(RECOVERY_KEY_BYTES);

export function formatRecoveryKey(key: Buffer): string {
  if (key.length !== RECOVERY_KEY_BYTES) throw new RangeError('recovery key must be 32 bytes');
  const bytes = Buffer.concat([key, sha256(key).subarray(0, CHECK_BYTES)]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

const typo = (): AttuneError =>
  new AttuneError(
    'invalid-input',
    'That recovery key has a typo or is incomplete: it is 14 groups of 4 letters and digits. Check it and try again.',
  );

/** Parses a typed recovery key, tolerant of case, spaces, dashes and the look-alikes O/I/L. */
export function parseRecoveryKey(text: string): Buffer {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== CHARS) throw typo();
  const bytes = Buffer.alloc(RECOVERY_KEY_BYTES + CHECK_BYTES);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of cleaned) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw typo();
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes[index++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  const key = bytes.subarray(0, RECOVERY_KEY_BYTES);
  if (!sha256(key).subarray(0, CHECK_BYTES).equals(bytes.subarray(RECOVERY_KEY_BYTES))) throw typo();
  return Buffer.from(key);
}
