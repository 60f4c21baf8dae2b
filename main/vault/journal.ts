import { AttuneError } from '../../shared/errors';
import { ascii, u32 } from './binary';
import { encodeFrame, scanFrames } from './frames';

/**
 * The write-ahead journal: one frame per commit, appended and fdatasynced; the append is the
 * commit point of every change. A frame carries the new record files' bytes themselves, so the
 * record files can be written and synced later, at a checkpoint (FORMAT-v1.md, "Commit protocol").
 */
export const JOURNAL_FILE = 'journal.bin';
export const JOURNAL_MAGIC = ascii('ATJF');

export type JournalOp =
  | { op: 'put'; kind: string; id: string; rev: number; born: number; hash: string; size: number }
  | { op: 'delete'; kind: string; id: string; rev: number };

export interface JournalEntry {
  seq: number;
  ops: JournalOp[];
  /** The record files' bytes, one per 'put' op, in op order. */
  blobs: Buffer[];
  /** Audit entries committed with this change, as their exact JSON text. */
  audit: string[];
}

export const journalAdPrefix = (vaultId: Buffer): Buffer =>
  Buffer.concat([ascii('attune/v1/journal'), vaultId]);

/** Plaintext: u32 length of the JSON meta || meta (UTF-8) || the put ops' blobs, concatenated. */
export function encodeJournalEntry(key: Buffer, vaultId: Buffer, entry: JournalEntry): Buffer {
  const meta = Buffer.from(JSON.stringify({ ops: entry.ops, audit: entry.audit }), 'utf8');
  const plaintext = Buffer.concat([u32(meta.length), meta, ...entry.blobs]);
  return encodeFrame(JOURNAL_MAGIC, key, journalAdPrefix(vaultId), entry.seq, plaintext);
}

export const journalDamaged = (detail: string): AttuneError =>
  new AttuneError(
    'integrity',
    `The vault’s journal (${JOURNAL_FILE}) is damaged or was altered (${detail}), so the latest changes cannot be trusted. Restore the vault from a backup.`,
  );

function decodeEntry(seq: number, plaintext: Buffer): JournalEntry {
  const metaLength = plaintext.readUInt32BE(0);
  const meta = JSON.parse(plaintext.subarray(4, 4 + metaLength).toString('utf8')) as {
    ops: JournalOp[];
    audit: string[];
  };
  const blobs: Buffer[] = [];
  let offset = 4 + metaLength;
  for (const op of meta.ops) {
    if (op.op !== 'put') continue;
    blobs.push(plaintext.subarray(offset, offset + op.size));
    offset += op.size;
  }
  if (offset !== plaintext.length) throw journalDamaged(`entry ${seq} has the wrong size`);
  return { seq, ops: meta.ops, blobs, audit: meta.audit };
}

export interface JournalRead {
  entries: JournalEntry[];
  /** Length of the good part; anything after it is a torn append to cut off. */
  end: number;
  tornTail: boolean;
}

/** Reads a journal file; throws 'integrity' for a damaged frame (a torn tail is not damage). */
export function readJournal(key: Buffer, vaultId: Buffer, bytes: Buffer): JournalRead {
  const scan = scanFrames(bytes, JOURNAL_MAGIC, key, journalAdPrefix(vaultId));
  if (scan.damage) throw journalDamaged(`${scan.damage.problem} at byte ${scan.damage.offset}`);
  return {
    entries: scan.frames.map((f) => decodeEntry(f.seq, f.plaintext)),
    end: scan.end,
    tornTail: scan.tornTail,
  };
}
