/**
 * Padmé padding (FORMAT.md §7; Nikitin et al., "Reducing Metadata Leakage from Encrypted
 * Files and Communication with PURBs", 2019): a padded length reveals at most O(log log L) bits
 * of the real one, for at most 12 % overhead. Every frame's plaintext is padded this way, so a
 * small save, an unlock and a lock all occupy the same 1 KiB.
 */

/** Frames never hold less than this many plaintext bytes (FORMAT.md §7). */
export const MIN_PADDED_BYTES = 1024;
const LENGTH_BYTES = 4;

/** Number of bits needed to write n (n >= 1), exact for every safe integer. */
const bitLength = (n: number): number => n.toString(2).length;

/** The Padmé length for `length` bytes: the smallest allowed length >= `length`. */
export function padme(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`padme: bad length ${length}`);
  // E = floor(log2 L) is undefined for 0 and 1, and z = E - S is 0 up to L = 3: nothing to round.
  if (length < 2) return length;
  const e = bitLength(length) - 1;
  const s = bitLength(e);
  const step = 2 ** (e - s);
  // (L + mask) & ~mask, in arithmetic: bitwise operators would truncate lengths above 2^31.
  return Math.ceil(length / step) * step;
}

const paddedLength = (payloadLength: number): number =>
  padme(Math.max(LENGTH_BYTES + payloadLength, MIN_PADDED_BYTES));

/** `u32(P) || payload || zeros`, of total length padme(max(4 + P, 1024)). */
export function padPayload(payload: Buffer): Buffer {
  if (payload.length > 0xffffffff) throw new RangeError('payload too long to pad');
  const plain = Buffer.alloc(paddedLength(payload.length));
  plain.writeUInt32BE(payload.length, 0);
  payload.copy(plain, LENGTH_BYTES);
  return plain;
}

/**
 * The payload inside a padded plaintext (a view, not a copy), or null when the stated length
 * does not fit, the total is not the Padmé length for it, or a padding byte is not zero.
 */
export function unpadPayload(plain: Buffer): Buffer | null {
  if (plain.length < LENGTH_BYTES) return null;
  const payloadLength = plain.readUInt32BE(0);
  const end = LENGTH_BYTES + payloadLength;
  if (end > plain.length || plain.length !== paddedLength(payloadLength)) return null;
  for (let i = end; i < plain.length; i++) {
    if (plain[i] !== 0) return null;
  }
  return plain.subarray(LENGTH_BYTES, end);
}
