/** The recovery key text of FORMAT-v1.md §5 (which FORMAT.md §3 reuses), parsed from the text alone. */
import { sha256 } from './bytes';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Returns RK (32 bytes), or throws when the text is a typo (wrong length, letter or checksum). */
export function parseRecoveryKey(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== 56) throw new Error('recovery key: not 56 characters');
  const bytes = Buffer.alloc(35);
  let acc = 0;
  let bits = 0;
  let out = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`recovery key: ${ch} is not in the alphabet`);
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (acc >> bits) & 255;
      acc &= (1 << bits) - 1;
    }
  }
  const rk = bytes.subarray(0, 32);
  if (!sha256(rk).subarray(0, 3).equals(bytes.subarray(32))) {
    throw new Error('recovery key: checksum does not match');
  }
  return Buffer.from(rk);
}
