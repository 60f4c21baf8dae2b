import { followChain } from './auditLog';
import { sha256Hex } from './binary';
import type { JournalEntry } from './journal';
import type { AuditHead, ManifestSnapshot } from './manifest';
import { recordFileName } from './recordCodec';

/** One record as the last commit left it. */
export interface RecordEntry {
  readonly kind: string;
  readonly id: string;
  readonly rev: number;
  readonly born: number;
  readonly hash: string;
  readonly size: number;
  readonly file: string;
  /**
   * The record file's bytes while they are only in the journal (committed, not yet checkpointed).
   * Reads use these instead of the file, which may still hold the previous revision.
   */
  blob: Buffer | undefined;
}

export const recordKey = (kind: string, id: string): string => `${kind}/${id}`;

/**
 * The committed state of a vault in memory: the last manifest snapshot with every later journal
 * entry applied. Vault uses it for its live state; verify rebuilds one from the files on disk.
 */
export class VaultState {
  readonly records = new Map<string, RecordEntry>();
  /** The last committed journal sequence number. */
  seq: number;
  /** The sequence number the snapshot on disk includes. */
  snapshotSeq: number;
  audit: AuditHead;
  /** The audit head the snapshot on disk records (the end of the part of audit.bin it covers). */
  snapshotAudit: AuditHead;
  /** Length of audit.bin the snapshot vouches for. */
  auditBytes: number;
  /** Audit entries committed since the snapshot (still only in the journal). */
  pendingAudit: string[] = [];
  /** Record files to remove at the next checkpoint, by record key. */
  readonly pendingDeletes = new Map<string, string>();
  /** Journal entries applied since the snapshot. */
  entriesSinceSnapshot = 0;

  /**
   * `knownFiles`: file names already computed with the same file-names key, by record key (an
   * open vault's records, when it verifies itself), so the HMAC is not run again for each record.
   */
  constructor(
    snapshot: ManifestSnapshot,
    private readonly fileNamesKey: Buffer,
    knownFiles?: ReadonlyMap<string, { readonly file: string }>,
  ) {
    this.seq = snapshot.seq;
    this.snapshotSeq = snapshot.seq;
    this.audit = snapshot.audit;
    this.snapshotAudit = snapshot.audit;
    this.auditBytes = snapshot.auditBytes;
    for (const r of snapshot.records) {
      const key = recordKey(r.kind, r.id);
      this.records.set(key, {
        kind: r.kind,
        id: r.id,
        rev: r.rev,
        born: r.born,
        hash: r.hash,
        size: r.size,
        file: knownFiles?.get(key)?.file ?? recordFileName(fileNamesKey, r.kind, r.id),
        blob: undefined,
      });
    }
  }

  fileName(kind: string, id: string): string {
    return recordFileName(this.fileNamesKey, kind, id);
  }

  /**
   * Checks that `entry` follows from the current state, without changing anything; returns the
   * audit head after it, or why it does not follow. Used before applying, so a bad entry leaves
   * the state as it was.
   */
  check(entry: JournalEntry): { auditHead: AuditHead } | { problem: string } {
    if (entry.seq !== this.seq + 1)
      return { problem: `entry ${entry.seq} does not follow entry ${this.seq}` };
    const seen = new Map<string, { rev: number; born: number } | null>();
    let blob = 0;
    for (const op of entry.ops) {
      const key = recordKey(op.kind, op.id);
      const current = seen.has(key) ? seen.get(key) : this.records.get(key);
      if (op.op === 'put') {
        const bytes = entry.blobs[blob++];
        const expected = current ? { rev: current.rev + 1, born: current.born } : { rev: 1, born: entry.seq };
        if (op.rev !== expected.rev || op.born !== expected.born) {
          return { problem: `entry ${entry.seq} skips a revision of a record` };
        }
        if (!bytes || bytes.length !== op.size || sha256Hex(bytes) !== op.hash) {
          return { problem: `entry ${entry.seq} holds a record that does not match its hash` };
        }
        seen.set(key, { rev: op.rev, born: op.born });
      } else {
        if (!current || op.rev !== current.rev) {
          return { problem: `entry ${entry.seq} deletes a record that is not there` };
        }
        seen.set(key, null);
      }
    }
    let auditHead = this.audit;
    for (const text of entry.audit) {
      const next = followChain(auditHead, text);
      if ('problem' in next)
        return { problem: `entry ${entry.seq} breaks the audit chain (${next.problem})` };
      auditHead = next.head;
    }
    return { auditHead };
  }

  /** Applies a committed entry (already checked). */
  apply(entry: JournalEntry, auditHead: AuditHead): void {
    let blob = 0;
    for (const op of entry.ops) {
      const key = recordKey(op.kind, op.id);
      if (op.op === 'put') {
        this.records.set(key, {
          kind: op.kind,
          id: op.id,
          rev: op.rev,
          born: op.born,
          hash: op.hash,
          size: op.size,
          file: this.fileName(op.kind, op.id),
          blob: entry.blobs[blob++],
        });
        this.pendingDeletes.delete(key);
      } else {
        const gone = this.records.get(key);
        this.records.delete(key);
        if (gone) this.pendingDeletes.set(key, gone.file);
      }
    }
    this.seq = entry.seq;
    this.audit = auditHead;
    this.pendingAudit.push(...entry.audit);
    this.entriesSinceSnapshot++;
  }

  /** Records whose bytes are only in the journal. */
  pendingRecords(): RecordEntry[] {
    return [...this.records.values()].filter((r) => r.blob !== undefined);
  }

  pendingBytes(): number {
    let total = 0;
    for (const r of this.records.values()) total += r.blob?.length ?? 0;
    return total;
  }

  toSnapshot(auditBytes: number): ManifestSnapshot {
    return {
      seq: this.seq,
      audit: this.audit,
      auditBytes,
      records: [...this.records.values()].map(({ kind, id, rev, born, hash, size }) => ({
        kind,
        id,
        rev,
        hash,
        size,
        born,
      })),
    };
  }

  /** After a checkpoint: everything up to `seq` is in the snapshot and in the record files. */
  markCheckpointed(auditBytes: number): void {
    for (const r of this.records.values()) r.blob = undefined;
    this.pendingDeletes.clear();
    this.pendingAudit = [];
    this.snapshotSeq = this.seq;
    this.snapshotAudit = this.audit;
    this.auditBytes = auditBytes;
    this.entriesSinceSnapshot = 0;
  }
}
