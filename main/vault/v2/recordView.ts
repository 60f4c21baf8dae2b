import type { OpId } from './types';

/** One head of a record: an applied op of it that no other applied op of it names as a parent. */
export interface HeadVersion {
  opId: OpId;
  deviceHex: string;
  /** The `at` of the frame that holds the op (the writing device's clock). */
  at: string;
  deleted: boolean;
  /** UTF-8 JSON of a put (a view into the frame's payload, not a copy); null for a delete. */
  value: Buffer | null;
  /** Length of the longest chain of this record's ops ending here (1 for a new record). */
  rev: number;
}

export interface RecordView {
  kind: string;
  id: string;
  /** Every head, in winner order (latest `at` first, then op id text descending). */
  heads: HeadVersion[];
  winner: HeadVersion;
  conflict: boolean;
  /** Every head is a delete. */
  deleted: boolean;
  /** The winner's rev. */
  rev: number;
}

/**
 * Winner order (FORMAT.md §5): latest frame `at` first, ties by op id text, descending, so
 * every device shows the same version. `at` is compared as text: the codec only accepts the
 * fixed-width `YYYY-MM-DDTHH:MM:SS.sssZ` form, where text order is time order.
 */
export function compareHeads(a: HeadVersion, b: HeadVersion): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.opId !== b.opId) return a.opId < b.opId ? 1 : -1;
  return 0;
}

/** The view of a record from its heads (at least one). The winner is the first put, if any. */
export function recordView(kind: string, id: string, heads: Iterable<HeadVersion>): RecordView {
  const sorted = [...heads];
  // Nearly every record has one head; sorting a one-element array still costs a call per record at open.
  if (sorted.length > 1) sorted.sort(compareHeads);
  const first = sorted[0];
  if (!first) throw new RangeError(`record ${kind}/${id} has no heads`);
  const winner = sorted.find((h) => !h.deleted) ?? first;
  return {
    kind,
    id,
    heads: sorted,
    winner,
    conflict: sorted.length > 1,
    deleted: winner.deleted,
    rev: winner.rev,
  };
}
