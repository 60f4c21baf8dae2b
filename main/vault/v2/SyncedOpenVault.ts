import type { AuditDetail, AuditType } from '../auditLog';
import type { BackupOptions, BackupResult } from '../backupSet';
import type { OpenVault, OpenVaultAudit, OpenVaultAuditEntry } from '../OpenVault';
import type { RecordMeta, VerifyProgress, VerifyReport } from '../vaultTypes';
import type { SyncedVault } from './SyncedVault';
import type { SyncedAuditType } from './syncedVaultTypes';

interface StoredAuditEntry {
  seq: number;
  at: string;
  type: SyncedAuditType;
  detail?: AuditDetail;
}

/**
 * A format-2 vault (`SyncedVault`) as the services use every vault (`OpenVault`): the same calls,
 * with format 2's answers mapped to format 1's shapes (audit entries, the verify report, delete).
 * The engine itself stays reachable as `synced` for what only format 2 has (conflicts, presence).
 */
export class SyncedOpenVault implements OpenVault {
  readonly format = 2 as const;

  constructor(readonly synced: SyncedVault) {}

  get id(): string {
    return this.synced.vaultHex;
  }

  get dir(): string {
    return this.synced.dir;
  }

  get isLocked(): boolean {
    return this.synced.isLocked;
  }

  list(kind?: string): RecordMeta[] {
    return this.synced.list(kind);
  }

  get<T = unknown>(kind: string, id: string): Promise<T> {
    return this.synced.get<T>(kind, id);
  }

  // Format 2 holds every record decrypted in memory once its frame is read: none is unreadable
  // here (a damaged frame is reported by `verify` and `problems`), so `onUnreadable` never fires.
  getAll<T = unknown>(kind: string): Promise<Array<{ id: string; rev: number; value: T }>> {
    return this.synced.getAll<T>(kind);
  }

  getAllJson(kind: string): Array<{ id: string; rev: number; version: string; json: Uint8Array }> {
    return this.synced.getAllJson(kind);
  }

  sealLocal(purpose: string, plaintext: Buffer): Buffer {
    return this.synced.sealLocal(purpose, plaintext);
  }

  openLocal(purpose: string, sealed: Buffer): Buffer | null {
    return this.synced.openLocal(purpose, sealed);
  }

  put(kind: string, id: string | undefined, value: unknown, audit?: OpenVaultAudit): Promise<RecordMeta> {
    return this.synced.put(kind, id, value, audit);
  }

  putMany(
    items: Array<{ kind: string; id?: string; value: unknown }>,
    audit?: OpenVaultAudit,
  ): Promise<RecordMeta[]> {
    return this.synced.putMany(items, audit);
  }

  async delete(kind: string, id: string, audit?: OpenVaultAudit): Promise<void> {
    await this.synced.delete(kind, id, audit);
  }

  appendAudit(type: AuditType, detail?: AuditDetail): Promise<void> {
    return this.synced.appendAudit(type, detail);
  }

  /** Every device's entries merged, oldest first, numbered in that order and marked with their device. */
  async readAudit(): Promise<OpenVaultAuditEntry[]> {
    return this.synced.readAudit().map(({ deviceHex, entry }, index) => {
      const e = entry as StoredAuditEntry;
      return { seq: index + 1, at: e.at, type: e.type, detail: e.detail ?? {}, device: deviceHex };
    });
  }

  /** Reads every device's files again; progress counts the computers' logs read. */
  async verify(onProgress?: VerifyProgress): Promise<VerifyReport> {
    const report = await this.synced.verify(onProgress ? { onProgress } : {});
    return {
      ok: report.ok,
      records: report.records,
      auditEntries: report.auditEntries,
      problems: report.problems.map((p) => ({ file: p.file, problem: p.message })),
    };
  }

  changePassphrase(next: string): Promise<void> {
    return this.synced.changePassphrase(next);
  }

  renewRecoveryKey(): Promise<string> {
    return this.synced.renewRecoveryKey();
  }

  /** A generation that is a whole format-2 vault, in the same backup sets as format 1 (syncedBackup.ts). */
  backupTo(folder: string, options?: BackupOptions): Promise<BackupResult> {
    return this.synced.backupTo(folder, options);
  }

  lock(): Promise<void> {
    return this.synced.lock();
  }
}
