/**
 * Finds where a byte string stops being UTF-8, so a refused file can say where to look.
 * `TextDecoder` with `fatal: true` rejects the same bytes but does not say where.
 *
 * Well-formed means RFC 3629 (Table 3-7 of the Unicode standard): no overlong forms (C0, C1,
 * E0 80–9F, F0 80–8F), no UTF-16 surrogates (ED A0–BF), nothing above U+10FFFF (F4 90–BF, F5–FF),
 * and no sequence cut short by the next byte or the end of the data.
 */

/**
 * The offset (from 0) of the first byte that does not begin a well-formed UTF-8 sequence, or
 * null when all of `bytes` is well-formed. For a cut-short sequence this is its lead byte: in
 * Latin-1 text read as UTF-8, the offending "é" (E9) rather than the letter after it.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | null {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return null;
}

/** The length of the well-formed sequence starting at `at` (a non-ASCII lead byte), or 0. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  let count: number;
  // The allowed range of the second byte narrows for leads that could otherwise be overlong,
  // a surrogate, or beyond U+10FFFF.
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) count = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    count = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    count = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  if (at + count > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < count; k++) {
    const next = bytes[at + k]!;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return count;
}
