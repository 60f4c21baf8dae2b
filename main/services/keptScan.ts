import { endianness } from 'node:os';
import type { KeptView } from './RecordStore';
import type { ScanSnapshot } from './searchCore';

/**
 * The search's scan as this computer keeps it between unlocks (FORMAT.md §17, view `note-scan`):
 * each note's distinct words and when it last changed, with the version of the note they were
 * read from. The next unlock answers searches from it at once, reading only the notes written
 * since, instead of reading, folding and splitting every note's text (at 10,000 notes, about
 * two thirds of a second of the search thread) before the first search can be answered.
 */
export interface KeptScan extends ScanSnapshot {
  /** The version (op id of the winning head, §5) of the note each row's words were read from. */
  versions: string[];
}

/** The copy's name and the shape of its plaintext: bump `schema` when either changes, or how words are split or folded. */
export const NOTE_SCAN: KeptView = { name: 'note-scan', schema: 1 };

/** The numbers are written as this computer holds them: only little-endian ones keep a copy. */
const HOST_IS_LE = endianness() === 'LE';

/**
 * The plaintext of the kept scan: u32le header length, the header (UTF-8 JSON: ids, versions,
 * updatedAt, words), zero padding to a multiple of 4, then `counts` and `numbers` as u32le.
 * Null on a big-endian computer (which keeps no copy).
 */
export function encodeKeptScan(scan: KeptScan): Buffer | null {
  if (!HOST_IS_LE) return null;
  const { ids, versions, updatedAt, words, counts, numbers } = scan;
  const header = Buffer.from(JSON.stringify({ ids, versions, updatedAt, words }), 'utf8');
  const countsAt = align4(4 + header.length);
  const numbersAt = countsAt + counts.byteLength;
  const plain = Buffer.alloc(numbersAt + numbers.byteLength);
  plain.writeUInt32LE(header.length, 0);
  header.copy(plain, 4);
  header.fill(0);
  plain.set(new Uint8Array(counts.buffer, counts.byteOffset, counts.byteLength), countsAt);
  plain.set(new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength), numbersAt);
  return plain;
}

/**
 * The kept scan from its plaintext (copied out: the caller zeroes `plain`), or null when it is
 * not one: a part missing or left over, columns of unequal length, a word number out of range.
 * It was sealed by this vault's key for this view and schema, so it was written by Attune; these
 * checks keep a bug in a writer from becoming a wrong search.
 */
export function decodeKeptScan(plain: Buffer): KeptScan | null {
  if (!HOST_IS_LE || plain.length < 4) return null;
  const headerEnd = 4 + plain.readUInt32LE(0);
  if (headerEnd > plain.length) return null;
  let header: unknown;
  try {
    header = JSON.parse(plain.toString('utf8', 4, headerEnd));
  } catch {
    return null;
  }
  const { ids, versions, updatedAt, words } = (header ?? {}) as Partial<Record<string, unknown>>;
  if (!isStrings(ids) || !isStrings(versions) || !isStrings(updatedAt) || !isStrings(words)) return null;
  if (versions.length !== ids.length || updatedAt.length !== ids.length) return null;
  const countsAt = align4(headerEnd);
  const numbersAt = countsAt + 4 * ids.length;
  if (numbersAt > plain.length || (plain.length - numbersAt) % 4 !== 0) return null;
  const counts = u32sAt(plain, countsAt, ids.length);
  const numbers = u32sAt(plain, numbersAt, (plain.length - numbersAt) / 4);
  let total = 0;
  for (const count of counts) total += count;
  if (total !== numbers.length) return null;
  for (const number of numbers) if (number >= words.length) return null;
  return { ids, versions, updatedAt, words, counts, numbers };
}

const align4 = (n: number) => (n + 3) & ~3;

/** `length` u32le numbers from `at`, copied into their own buffer (one that can be moved to a thread). */
function u32sAt(plain: Buffer, at: number, length: number): Uint32Array<ArrayBuffer> {
  const copy = new Uint32Array(length);
  new Uint8Array(copy.buffer).set(plain.subarray(at, at + 4 * length));
  return copy;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
