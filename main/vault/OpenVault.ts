import type { AttuneError } from '../../shared/errors';
import type { AuditDetail, AuditType } from './auditLog';
import type { BackupOptions, BackupResult } from './backupSet';
import type { SyncedAuditType } from './v2/syncedVaultTypes';
import type { RecordMeta, VerifyProgress, VerifyReport } from './vaultTypes';

/** What a service asks to be recorded in the audit log with a change. */
export interface OpenVaultAudit {
  type: AuditType;
  detail?: AuditDetail;
}

/**
 * One audit entry as the services see it, whatever the format: format 1's single chain, or
 * format 2's per-device chains merged (`seq` is then the position in the merged list, and
 * `device` the computer that wrote it).
 */
export interface OpenVaultAuditEntry {
  seq: number;
  at: string;
  type: SyncedAuditType;
  detail: AuditDetail;
  device?: string;
}

/**
 * An unlocked vault as the services, the IPC handlers and the CLI use it, in either format:
 * format 1 (`Vault`, one writer) or format 2 (`SyncedOpenVault` over `SyncedVault`, several
 * computers through a synced folder). Only what they call, so both formats stay easy to keep alike.
 */
export interface OpenVault {
  /** The vault id, 32 hex digits. */
  readonly id: string;
  readonly dir: string;
  readonly format: 1 | 2;
  readonly isLocked: boolean;
  list(kind?: string): RecordMeta[];
  get<T = unknown>(kind: string, id: string): Promise<T>;
  /** With `onUnreadable`, a record whose file cannot be read is reported and left out instead of thrown. */
  getAll<T = unknown>(
    kind: string,
    options?: { onUnreadable?: (id: string, error: AttuneError) => void },
  ): Promise<Array<{ id: string; rev: number; value: T }>>;
  /**
   * Format 2 only: every record of a kind as the UTF-8 JSON the vault already holds decrypted
   * (views, not copies; zeroed at lock), so a caller can parse a record when it needs it instead
   * of keeping ten thousand parsed objects. `version` names the write that made the value: the
   * same version is the same value, on every computer.
   */
  getAllJson?(kind: string): Array<{ id: string; rev: number; version: string; json: Uint8Array }>;
  /**
   * Format 2 only: seals and opens this computer's own files kept beside the vault (FORMAT.md
   * §17) with a key derived from the vault key, which stays inside the vault object.
   */
  sealLocal?(purpose: string, plaintext: Buffer): Buffer;
  openLocal?(purpose: string, sealed: Buffer): Buffer | null;
  put(kind: string, id: string | undefined, value: unknown, audit?: OpenVaultAudit): Promise<RecordMeta>;
  /** Saves several records in one commit: after a crash all are saved or none. */
  putMany(
    items: Array<{ kind: string; id?: string; value: unknown }>,
    audit?: OpenVaultAudit,
  ): Promise<RecordMeta[]>;
  delete(kind: string, id: string, audit?: OpenVaultAudit): Promise<void>;
  appendAudit(type: AuditType, detail?: AuditDetail): Promise<void>;
  /** The whole audit trail, oldest first; 'integrity' if a chain is broken. */
  readAudit(): Promise<OpenVaultAuditEntry[]>;
  verify(onProgress?: VerifyProgress): Promise<VerifyReport>;
  changePassphrase(next: string): Promise<void>;
  /** Replaces the recovery key; resolves to the new one, to be shown once. */
  renewRecoveryKey(): Promise<string>;
  /** Writes and verifies a backup generation in `folder` (see Vault.backupTo). */
  backupTo(folder: string, options?: BackupOptions): Promise<BackupResult>;
  lock(): Promise<void>;
}
