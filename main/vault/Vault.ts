import { randomBytes } from 'node:crypto';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { atomicWriteFile, fsyncDir } from './atomicWrite';
import { assertBackupOutsideVault, backupAuditDetail, backupNotVerified } from './backupOutcome';
import {
  AUDIT_FILE,
  type AuditDetail,
  type AuditEntry,
  type AuditType,
  assertAuditInput,
  makeAuditEntry,
  readAuditChain,
} from './auditLog';
import { copyVault } from './backup';
import {
  type BackupOptions,
  type BackupResult,
  type GenerationWrite,
  writeBackupGeneration,
} from './backupSet';
import { sha256Hex } from './binary';
import { checkpoint } from './checkpoint';
import { createVaultFiles } from './createVault';
import { HEADER_FILE, headerMac, serializeHeader, type VaultHeader, wrapAd, wrapKey } from './header';
import { encodeJournalEntry, type JournalOp } from './journal';
import type { JournalWriter } from './journalWriter';
import { deriveKek, type KdfParams, SALT_BYTES } from './kdf';
import { recoveryKek, type VaultKeys, zeroKeys } from './keys';
import type { OpenVault } from './OpenVault';
import { openVaultFiles, type VaultParts } from './openVaultFiles';
import { type ReaderContext, readMany, readRecord } from './recordReader';
import type { ProcessLock } from './processLock';
import { assertId, assertKind, encodeRecord, newRecordId, recordJson } from './recordCodec';
import { formatRecoveryKey, generateRecoveryKey } from './recoveryKey';
import { recordKey, type VaultState } from './state';
import type { VaultSecret } from './unlock';
import { lockedError, readFailure, writeFailure } from './vaultErrors';
import { guardedFs, nodeVaultFs, type VaultFs } from './vaultFs';
import type {
  AuditRequest,
  RecordKind,
  RecordMeta,
  VaultOptions,
  VerifyProgress,
  VerifyReport,
} from './vaultTypes';
import { verifyContents } from './verifyVault';

export type { AuditEntry, AuditType } from './auditLog';
export type {
  AuditRequest,
  RecordKind,
  RecordMeta,
  RecordFault,
  VaultOptions,
  VerifyProblem,
  VerifyProgress,
  VerifyReport,
} from './vaultTypes';
export type { KdfParams } from './kdf';
export type { BackupOptions, BackupResult } from './backupSet';
export type { VaultSecret } from './unlock';

/** Marks the test hook that abandons a vault as a crash would (see faults.ts). */
export const crashForTests: unique symbol = Symbol('crashForTests');

const notFound = (kind: string): AttuneError =>
  new AttuneError('not-found', `That ${kind} record does not exist; it may have been deleted.`);

/**
 * An unlocked vault: an encrypted folder of records (FORMAT-v1.md). Every change is committed by
 * one durable append to the journal; record files and the manifest are brought up to date at
 * checkpoints. Changes are serialised through one queue; reads run alongside them.
 */
export class Vault implements OpenVault {
  readonly format = 1 as const;
  readonly id: string;
  readonly dir: string;
  private header: VaultHeader;
  private keys: VaultKeys | null;
  private readonly state: VaultState;
  private readonly journal: JournalWriter;
  private readonly processLock: ProcessLock;
  private closing = false;
  private dead = false;
  private queue: Promise<unknown> = Promise.resolve();
  private locking: Promise<void> | null = null;
  private checkpointQueued = false;
  /** Extra commits to wait after a failed background checkpoint before trying again. */
  private checkpointBackoff = 0;
  private readonly fs: VaultFs;
  private readonly reader: ReaderContext;

  private constructor(
    parts: VaultParts,
    private readonly tuning: { every: number; bytes: number },
  ) {
    this.dir = parts.dir;
    this.header = parts.header;
    this.keys = parts.keys;
    this.state = parts.state;
    this.journal = parts.journal;
    this.processLock = parts.lock;
    this.id = parts.header.vaultId.toString('hex');
    this.fs = guardedFs(parts.fs, () => this.dead);
    this.reader = {
      fs: this.fs,
      dir: this.dir,
      vaultId: this.header.vaultId,
      recordKey: () => this.requireKeys().record,
    };
  }

  /** Creates a vault in `dir`, which must be absent or empty. The recovery key is shown once. */
  static async create(
    dir: string,
    passphrase: string,
    options: VaultOptions & { kdf?: KdfParams } = {},
  ): Promise<{ vault: Vault; recoveryKey: string }> {
    const { parts, recoveryKey } = await createVaultFiles(
      options.fs ?? nodeVaultFs,
      resolve(dir),
      passphrase,
      options.kdf,
    );
    const vault = new Vault(parts, tuningOf(options));
    // The vault exists now; a failed audit append must not hide the recovery key.
    await vault.enqueue(() => vault.commit([], [], [{ type: 'vault-create' }])).catch(() => undefined);
    return { vault, recoveryKey };
  }

  /**
   * Opens a vault: unwraps the key, takes the process lock, removes leftovers of interrupted
   * saves, replays the journal, and records 'unlock' (or 'recovery') in the audit log.
   */
  static async open(
    dir: string,
    secret: VaultSecret,
    options: VaultOptions & { kdf?: never } = {},
  ): Promise<Vault> {
    const { parts, via } = await openVaultFiles(options.fs ?? nodeVaultFs, resolve(dir), secret);
    const vault = new Vault(parts, tuningOf(options));
    try {
      await vault.enqueue(async () => {
        // After a crash: bring the files up to date now, while nothing else runs. If this
        // fails (disk full, say) the journal still holds everything and serves reads.
        if (parts.state.entriesSinceSnapshot > 0) await vault.checkpointNow().catch(() => undefined);
        await vault.commit([], [], [via === 'passphrase' ? { type: 'unlock' } : { type: 'recovery' }]);
      });
    } catch (error) {
      await parts.journal.close().catch(() => undefined);
      vault.wipe();
      await parts.lock.release();
      throw error;
    }
    return vault;
  }

  /** True when `dir` holds a vault header (it may still be damaged; opening tells). */
  static async isVault(dir: string): Promise<boolean> {
    try {
      return (await nodeVaultFs.stat(join(resolve(dir), HEADER_FILE))).isFile;
    } catch {
      return false;
    }
  }

  get isLocked(): boolean {
    return this.closing || this.keys === null;
  }

  /** The records in memory, optionally of one kind. */
  list(kind?: RecordKind): RecordMeta[] {
    this.assertOpen();
    if (kind !== undefined) assertKind(kind);
    const out: RecordMeta[] = [];
    for (const r of this.state.records.values()) {
      if (kind === undefined || r.kind === kind) out.push({ kind: r.kind, id: r.id, rev: r.rev });
    }
    return out;
  }

  async get<T = unknown>(kind: RecordKind, id: string): Promise<T> {
    this.assertOpen();
    assertKind(kind);
    assertId(id);
    const key = recordKey(kind, id);
    for (let attempt = 0; ; attempt++) {
      const entry = this.state.records.get(key);
      if (!entry) throw notFound(kind);
      const result = await readRecord(this.reader, entry);
      if ('value' in result) return result.value as T;
      // A save or checkpoint may have replaced the file while we read it: look again.
      if (this.state.records.get(key) === entry || attempt >= 3) throw result.error;
    }
  }

  /**
   * Every record of `kind`, fast (the unlock path). With `onUnreadable`, a record whose file is
   * missing or damaged is reported to it and left out, so one bad file does not hide the rest;
   * without it, that record's error is thrown.
   */
  async getAll<T = unknown>(
    kind: RecordKind,
    options: { onUnreadable?: (id: string, error: AttuneError) => void } = {},
  ): Promise<Array<{ id: string; rev: number; value: T }>> {
    this.assertOpen();
    assertKind(kind);
    const entries = [...this.state.records.values()].filter((r) => r.kind === kind);
    return readMany<T>(this.reader, entries, async (entry) => {
      // Missing, damaged, or replaced since it was listed: the careful path retries or explains.
      try {
        const value = await this.get<T>(kind, entry.id);
        return { rev: this.state.records.get(recordKey(kind, entry.id))?.rev ?? entry.rev, value };
      } catch (error) {
        if (error instanceof AttuneError && error.kind === 'not-found') return null; // deleted meanwhile
        if (error instanceof AttuneError && error.kind === 'integrity' && options.onUnreadable) {
          options.onUnreadable(entry.id, error);
          return null;
        }
        throw error;
      }
    });
  }

  async put(
    kind: RecordKind,
    id: string | undefined,
    value: unknown,
    audit?: AuditRequest,
  ): Promise<RecordMeta> {
    this.assertOpen();
    assertKind(kind);
    const recordId = id ?? newRecordId();
    assertId(recordId);
    const json = recordJson(value);
    if (audit) assertAuditInput(audit.type, audit.detail);
    return this.enqueue(async () => {
      const [meta] = await this.commitPuts([{ kind, id: recordId, json }], audit);
      return meta!;
    });
  }

  /** Saves several records in one commit: after a crash either all are saved or none. */
  async putMany(
    items: Array<{ kind: RecordKind; id?: string; value: unknown }>,
    audit?: AuditRequest,
  ): Promise<RecordMeta[]> {
    this.assertOpen();
    if (!Array.isArray(items))
      throw new AttuneError('invalid-input', 'Nothing to save: expected a list of records.');
    const seen = new Set<string>();
    const prepared = items.map((item) => {
      assertKind(item.kind);
      const id = item.id ?? newRecordId();
      assertId(id);
      const key = recordKey(item.kind, id);
      if (seen.has(key)) throw new AttuneError('invalid-input', 'The same record appears twice in one save.');
      seen.add(key);
      return { kind: item.kind, id, json: recordJson(item.value) };
    });
    if (audit) assertAuditInput(audit.type, audit.detail);
    return this.enqueue(() => this.commitPuts(prepared, audit));
  }

  async delete(kind: RecordKind, id: string, audit?: AuditRequest): Promise<void> {
    this.assertOpen();
    assertKind(kind);
    assertId(id);
    if (audit) assertAuditInput(audit.type, audit.detail);
    return this.enqueue(async () => {
      const entry = this.state.records.get(recordKey(kind, id));
      if (!entry) throw notFound(kind);
      const op: JournalOp = { op: 'delete', kind, id, rev: entry.rev };
      await this.commit([op], [], audit ? [withRecordDetail(audit, { kind, id, rev: entry.rev })] : []);
    });
  }

  async appendAudit(type: AuditType, detail?: AuditDetail): Promise<void> {
    this.assertOpen();
    assertAuditInput(type, detail);
    return this.enqueue(() => this.commit([], [], [{ type, detail: detail ?? {} }]));
  }

  /** The whole audit trail, oldest first; 'integrity' if its chain is broken. */
  async readAudit(): Promise<AuditEntry[]> {
    this.assertOpen();
    return this.enqueue(async () => {
      const keys = this.requireKeys();
      let bytes: Buffer;
      try {
        bytes = await this.fs.readFile(join(this.dir, AUDIT_FILE));
      } catch (error) {
        throw readFailure(error, `audit log (${AUDIT_FILE})`);
      }
      const read = readAuditChain(
        keys.audit,
        this.header.vaultId,
        bytes,
        this.state.auditBytes,
        this.state.snapshotAudit,
        this.state.pendingAudit,
      );
      if (read.problems.length > 0) {
        throw new AttuneError(
          'integrity',
          `The audit log is damaged or was altered (${read.problems[0]}). Run a vault check and restore the vault from a backup.`,
        );
      }
      return read.entries;
    });
  }

  /**
   * Checks every file, the manifest and the audit chain; lists problems instead of throwing.
   * `onProgress` hears how many record files have been checked, of how many.
   */
  async verify(onProgress?: VerifyProgress): Promise<VerifyReport> {
    this.assertOpen();
    return this.enqueue(() =>
      verifyContents(this.fs, this.dir, this.header, this.requireKeys(), onProgress, {
        knownFiles: this.state.records,
      }),
    );
  }

  /** Re-wraps the vault key under a new passphrase (new salt); records are not re-encrypted. */
  async changePassphrase(next: string): Promise<void> {
    this.assertOpen();
    if (typeof next !== 'string' || next.length === 0) {
      throw new AttuneError('invalid-input', 'Choose a new passphrase that is not empty.');
    }
    // The slow KDF runs outside the queue so saves are not held up by it.
    const salt = randomBytes(SALT_BYTES);
    const kek = await deriveKek(next, salt, this.header.kdf);
    return this.enqueue(async () => {
      try {
        const keys = this.requireKeys();
        const base = { ...this.header, salt };
        const unsigned = { ...base, passphrase: wrapKey(kek, keys.vaultKey, wrapAd('passphrase', base)) };
        // One atomic replacement of the header is the whole change: a crash leaves the old
        // header (old passphrase) or the new one (new passphrase), never neither.
        await this.replaceHeader(unsigned, keys);
        // The passphrase has changed whatever happens next; a failed audit append must not say otherwise.
        await this.commit([], [], [{ type: 'passphrase-change' }]).catch(() => undefined);
      } finally {
        kek.fill(0);
      }
    });
  }

  /**
   * Replaces the recovery key: a fresh random key wraps the vault key in the header's recovery
   * slot, so the old recovery key no longer opens this vault (copies made before, such as
   * backups, keep their own header and still open with it). Returns the new key, to be shown once.
   */
  async renewRecoveryKey(): Promise<string> {
    this.assertOpen();
    return this.enqueue(async () => {
      const keys = this.requireKeys();
      const fresh = generateRecoveryKey();
      const kek = recoveryKek(fresh, this.header.vaultId);
      try {
        const unsigned = {
          ...this.header,
          recovery: wrapKey(kek, keys.vaultKey, wrapAd('recovery', this.header)),
        };
        // As with the passphrase: the old header (old key) or the new one survives a crash.
        await this.replaceHeader(unsigned, keys);
        const shown = formatRecoveryKey(fresh);
        // The key has changed whatever happens next; a failed audit append must not hide it.
        await this.commit([], [], [{ type: 'recovery-key-renewal' }]).catch(() => undefined);
        return shown;
      } finally {
        kek.fill(0);
        fresh.fill(0);
      }
    });
  }

  /** Writes a consistent copy of the vault to `destDir` (absent or empty); same passphrase. */
  async backup(destDir: string): Promise<void> {
    this.assertOpen();
    const dest = resolve(destDir);
    const inside = relative(this.dir, dest);
    if (!inside || (!inside.startsWith('..') && !isAbsolute(inside))) {
      throw new AttuneError('invalid-input', 'Choose a backup folder outside the vault folder.');
    }
    return this.enqueue(async () => {
      this.requireKeys();
      try {
        await this.checkpointNow();
        await copyVault(this.fs, this.dir, dest, this.header, this.state);
      } catch (error) {
        throw writeFailure(error);
      }
      await this.commit([], [], [{ type: 'backup', detail: { records: this.state.records.size } }]);
    });
  }

  /**
   * Writes a new backup generation under `<folder>/Attune backups/<vault id>/` (FORMAT-v1.md,
   * "Backups"): checkpoints, copies changed record files and hard-links unchanged ones from the
   * previous generation, verifies the copy with the vault's keys, prunes by retention, and
   * records a 'backup' audit entry with the outcome. A failed verify is recorded, the copy
   * removed, and an 'integrity' error thrown. Saves wait while the files are written and checked.
   */
  async backupTo(folder: string, options: BackupOptions = {}): Promise<BackupResult> {
    this.assertOpen();
    const root = resolve(folder);
    await assertBackupOutsideVault(this.dir, root);
    return this.enqueue(async () => {
      const keys = this.requireKeys();
      try {
        await this.checkpointNow();
      } catch (error) {
        throw writeFailure(error);
      }
      const source = { fs: this.fs, dir: this.dir, header: this.header, keys, state: this.state };
      let written: GenerationWrite;
      try {
        written = await writeBackupGeneration(source, root, options);
      } catch (error) {
        const message = error instanceof AttuneError ? error.message : String(error);
        const detail = { folder: root, ok: false, error: message };
        await this.commit([], [], [{ type: 'backup', detail }]).catch(() => undefined);
        throw error;
      }
      const { result } = written;
      await this.commit([], [], [{ type: 'backup', detail: backupAuditDetail(root, result) }]);
      if (!result.verify.ok) throw backupNotVerified(root, written);
      return result;
    });
  }

  /**
   * Records 'lock', checkpoints, zeroes the keys, drops the in-memory state and releases the
   * process lock. Every later call fails with 'locked'; locking twice is harmless.
   */
  lock(): Promise<void> {
    if (this.locking) return this.locking;
    if (this.isLocked) return Promise.resolve();
    this.closing = true;
    this.locking = this.enqueue(async () => {
      if (!this.keys) return;
      // Locking must always succeed: a failed audit append or checkpoint loses nothing,
      // because the journal still holds every commit and is replayed at the next open.
      await this.commit([], [], [{ type: 'lock' }]).catch(() => undefined);
      await this.checkpointNow().catch(() => undefined);
      await this.journal.close().catch(() => undefined);
      this.wipe();
      await this.processLock.release();
    });
    return this.locking;
  }

  /** Test hook: stop touching the files at once and forget the lock, as if the process died. */
  [crashForTests](): void {
    this.dead = true;
    this.closing = true;
    // Not zeroed: work already under way may still hold these buffers; the guarded fs stops it.
    this.keys = null;
    this.processLock.abandon();
  }

  // --- internals -------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.isLocked) throw lockedError();
  }

  private requireKeys(): VaultKeys {
    if (!this.keys) throw lockedError();
    return this.keys;
  }

  /** Signs `unsigned` with the header MAC and writes it in one atomic, durable replacement. */
  private async replaceHeader(unsigned: Omit<VaultHeader, 'mac'>, keys: VaultKeys): Promise<void> {
    const updated: VaultHeader = { ...unsigned, mac: headerMac(keys.headerMac, unsigned) };
    try {
      await atomicWriteFile(this.fs, join(this.dir, HEADER_FILE), serializeHeader(updated), {
        syncDir: false,
      });
    } catch (error) {
      throw writeFailure(error);
    }
    // Renamed into place: from here every reader gets the new header, so the change has happened
    // and must not be reported as failed (a new recovery key would never be shown, and the old
    // one no longer works). If the folder cannot be synced, a power cut may bring back the old
    // header, which still opens the vault with the old secrets: nothing is lost either way.
    this.header = updated;
    await fsyncDir(this.fs, this.dir).catch(() => undefined);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private wipe(): void {
    if (this.keys) zeroKeys(this.keys);
    this.keys = null;
    this.state.records.clear();
    this.state.pendingDeletes.clear();
    this.state.pendingAudit = [];
  }

  private async commitPuts(
    items: Array<{ kind: string; id: string; json: string }>,
    audit: AuditRequest | undefined,
  ): Promise<RecordMeta[]> {
    const keys = this.requireKeys();
    const ops: JournalOp[] = [];
    const blobs: Buffer[] = [];
    const metas: RecordMeta[] = [];
    for (const item of items) {
      const current = this.state.records.get(recordKey(item.kind, item.id));
      const ref = {
        kind: item.kind,
        id: item.id,
        rev: (current?.rev ?? 0) + 1,
        born: current?.born ?? this.state.seq + 1,
      };
      const blob = encodeRecord(keys.record, this.header.vaultId, ref, item.json);
      ops.push({ op: 'put', ...ref, hash: sha256Hex(blob), size: blob.length });
      blobs.push(blob);
      metas.push({ kind: ref.kind, id: ref.id, rev: ref.rev });
    }
    const auditEntries = !audit
      ? []
      : metas.length === 1
        ? [withRecordDetail(audit, metas[0]!)]
        : [{ type: audit.type, detail: { records: metas.length, ...audit.detail } }];
    await this.commit(ops, blobs, auditEntries);
    return metas;
  }

  /** The commit point: one journal frame, appended and synced. Memory changes only after it. */
  private async commit(ops: JournalOp[], blobs: Buffer[], audit: AuditRequest[]): Promise<void> {
    const keys = this.requireKeys();
    let head = this.state.audit;
    const texts: string[] = [];
    for (const a of audit) {
      const next = makeAuditEntry(head, a.type, a.detail ?? {});
      texts.push(next.text);
      head = next.head;
    }
    const entry = { seq: this.state.seq + 1, ops, blobs, audit: texts };
    try {
      await this.journal.append(encodeJournalEntry(keys.journal, this.header.vaultId, entry));
    } catch (error) {
      throw writeFailure(error);
    }
    this.state.apply(entry, head);
    this.maybeCheckpoint();
  }

  /**
   * Schedules a checkpoint once enough has piled up in the journal. It runs in the queue after
   * the save that triggered it has resolved: that save is already durable. A failed checkpoint
   * (disk full, say) loses nothing and is retried after another round of commits.
   */
  private maybeCheckpoint(): void {
    const due =
      this.state.entriesSinceSnapshot >= this.tuning.every + this.checkpointBackoff ||
      this.journal.size >= this.tuning.bytes * (1 + this.checkpointBackoff / this.tuning.every);
    if (!due || this.checkpointQueued) return;
    this.checkpointQueued = true;
    void this.enqueue(async () => {
      this.checkpointQueued = false;
      if (!this.keys) return;
      try {
        await this.checkpointNow();
        this.checkpointBackoff = 0;
      } catch {
        this.checkpointBackoff = this.state.entriesSinceSnapshot;
      }
    });
  }

  private checkpointNow(): Promise<void> {
    return checkpoint({
      fs: this.fs,
      dir: this.dir,
      vaultId: this.header.vaultId,
      keys: this.requireKeys(),
      state: this.state,
      journal: this.journal,
    });
  }
}

function tuningOf(options: VaultOptions): { every: number; bytes: number } {
  return { every: options.checkpointEvery ?? 256, bytes: options.checkpointBytes ?? 16 * 1024 * 1024 };
}

/** Adds which record an audit entry is about, unless the caller said so already. */
function withRecordDetail(audit: AuditRequest, meta: RecordMeta): AuditRequest {
  return { type: audit.type, detail: { kind: meta.kind, id: meta.id, rev: meta.rev, ...audit.detail } };
}
