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
export const NOTE_SCAN: KeptView = { name: 'note-scan', schema: 2 };

/**
 * The plaintext of the kept scan: u32le header length, the header (UTF-8 JSON: ids, versions,
 * updatedAt, words), then the body as the scan wrote it (searchCore.ts, ScanSnapshot).
 */
export function encodeKeptScan(scan: KeptScan): Buffer {
  const { ids, versions, updatedAt, words, body } = scan;
  const header = Buffer.from(JSON.stringify({ ids, versions, updatedAt, words }), 'utf8');
  const plain = Buffer.alloc(4 + header.length + body.length);
  plain.writeUInt32LE(header.length, 0);
  header.copy(plain, 4);
  header.fill(0);
  plain.set(body, 4 + header.length);
  return plain;
}

/**
 * The kept scan from its plaintext (copied out: the caller zeroes `plain`), or null when its
 * header is not one (cut short, not JSON, columns of unequal length). The body is read by the
 * scan itself as it loads it (in the search thread), which checks it whole and, if it does not
 * read, reads every note afresh instead. The copy was sealed by this vault's key for this view
 * and schema, so it was written by Attune: these checks keep a bug in a writer from becoming a
 * wrong search.
 */
export function decodeKeptScan(plain: Buffer): KeptScan | null {
  if (plain.length < 4) return null;
  const bodyAt = 4 + plain.readUInt32LE(0);
  if (bodyAt > plain.length) return null;
  let header: unknown;
  try {
    header = JSON.parse(plain.toString('utf8', 4, bodyAt));
  } catch {
    return null;
  }
  const { ids, versions, updatedAt, words } = (header ?? {}) as Partial<Record<string, unknown>>;
  if (!isStrings(ids) || !isStrings(versions) || !isStrings(updatedAt) || !isStrings(words)) return null;
  if (versions.length !== ids.length || updatedAt.length !== ids.length) return null;
  // Its own buffer, which can be moved to the thread.
  const body = new Uint8Array(plain.length - bodyAt);
  body.set(plain.subarray(bodyAt));
  return { ids, versions, updatedAt, words, body };
}

function isStrings(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const v of value) if (typeof v !== 'string') return false;
  return true;
}
