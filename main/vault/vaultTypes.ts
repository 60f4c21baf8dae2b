import type { AuditDetail, AuditType } from './auditLog';
import type { VaultFs } from './vaultFs';

// The plain data types of the vault's public API (re-exported by Vault.ts).

/** A record's type, e.g. 'client', 'session', 'note'; validated /^[a-z][a-z0-9-]{0,31}$/. */
export type RecordKind = string;

export interface RecordMeta {
  kind: RecordKind;
  id: string;
  rev: number;
}

/**
 * Why a record failed the check: its file is gone or unreadable, holds an older revision of it,
 * holds another record's contents, or is damaged (fails authentication or the manifest's hash).
 */
export type RecordFault = 'missing' | 'unreadable' | 'older-revision' | 'swapped' | 'damaged';

export interface VerifyProblem {
  /** Path relative to the vault folder, with forward slashes. */
  file: string;
  problem: string;
  /** Set when the problem is one record's: which record, and why (the app words it for the user). */
  record?: { kind: RecordKind; id: string; fault: RecordFault };
}

/** Reports how far a check has got: `done` of `total` record files read. */
export type VerifyProgress = (done: number, total: number) => void;

export interface VerifyReport {
  ok: boolean;
  records: number;
  auditEntries: number;
  problems: VerifyProblem[];
}

export interface AuditRequest {
  type: AuditType;
  detail?: AuditDetail;
}

/** Options for tests and tools; the app needs none of them. */
export interface VaultOptions {
  /** The file-system facade; tests wrap it to inject failures (faults.ts). */
  fs?: VaultFs;
  /** Checkpoint after this many commits (default 256). */
  checkpointEvery?: number;
  /** Checkpoint once the journal is this large (default 16 MiB). */
  checkpointBytes?: number;
}
