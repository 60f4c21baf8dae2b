import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { open as openSealed, seal } from '../aead';
import { atomicWriteFile, fsyncDir, isTempName } from '../atomicWrite';
import { type AuditDetail, type AuditType, makeAuditEntry } from '../auditLog';
import { assertBackupOutsideVault } from '../backupOutcome';
import type { BackupOptions, BackupResult } from '../backupSet';
import { ascii, sha256Hex } from '../binary';
import { DEFAULT_KDF, type KdfParams } from '../kdf';
import { ProcessLock } from '../processLock';
import { readSmallFile } from '../readSmallFile';
import { assertId, assertKind, newRecordId, recordJson } from '../recordCodec';
import { formatRecoveryKey, generateRecoveryKey } from '../recoveryKey';
import type { VaultSecret } from '../unlock';
import { lockedError, openWriteFailure, writeFailure } from '../vaultErrors';
import { isNotFound, nodeVaultFs, type VaultFs } from '../vaultFs';
import type { RecordMeta } from '../vaultTypes';
import { auditEntriesOf } from './auditEntriesOf';
import { mergedCounts } from './backupSummary';
import { unnamedDevice } from './checkClaims';
import { acknowledgementsOf, applyDamageRepairs, type DamageRepair, damageRepairsFor } from './damageRepairs';
import { DEFAULT_SEGMENT_BYTES, DeviceLogWriter } from './deviceLogWriter';
import { forkSummaries, pendingOnForks } from './forkSummary';
import { encodeFramePayload } from './framePayload';
import {
  changePassphraseSlots,
  KEYS_FILE,
  type KeySlots,
  makeKeySlots,
  readKeySlotFiles,
  renewRecoverySlots,
  serializeKeySlots,
  unlockSlots,
  withDevice,
} from './keySlots';
import { encodeLogFrame, ZERO_HASH } from './logFrame';
import { MergedState, type RecordView } from './MergedState';
import { MARKER_FILE, markerBytes, parseMarker, readMarkerFile } from './marker';
import { strayParentProblems } from './mergedStateProblems';
import { PACK_MIN_FRAMES, packOwnLog } from './packOwnLog';
import { decodePresence, encodePresence, PRESENCE_FILE, type Presence, presentDevices } from './presenceFile';
import { RollbackEvidence } from './RollbackEvidence';
import { DEVICES_DIR, type LogReads, listDeviceFolders, readAllLogs } from './readAllLogs';
import { encodeSeen, SEEN_FILE } from './seenFile';
import { putAsideStaleFolder, sayOtherVault, staleDevices, staleVaultIds } from './staleDeviceFolders';
import { assertSyncedAudit, auditFor } from './syncedAudit';
import { backupSyncedVault } from './syncedBackup';
import type {
  RecordConflict,
  SyncedAuditRequest,
  SyncedAuditType,
  SyncedVaultOptions,
  SyncedVerifyReport,
} from './syncedVaultTypes';
import { type LogOp, opId, type SyncProblem } from './types';
import { deriveV2Keys, type V2Keys, zeroV2Keys } from './v2Keys';
import { checkSyncedFolder } from './verifySyncedFolder';

export type {
  ConflictVersion,
  DeviceIdentity,
  LocalSeenStore,
  RecordConflict,
  SyncedAuditRequest,
  SyncedAuditType,
  SyncedVaultOptions,
  SyncedVerifyReport,
} from './syncedVaultTypes';

const GENESIS = '0'.repeat(64);

/** This device's own log is shorter than what it claimed to have written (see open). */
class OwnLogBehind extends Error {}

/**
 * This device's folder is a link, a file or a pipe (put there outside Attune): nothing is written
 * through it, since a link may lead anywhere. This computer carries on as a new device, as when its
 * log went back; readAllLogs reports the stray and never reads it.
 */
class OwnFolderStray extends OwnLogBehind {}

async function isStrayFolder(fs: VaultFs, path: string): Promise<boolean> {
  try {
    const stat = await fs.lstat(path);
    return !stat.isDirectory || stat.isSymbolicLink;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function copyKeys(keys: V2Keys): V2Keys {
  return {
    vaultKey: Buffer.from(keys.vaultKey),
    log: Buffer.from(keys.log),
    seen: Buffer.from(keys.seen),
    presence: Buffer.from(keys.presence),
    keysMac: Buffer.from(keys.keysMac),
    summary: Buffer.from(keys.summary),
    local: Buffer.from(keys.local),
  };
}
const isDeviceHex = (hex: string): boolean => /^[0-9a-f]{32}$/.test(hex);

/**
 * An unlocked format-2 vault (FORMAT.md): the merge of every device's append-only log. This
 * device only ever appends to its own log under `devices/<id>/`; other devices' changes arrive
 * through the synced folder and are merged by `refresh()`. Concurrent edits of one record are
 * kept as a conflict until `resolveConflict` settles it. Writes are serialised through one queue.
 */
export class SyncedVault {
  readonly dir: string;
  readonly vaultHex: string;
  readonly deviceHex: string;
  private keys: V2Keys | null;
  private readonly state = new MergedState();
  private reads: LogReads = new Map();
  private readProblems: SyncProblem[] = [];
  /** The highest key epoch found by the last read of the folder (read once per refresh, not per use). */
  private knownEpoch = 0;
  /** Device folders from before a key rotation, found by the last read of the key files: not read. */
  private stale: ReadonlySet<string> = new Set();
  /** The vault id (hex) each stale folder's keys.json names: a vault this one replaced, or another. */
  private staleVaults = new Map<string, string>();
  private claimProblems: SyncProblem[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private writer: DeviceLogWriter | null = null;
  private lockFile: ProcessLock | null = null;
  private auditHead = { seq: 0, hash: GENESIS };
  /** What this device claims to have seen of every log (rollback evidence, §9). */
  private evidence = new RollbackEvidence();
  /** Set when this computer's earlier device log was found rolled back and it carries on under a new id. */
  replaces: string | undefined;
  private editing: Array<{ kind: string; id: string }> = [];
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly fs: VaultFs;
  private readonly now: () => Date;
  private readonly deviceId: Buffer;
  private readonly deviceDir: string;
  /** This computer's name as the others see it (its latest `device` op, and its presence file). */
  private name: string;

  private constructor(
    dir: string,
    private readonly vaultId: Buffer,
    keys: V2Keys,
    private slots: KeySlots,
    private readonly options: SyncedVaultOptions,
    deviceHex: string,
  ) {
    this.dir = dir;
    this.vaultHex = vaultId.toString('hex');
    this.keys = keys;
    this.deviceHex = deviceHex;
    this.deviceId = Buffer.from(deviceHex, 'hex');
    this.deviceDir = join(dir, DEVICES_DIR, deviceHex);
    this.fs = options.fs ?? nodeVaultFs;
    this.now = options.now ?? (() => new Date());
    this.name = deviceName(options.device.name);
  }

  /** Creates a format-2 vault in `dir` (absent or empty). The recovery key is shown once. */
  static async create(
    dirIn: string,
    passphrase: string,
    options: SyncedVaultOptions & { kdf?: KdfParams },
  ): Promise<{ vault: SyncedVault; recoveryKey: string }> {
    const fs = options.fs ?? nodeVaultFs;
    const dir = resolve(dirIn);
    if (typeof passphrase !== 'string' || passphrase.length === 0) {
      throw new AttuneError('invalid-input', 'Choose a passphrase that is not empty.');
    }
    await assertEmptyFolder(fs, dir);
    const deviceHex = options.device.hex ?? randomBytes(16).toString('hex');
    if (!isDeviceHex(deviceHex))
      throw new AttuneError('invalid-input', 'This computer’s device id is malformed.');
    const vaultId = randomBytes(16);
    const vaultKey = randomBytes(32);
    const recovery = generateRecoveryKey();
    const keys = deriveV2Keys(vaultKey, vaultId);
    try {
      const slots = await makeKeySlots({
        vaultKey,
        vaultId,
        deviceHex,
        epoch: 1,
        passphrase,
        kdf: options.kdf ?? DEFAULT_KDF,
        recoveryKey: recovery,
        keysMac: keys.keysMac,
      });
      const deviceDir = join(dir, DEVICES_DIR, deviceHex);
      await fs.mkdir(deviceDir, { mode: 0o700, recursive: true });
      await atomicWriteFile(fs, join(deviceDir, KEYS_FILE), serializeKeySlots(slots), { syncDir: true });
      const vault = new SyncedVault(dir, vaultId, keys, slots, options, deviceHex);
      await vault.start(
        [{ op: 'device', name: deviceName(options.device.name) }],
        [{ type: 'vault-create' }],
      );
      // The marker last: until it exists the folder is not a vault (FORMAT.md §13).
      await fsyncDir(fs, join(dir, DEVICES_DIR));
      await atomicWriteFile(fs, join(dir, MARKER_FILE), markerBytes(vaultId), { syncDir: true });
      return { vault, recoveryKey: formatRecoveryKey(recovery) };
    } catch (error) {
      zeroV2Keys(keys);
      throw error instanceof AttuneError ? error : writeFailure(error);
    } finally {
      recovery.fill(0);
    }
  }

  /**
   * Opens a format-2 vault on this device: unlocks with the newest key slots of any device,
   * reads and merges every device's log, checks what every device has seen (rollback evidence),
   * adopts the winning key slots, joins as a new device if this one has not written before,
   * and records 'unlock' (or 'recovery').
   */
  static async open(dirIn: string, secret: VaultSecret, options: SyncedVaultOptions): Promise<SyncedVault> {
    const fs = options.fs ?? nodeVaultFs;
    const dir = resolve(dirIn);
    let markerBytesRead: Buffer;
    try {
      markerBytesRead = await readMarkerFile(fs, dir);
    } catch (error) {
      if (isNotFound(error)) {
        throw new AttuneError(
          'not-a-vault',
          (await listDeviceFolders(fs, dir)).length > 0
            ? 'This vault folder has not finished arriving from the sync service (its attune-vault.json is missing). Wait for syncing to finish and try again.'
            : 'This folder is not an Attune vault.',
        );
      }
      throw error;
    }
    const marker = parseMarker(markerBytesRead);
    if (marker.version !== 2) {
      throw new AttuneError(
        'unsupported-version',
        'This vault is in the older format 1, which this engine does not open; Attune opens it as a format-1 vault.',
      );
    }
    const vaultId = marker.vaultId;
    const { files, problems: keyProblems } = await readKeySlotFiles(fs, dir);
    if (files.length === 0) {
      // Key files that are there but do not read are not "still arriving": say which, and what to do.
      // Either way the folder is a vault (its marker is there) lacking a file it needs: an integrity
      // problem, as verifySyncedFolder says too (the CLI's exit code 1 for both, README).
      const damaged = keyProblems.map((p) => p.file);
      throw new AttuneError(
        'integrity',
        damaged.length > 0
          ? `This vault’s key file${damaged.length === 1 ? '' : 's'} (${damaged.join(', ')}) could not be read: damaged or changed outside Attune, or still being written by the sync app. If another computer uses this vault, let the sync app finish and try again; otherwise restore the vault from a backup (“Restore from a backup…” on the unlock screen). The passphrase and the recovery key both need a key file.`
          : 'This vault’s key files (keys.json) are not in its folder: they have not arrived from the sync service yet, or were removed. Wait for syncing to finish and try again; if it has finished, restore the vault from a backup (“Restore from a backup…” on the unlock screen).',
      );
    }
    const unlocked = await unlockSlots(
      files,
      secret,
      vaultId,
      options.derive,
      options.device.hex ?? undefined,
    );
    // Folders left from before the vault key was rotated (§13): this computer's own is put aside.
    const stale = staleDevices(files, vaultId);
    const deviceHex = options.device.hex ?? randomBytes(16).toString('hex');
    if (!isDeviceHex(deviceHex))
      throw new AttuneError('invalid-input', 'This computer’s device id is malformed.');
    const unlockAudit: SyncedAuditRequest = { type: unlocked.via === 'passphrase' ? 'unlock' : 'recovery' };
    const attempt = async (hex: string, keys: V2Keys, inherited: RollbackEvidence, replaces?: string) => {
      const vault = new SyncedVault(dir, vaultId, keys, unlocked.winner.slots, options, hex);
      vault.evidence = inherited;
      vault.replaces = replaces;
      try {
        if (stale.delete(hex)) await putAsideStaleFolder(fs, dir, hex, vault.now());
        if (await isStrayFolder(fs, vault.deviceDir)) throw new OwnFolderStray();
        await fs.mkdir(vault.deviceDir, { mode: 0o700, recursive: true });
        const own = files.find((f) => f.deviceHex === hex && f.slots.vaultId.equals(vaultId));
        const winnerBytes = serializeKeySlots(withDevice(unlocked.winner.slots, hex));
        if (!own || !serializeKeySlots(own.slots).equals(winnerBytes)) {
          // Adopt the newest slots, so an old passphrase stops opening the vault here too (§4).
          await atomicWriteFile(fs, join(vault.deviceDir, KEYS_FILE), winnerBytes, { syncDir: true });
        }
        await vault.start(null, [unlockAudit]);
        if (replaces) await vault.carryOver(replaces);
        return vault;
      } catch (error) {
        const claims = vault.evidence;
        const spare = error instanceof OwnLogBehind ? copyKeys(keys) : null;
        await vault.abandonOpen();
        if (!spare) throw openWriteFailure(error);
        return { retry: spare, claims };
      }
    };
    const first = await attempt(deviceHex, unlocked.keys, new RollbackEvidence());
    if (first instanceof SyncedVault) return first;
    // This computer's own log in the folder is older than what it had written (a sync tool or a
    // restore put back an older copy), or forked (its Attune data was copied to another computer,
    // which writes the same log). Appending to it would give two different changes the same
    // number, so this computer carries on as a new device; its claims go with it, so the missing
    // changes stay reported until the full files come back (FORMAT.md §9). Its changes that a fork
    // left unapplied are carried over to the new log (carryOver).
    const second = await attempt(randomBytes(16).toString('hex'), first.retry, first.claims, deviceHex);
    if (second instanceof SyncedVault) return second;
    zeroV2Keys(second.retry);
    throw new AttuneError('internal', 'This computer could not start a new change log in the vault folder.');
  }

  get isLocked(): boolean {
    return this.closed || this.keys === null;
  }

  /** Existing records (a record in conflict is listed once, with its winning version). */
  list(kind?: string): RecordMeta[] {
    this.assertOpen();
    if (kind !== undefined) assertKind(kind);
    return this.state.records(kind).map((r) => ({ kind: r.kind, id: r.id, rev: r.rev }));
  }

  async get<T = unknown>(kind: string, id: string): Promise<T> {
    this.assertOpen();
    assertKind(kind);
    assertId(id);
    const view = this.state.record(kind, id);
    if (!view || view.deleted || !view.winner.value) {
      throw new AttuneError('not-found', `That ${kind} record does not exist; it may have been deleted.`);
    }
    return parseValue<T>(view.winner.value);
  }

  async getAll<T = unknown>(kind: string): Promise<Array<{ id: string; rev: number; value: T }>> {
    this.assertOpen();
    assertKind(kind);
    return this.state
      .records(kind)
      .filter((r) => r.winner.value)
      .map((r) => ({ id: r.id, rev: r.rev, value: parseValue<T>(r.winner.value as Buffer) }));
  }

  /**
   * Every record of a kind as its UTF-8 JSON: views into the decrypted frames this vault holds
   * anyway (no copy, nothing parsed), zeroed by `lock`. Parse one with JSON.parse when it is needed.
   * `version` is the op that wrote the value shown (its winner): unique to that value on every
   * computer, so what was derived from it can be kept and reused while it stays the same.
   */
  getAllJson(kind: string): Array<{ id: string; rev: number; version: string; json: Buffer }> {
    this.assertOpen();
    assertKind(kind);
    const out: Array<{ id: string; rev: number; version: string; json: Buffer }> = [];
    for (const r of this.state.records(kind))
      if (r.winner.value) out.push({ id: r.id, rev: r.rev, version: r.winner.opId, json: r.winner.value });
    return out;
  }

  /**
   * Seals `plaintext` for this computer's own files beside the vault (FORMAT.md §17) with a key
   * derived from the vault key, bound to this vault and to `purpose`: the key never leaves here.
   */
  sealLocal(purpose: string, plaintext: Buffer): Buffer {
    this.assertOpen();
    return seal(this.requireKeys().local, plaintext, this.localAd(this.localPurpose(purpose)));
  }

  /** Opens what `sealLocal` sealed for `purpose`; null if it was not (another vault or key, altered bytes). */
  openLocal(purpose: string, sealed: Buffer): Buffer | null {
    this.assertOpen();
    return openSealed(this.requireKeys().local, sealed, 0, this.localAd(this.localPurpose(purpose)));
  }

  /**
   * `purpose`, bound to the forks and rollbacks reported now (FORMAT.md §17): what a local copy
   * holds is named by op ids (`getAllJson`'s versions), which a fork gives to other values, so a
   * copy sealed before one is not opened after it (computed afresh, and sealed anew under the new
   * set: later unlocks use it while the same set is reported, as forks stay reported for good).
   */
  private localPurpose(purpose: string): string {
    const marks = this.problems()
      .filter((p) => p.type === 'fork' || p.type === 'rollback')
      .map((p) => `${p.type}\n${p.file}\n${p.message}`)
      .sort();
    return marks.length === 0 ? purpose : `${purpose}/after/${sha256Hex(Buffer.from(marks.join('\n\n')))}`;
  }

  private localAd(purpose: string): Buffer {
    return Buffer.concat([ascii(`attune/v2/local/${purpose}`), this.vaultId]);
  }

  /** Saves a record. A record in conflict must be resolved first (`resolveConflict`). */
  async put(
    kind: string,
    id: string | undefined,
    value: unknown,
    audit?: SyncedAuditRequest,
  ): Promise<RecordMeta> {
    const [meta] = await this.putMany([{ kind, ...(id === undefined ? {} : { id }), value }], audit);
    return meta as RecordMeta;
  }

  /** Saves several records in one frame: after a crash all are saved or none. */
  async putMany(
    items: Array<{ kind: string; id?: string; value: unknown }>,
    audit?: SyncedAuditRequest,
  ): Promise<RecordMeta[]> {
    this.assertOpen();
    if (!Array.isArray(items))
      throw new AttuneError('invalid-input', 'Nothing to save: expected a list of records.');
    const prepared = items.map((item) => {
      assertKind(item.kind);
      const id = item.id ?? newRecordId();
      assertId(id);
      return { kind: item.kind, id, json: recordJson(item.value) };
    });
    const keys = new Set(prepared.map((p) => `${p.kind}/${p.id}`));
    if (keys.size !== prepared.length) {
      throw new AttuneError('invalid-input', 'The same record appears twice in one save.');
    }
    if (audit) assertSyncedAudit(audit);
    return this.enqueue(async () => {
      const ops: LogOp[] = [];
      const values: Buffer[] = [];
      for (const p of prepared) {
        this.refuseConflict(p.kind, p.id);
        const value = Buffer.from(p.json, 'utf8');
        ops.push({
          op: 'put',
          kind: p.kind,
          id: p.id,
          parents: this.state.parentsFor(p.kind, p.id),
          size: value.length,
        });
        values.push(value);
      }
      const audits = audit ? [auditFor(audit, prepared)] : [];
      await this.commit(ops, values, audits);
      return prepared.map((p) => ({
        kind: p.kind,
        id: p.id,
        rev: this.state.record(p.kind, p.id)?.rev ?? 1,
      }));
    });
  }

  /** Deletes a record; returns the delete's op id (it names this version in a later conflict). */
  async delete(kind: string, id: string, audit?: SyncedAuditRequest): Promise<{ opId: string }> {
    this.assertOpen();
    assertKind(kind);
    assertId(id);
    if (audit) assertSyncedAudit(audit);
    return this.enqueue(async () => {
      const view = this.state.record(kind, id);
      if (!view || view.deleted)
        throw new AttuneError('not-found', `That ${kind} record does not exist; it may have been deleted.`);
      this.refuseConflict(kind, id);
      const seq = await this.commit(
        [{ op: 'delete', kind, id, parents: this.state.parentsFor(kind, id) }],
        [],
        audit ? [auditFor(audit, [{ kind, id }])] : [],
      );
      return { opId: opId(this.deviceHex, seq, 0) };
    });
  }

  async appendAudit(type: SyncedAuditType, detail?: AuditDetail): Promise<void> {
    this.assertOpen();
    const request = { type, detail: detail ?? {} };
    assertSyncedAudit(request);
    return this.enqueue(async () => {
      await this.commit([], [], [request]);
    });
  }

  /** Every device's audit entries merged (FORMAT.md §12), oldest first, with the device. */
  readAudit(): Array<{ deviceHex: string; entry: unknown }> {
    this.assertOpen();
    const problems = this.state.auditProblems();
    if (problems.length > 0) {
      throw new AttuneError(
        'integrity',
        `The audit log is damaged or was altered (${problems[0]}). Run a vault check and restore the vault from a backup.`,
      );
    }
    return this.state.audit().map((a) => ({ deviceHex: a.deviceHex, entry: JSON.parse(a.text) as unknown }));
  }

  /** Records changed on two devices before their files crossed, with every version kept. */
  conflicts(): RecordConflict[] {
    this.assertOpen();
    return this.state.conflicts().map((r) => this.conflictOf(r));
  }

  /**
   * Settles a conflict: the chosen value (one version, or sections taken from each) becomes the
   * record's only version, superseding every head; or `null` deletes the record. Audited.
   */
  async resolveConflict(
    kind: string,
    id: string,
    value: unknown | null,
  ): Promise<RecordMeta & { opId: string }> {
    this.assertOpen();
    assertKind(kind);
    assertId(id);
    const json = value === null ? null : recordJson(value);
    return this.enqueue(async () => {
      const view = this.state.record(kind, id);
      if (!view?.conflict) {
        throw new AttuneError(
          'not-found',
          'That record is not in conflict any more; it may have been resolved on another computer.',
        );
      }
      const parents = view.heads.map((h) => h.opId);
      const detail = { kind, id, versions: view.heads.length };
      let seq: number;
      if (json === null) {
        seq = await this.commit(
          [{ op: 'delete', kind, id, parents }],
          [],
          [{ type: 'conflict-resolved', detail: { ...detail, deleted: true } }],
        );
      } else {
        const bytes = Buffer.from(json, 'utf8');
        seq = await this.commit(
          [{ op: 'put', kind, id, parents, size: bytes.length }],
          [bytes],
          [{ type: 'conflict-resolved', detail }],
        );
      }
      return { kind, id, rev: this.state.record(kind, id)?.rev ?? 1, opId: opId(this.deviceHex, seq, 0) };
    });
  }

  /**
   * Writes a verified backup generation of this vault into `folder` (syncedBackup.ts): after
   * everything queued so far, so this device's own writes have settled. Audited as 'backup'.
   */
  async backupTo(folder: string, options: BackupOptions = {}): Promise<BackupResult> {
    this.assertOpen();
    const root = resolve(folder);
    await assertBackupOutsideVault(this.dir, root);
    return this.enqueue(async () => {
      const keys = this.requireKeys();
      const merged = mergedCounts(this.state);
      const source = {
        fs: this.fs,
        dir: this.dir,
        vaultId: this.vaultId,
        keys,
        ownHex: this.deviceHex,
        records: merged?.counts.records ?? this.state.records().length,
        auditEntries: this.state.audit().length,
        merged,
        repairedDamage: acknowledgementsOf(this.state.audit()).length > 0,
      };
      // Changes this vault knows are missing from it (files put back to an older copy) may be in no
      // backup but the older ones: none of those is pruned until the loss is restored (§9.1). A
      // fork is not a loss (both versions stay in the folder) and stays reported for good.
      const missing = this.problems().some((p) => p.type === 'rollback');
      const settings = missing ? { ...options, keepOlder: true } : options;
      return backupSyncedVault(source, root, settings, (detail) => {
        // The backup's own entry goes into a new segment once this one is sizeable, so the next
        // backup links the segment just copied instead of copying it again (at most an eighth of
        // a segment, 1 MiB, is copied again for the changes since).
        this.writer?.sealIfAtLeast((this.options.segmentBytes ?? DEFAULT_SEGMENT_BYTES) / 8);
        return this.commit([], [], [{ type: 'backup', detail }]);
      });
    });
  }

  /** Resolves once everything queued so far (saves, background writes of seen.bin and presence) is done. */
  settled(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  /**
   * Reads what other devices appended since the last read, merges it, and checks every device's
   * claims again. Returns how many frames were applied.
   */
  async refresh(): Promise<{ applied: number }> {
    this.assertOpen();
    return this.enqueue(async () => {
      // This computer's own newest log file may have been put back to an older copy by the sync
      // app: write it back first, so the app sends the whole file out again.
      await this.writer?.repair().catch(() => false);
      const applied = await this.readLogs();
      await this.checkEvidence();
      if (applied > 0) await this.writeSeen().catch(() => undefined);
      return { applied };
    });
  }

  /** What the last read found: damage, forks, rollbacks, changes still to arrive, artefacts. */
  problems(): SyncProblem[] {
    this.assertOpen();
    const waiting: SyncProblem[] = this.state.pending().map((p) => ({
      type: 'waiting',
      file: `${DEVICES_DIR}/${p.deviceHex}`,
      deviceHex: p.deviceHex,
      message: `Waiting for earlier changes before change ${p.seq} from ${this.nameOf(p.deviceHex)} can be shown.`,
    }));
    // One message per forked log, in place of the reader's and the claims' (one per change number
    // and per claim): a fork spans every change after it, and it has one cause and one remedy. Its
    // other version's changes past the shown one wait for ever, and what each computer claims of
    // that log disagrees by nature: said by the fork's message too, not as waiting or missing.
    const forked = new Set(this.state.forks().map((f) => f.deviceHex));
    const ofForked = (p: SyncProblem) => p.deviceHex !== undefined && forked.has(p.deviceHex);
    // The reader's per-change fork lines, conflict copies and frames waiting on the other version;
    // a log put back while open (goneBack) is still said.
    const aboutFork = (p: SyncProblem) =>
      (p.type === 'fork' || p.type === 'artefact' || p.type === 'waiting') && ofForked(p);
    // Every claim on a forked log: two computers wrote its numbers, so they cannot agree.
    const claimOnFork = (p: SyncProblem) =>
      (p.type === 'fork' || p.type === 'waiting' || p.type === 'rollback') && ofForked(p);
    const forkList = this.state.forks();
    const forks = forkSummaries(
      forkList,
      this.readProblems.filter(aboutFork),
      (hex) => this.nameOf(hex),
      pendingOnForks(forkList, this.state.pending()).following,
    );
    const repaired: SyncProblem[] =
      (this.writer?.healed ?? 0) > 0
        ? [
            {
              type: 'artefact',
              file: `${DEVICES_DIR}/${this.deviceHex}`,
              deviceHex: this.deviceHex,
              message:
                'Your sync app put back an older copy of this computer’s change log while the vault was open. Attune wrote the full log back; nothing was lost. If this happens often, check the sync app’s settings (a “newer wins” rule or a restore).',
            },
          ]
        : [];
    return [
      ...this.readProblems.filter((p) => !aboutFork(p)).map((p) => this.foreignVaultFolder(p)),
      ...this.claimProblems.filter((p) => !claimOnFork(p)),
      ...forks,
      ...waiting.filter((p) => !aboutFork(p)),
      ...strayParentProblems(this.state),
      ...repaired,
    ];
  }

  /** A stale folder of another vault, said to be so (sayOtherVault). */
  private foreignVaultFolder(problem: SyncProblem): SyncProblem {
    return sayOtherVault(problem, this.staleVaults, this.state.audit(), this.vaultId.toString('hex'));
  }

  /** Other devices that have this vault open now (FORMAT.md §10). */
  async present(): Promise<ReturnType<typeof presentDevices>> {
    const keys = this.requireKeys();
    const list: Array<{ deviceHex: string; presence: Presence }> = [];
    const former = this.formerIds();
    for (const hex of await listDeviceFolders(this.fs, this.dir)) {
      if (hex === this.deviceHex || former.has(hex)) continue;
      const bytes = await readSmallFile(this.fs, join(this.dir, DEVICES_DIR, hex, PRESENCE_FILE)).catch(
        () => null,
      );
      const presence = bytes && decodePresence(keys.presence, this.vaultId, Buffer.from(hex, 'hex'), bytes);
      if (presence) list.push({ deviceHex: hex, presence });
    }
    return presentDevices(list, this.now(), this.deviceHex, former);
  }

  /**
   * The other devices that have this record open for editing right now: the app warns before a
   * concurrent edit ("This note is open on Office iMac, 2 min ago") rather than after the conflict.
   */
  async editingElsewhere(kind: string, id: string): Promise<Array<{ name: string; minutesAgo: number }>> {
    this.assertOpen();
    return (await this.present())
      .filter((d) => d.editing.some((r) => r.kind === kind && r.id === id))
      .map((d) => ({ name: d.name, minutesAgo: d.minutesAgo }));
  }

  /** Tells other devices which records are open for editing here (a presence heartbeat). */
  async setEditing(records: Array<{ kind: string; id: string }>): Promise<void> {
    this.assertOpen();
    this.editing = records.map((r) => ({ kind: r.kind, id: r.id }));
    await this.enqueue(() => this.writePresence(true));
  }

  /** This computer's name as the other computers see it. */
  get ownName(): string {
    return this.name;
  }

  /**
   * Renames this computer for the others: a `device` op in its log (conflicts name the new name
   * once it arrives) and its presence file at once. Resolves to the name as stored.
   */
  async rename(name: string): Promise<string> {
    this.assertOpen();
    const next = deviceName(name);
    return this.enqueue(async () => {
      await this.commit([{ op: 'device', name: next }], [], []);
      this.name = next;
      await this.writePresence(true).catch(() => undefined);
      return next;
    });
  }

  /** Rewrites the presence file now (the timer calls this every minute). */
  heartbeat(): Promise<void> {
    this.assertOpen();
    return this.enqueue(() => this.writePresence(true));
  }

  /**
   * Reads every device's files again from scratch and checks them: every frame authentic and
   * chained, nothing waiting, no fork, the audit chains intact, every device's claims met; and
   * names the records shown here whose version the folder no longer holds (`affected`).
   */
  async verify(
    options: { onProgress?: (done: number, total: number) => void } = {},
  ): Promise<SyncedVerifyReport> {
    this.assertOpen();
    return this.enqueue(async () =>
      checkSyncedFolder({
        ...options,
        live: this.state,
        stale: this.stale,
        staleVaults: this.staleVaults,
        fs: this.fs,
        dir: this.dir,
        vaultId: this.vaultId,
        keys: this.requireKeys(),
        ownHex: this.deviceHex,
        evidence: this.evidence,
        localSeen: this.options.localSeen,
        maxEpoch: Math.max(await this.highestEpoch(), this.slots.epoch),
        name: (hex) => this.state.deviceName(hex),
      }),
    );
  }

  /**
   * What a repair may acknowledge (FORMAT.md §9.1) of the losses `before` (the verify made before
   * it reopened the vault, with this computer's id then) found, checked against this vault's
   * folder now; the repair writes them into its 'restore' entry (damageRepairs.ts).
   */
  async damageRepairs(before: SyncedVerifyReport, beforeHex: string): Promise<DamageRepair[]> {
    const after = await this.verify();
    return damageRepairsFor({
      fs: this.fs,
      dir: this.dir,
      before: { problems: before.problems, ownHex: beforeHex, ...(before.lost ? { lost: before.lost } : {}) },
      after,
    });
  }

  /**
   * Key rotation only (rotateSyncedVault): the audit trail of the vault being replaced, written
   * into this device's chain of the new vault, each entry with its own time and the computer
   * that made it (`computer`), in frames of at most 256 entries.
   */
  async carryAudit(entries: Array<{ type: SyncedAuditType; detail: AuditDetail; at: Date }>): Promise<void> {
    this.assertOpen();
    for (const entry of entries) assertSyncedAudit(entry);
    return this.enqueue(async () => {
      for (let i = 0; i < entries.length; i += 256) await this.commit([], [], entries.slice(i, i + 256));
    });
  }

  async changePassphrase(next: string): Promise<void> {
    this.assertOpen();
    if (typeof next !== 'string' || next.length === 0) {
      throw new AttuneError('invalid-input', 'Choose a new passphrase that is not empty.');
    }
    return this.enqueue(async () => {
      const keys = this.requireKeys();
      const epoch = (await this.highestEpoch()) + 1;
      const slots = await changePassphraseSlots(this.slots, keys, next, epoch, this.deviceHex);
      await this.writeSlots(slots);
      await this.commit([], [], [{ type: 'passphrase-change', detail: { epoch } }]).catch(() => undefined);
    });
  }

  async renewRecoveryKey(): Promise<string> {
    this.assertOpen();
    return this.enqueue(async () => {
      const keys = this.requireKeys();
      const epoch = (await this.highestEpoch()) + 1;
      const { slots, recoveryKey } = renewRecoverySlots(this.slots, keys, epoch, this.deviceHex);
      try {
        await this.writeSlots(slots);
        const shown = formatRecoveryKey(recoveryKey);
        await this.commit([], [], [{ type: 'recovery-key-renewal', detail: { epoch } }]).catch(
          () => undefined,
        );
        return shown;
      } finally {
        recoveryKey.fill(0);
      }
    });
  }

  /** Records 'lock', writes what this device has seen and that it is no longer open, forgets every key and value. */
  lock(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    return this.enqueue(async () => {
      if (!this.keys) return;
      await this.commit([], [], [{ type: 'lock' }]).catch(() => undefined);
      await this.writeSeen().catch(() => undefined);
      await this.writePresence(false).catch(() => undefined);
      await this.writer?.close().catch(() => undefined);
      // Packing is upkeep, not a commit: when it fails the log is read from its segments as before.
      await this.packIfDue().catch((error: unknown) => {
        console.error('[attune] packing this computer’s change log failed (nothing is lost):', error);
      });
      this.wipe();
      await this.lockFile?.release();
    });
  }

  /**
   * Packs this device's log (FORMAT.md §6.1) at lock when enough frames lie outside its newest
   * pack, judged from what is in memory so that a lock with nothing to pack reads nothing.
   */
  private async packIfDue(): Promise<void> {
    const keys = this.keys;
    const minFrames = this.options.packMinFrames ?? PACK_MIN_FRAMES;
    if (!keys || minFrames <= 0) return;
    const written = this.state.head(this.deviceHex)?.seq ?? 0;
    const files = this.reads.get(this.deviceHex)?.files.values() ?? [];
    const packed = Math.max(0, ...[...files].map((f) => f.pack?.last ?? 0));
    if (written - packed < Math.max(minFrames, packed / 4)) return;
    await packOwnLog({
      fs: this.fs,
      vaultDir: this.dir,
      device: { id: this.deviceId, hex: this.deviceHex },
      vaultId: this.vaultId,
      logKey: keys.log,
      minFrames,
    });
  }

  // --- internals -------------------------------------------------------------------------

  /** Takes the device's lock, reads every log, opens the own log for appending, commits the first frame. */
  private async start(firstOps: LogOp[] | null, audit: SyncedAuditRequest[]): Promise<void> {
    this.lockFile = await ProcessLock.acquire(this.fs, this.deviceDir);
    await this.removeOwnTempFiles();
    await this.readLogs();
    await this.checkEvidence();
    if (this.evidence.behind(this.deviceHex, this.state)) throw new OwnLogBehind();
    const ownRead = this.reads.get(this.deviceHex);
    this.writer = await DeviceLogWriter.open(this.fs, this.deviceDir, this.deviceId, ownRead?.tail ?? null, {
      ...(this.options.segmentBytes ? { segmentBytes: this.options.segmentBytes } : {}),
    });
    this.auditHead = this.ownAuditHead();
    const joining = firstOps === null && this.state.head(this.deviceHex) === null;
    // A computer renamed while the vault was closed tells the others its new name at the next open.
    const renamed = this.state.deviceName(this.deviceHex) !== this.name;
    const ops: LogOp[] = firstOps ?? (joining || renamed ? [{ op: 'device', name: this.name }] : []);
    const audits: SyncedAuditRequest[] = joining
      ? [
          {
            type: 'device-join',
            detail: { device: this.deviceHex, ...(this.replaces ? { replaces: this.replaces } : {}) },
          },
          ...audit,
        ]
      : audit;
    await this.commit(ops, [], audits);
    // What this device has seen and that it is open are evidence and courtesy, not commits: they
    // are written just after the vault is usable (anything queued after waits for them).
    void this.enqueue(async () => {
      await this.writeSeen().catch(() => undefined);
      await this.writePresence(true).catch(() => undefined);
    });
    const period = this.options.heartbeatMs ?? 60_000;
    if (period > 0) {
      this.heartbeatTimer = setInterval(() => void this.heartbeat().catch(() => undefined), period);
      this.heartbeatTimer.unref();
    }
  }

  /**
   * The changes this computer wrote to its old log `oldHex` that a fork left unapplied (the other
   * computer's frames at those numbers won, FORMAT.md §8): written again, frame by frame, to this
   * device's new log, so that what was saved here is not lost. Each op keeps its record, value and
   * parents, with parents on the lost branch renamed to their new ids; a record the other branch
   * changed too becomes a conflict to resolve, as any concurrent edit does. Each new frame holds a
   * `restore` audit entry naming the frame it carries (its seq and hash) and where it went, so a
   * frame carried once (by this computer before, or by another that had the same frames, its
   * Attune data having been copied from this one) is never carried again: its ops are only renamed.
   * Nothing is done when the branch is not all here.
   */
  private async carryOver(oldHex: string): Promise<void> {
    const claim = this.evidence.claimOf(oldHex);
    const branch = claim ? this.state.unappliedBranch(oldHex, claim) : null;
    if (!branch || branch.length === 0) return;
    const carried = carriedFrames(this.state.audit(), oldHex);
    const renamed = new Map<string, string>();
    const rename = (frame: (typeof branch)[number], newHex: string, newSeq: number) => {
      let index = 0;
      frame.payload.ops.forEach((op, i) => {
        if (op.op !== 'device') renamed.set(opId(oldHex, frame.seq, i), opId(newHex, newSeq, index++));
      });
    };
    for (const frame of branch) {
      const done = carried.get(frame.hash);
      if (done) {
        rename(frame, done.hex, done.seq);
        continue;
      }
      const seq = (this.state.head(this.deviceHex)?.seq ?? 0) + 1;
      const ops: LogOp[] = [];
      const values: Buffer[] = [];
      let putIndex = 0;
      for (const op of frame.payload.ops) {
        if (op.op === 'device') continue;
        const value = op.op === 'put' ? frame.payload.values[putIndex++] : undefined;
        ops.push({ ...op, parents: op.parents.map((p) => renamed.get(p) ?? p) });
        if (value) values.push(Buffer.from(value));
      }
      rename(frame, this.deviceHex, seq);
      if (ops.length === 0) continue;
      await this.commit(ops, values, [
        {
          type: 'restore',
          detail: {
            carriedFrom: oldHex,
            change: frame.seq,
            hash: frame.hash,
            as: `${this.deviceHex}:${seq}`,
          },
        },
      ]);
    }
  }

  /**
   * Temp files of atomic writes a crash left in this device's own folder (`seen.bin.tmp-…`):
   * with the device's lock held no write of its own runs, and no other device writes here, so
   * they are only clutter the sync app copies to every computer. Other folders are left alone.
   */
  private async removeOwnTempFiles(): Promise<void> {
    const names = await this.fs.readdir(this.deviceDir).catch(() => [] as string[]);
    for (const name of names) {
      if (isTempName(name)) await this.fs.unlink(join(this.deviceDir, name)).catch(() => undefined);
    }
  }

  private async abandonOpen(): Promise<void> {
    this.closed = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    await this.writer?.close().catch(() => undefined);
    this.wipe();
    await this.lockFile?.release();
  }

  private async readLogs(): Promise<number> {
    const keys = this.requireKeys();
    await this.highestEpoch();
    const result = await readAllLogs({
      fs: this.fs,
      vaultDir: this.dir,
      vaultId: this.vaultId,
      logKey: keys.log,
      ownHex: this.deviceHex,
      state: this.state,
      previous: this.reads,
      stale: this.stale,
    });
    this.reads = result.reads;
    // The reader names devices by their ids; the user knows them by name.
    const named = result.problems.map((p) =>
      p.deviceHex ? { ...p, message: p.message.replaceAll(p.deviceHex, this.nameOf(p.deviceHex)) } : p,
    );
    this.readProblems = await this.acknowledged([
      ...named,
      ...RollbackEvidence.goneBack(
        this.reads,
        this.state,
        this.deviceHex,
        (hex) => this.nameOf(hex),
        this.stale,
      ),
    ]);
    return result.applied;
  }

  /** The claims of every device's seen.bin and this computer's own memory, checked against the merged state. */
  private async checkEvidence(): Promise<void> {
    this.claimProblems = await this.acknowledged(await this.claimsOf(this.state));
  }

  /** Problems a repair's acknowledgement in the log covers exactly, said as repaired (FORMAT.md §9.1). */
  private acknowledged(problems: SyncProblem[]): Promise<SyncProblem[]> {
    return applyDamageRepairs({
      fs: this.fs,
      dir: this.dir,
      problems,
      acknowledged: acknowledgementsOf(this.state.audit()),
      name: (hex) => this.nameOf(hex),
    });
  }

  private async claimsOf(state: MergedState): Promise<SyncProblem[]> {
    return this.evidence.check({
      fs: this.fs,
      dir: this.dir,
      vaultId: this.vaultId,
      seenKey: this.requireKeys().seen,
      ownHex: this.deviceHex,
      state,
      localSeen: this.options.localSeen,
      maxEpoch: Math.max(this.knownEpoch, this.slots.epoch),
      name: (hex) => this.state.deviceName(hex),
      stale: this.stale,
      formerIds: this.formerIds(),
    });
  }

  /** The ids this computer wrote under before this one: each `device-join` names the id it replaces. */
  formerIds(): Set<string> {
    const replaced = new Map<string, string>();
    for (const { deviceHex, detail } of auditEntriesOf(this.state.audit(), 'device-join'))
      if (typeof detail.replaces === 'string') replaced.set(deviceHex, detail.replaces);
    const out = new Set<string>();
    let hex = this.replaces ?? replaced.get(this.deviceHex);
    while (hex !== undefined && !out.has(hex)) {
      out.add(hex);
      hex = replaced.get(hex);
    }
    return out;
  }

  /** The highest key epoch in the folder, read again from every keys.json (a few small files). */
  private async highestEpoch(): Promise<number> {
    const { files } = await readKeySlotFiles(this.fs, this.dir);
    this.stale = staleDevices(files, this.vaultId);
    this.staleVaults = staleVaultIds(files, this.vaultId);
    const mine = files.filter((f) => f.slots.vaultId.equals(this.vaultId));
    this.knownEpoch = Math.max(this.slots.epoch, ...mine.map((f) => f.slots.epoch));
    return this.knownEpoch;
  }

  private async writeSlots(slots: KeySlots): Promise<void> {
    try {
      await atomicWriteFile(this.fs, join(this.deviceDir, KEYS_FILE), serializeKeySlots(slots), {
        syncDir: true,
      });
    } catch (error) {
      throw writeFailure(error);
    }
    this.slots = slots;
  }

  /** The commit point: one frame appended to this device's log and synced. Memory changes only after it. */
  private async commit(
    ops: LogOp[],
    values: Buffer[],
    audit: Array<SyncedAuditRequest & { at?: Date }>,
  ): Promise<number> {
    const keys = this.requireKeys();
    const writer = this.writer;
    if (!writer) throw lockedError();
    const at = this.now();
    let head = this.auditHead;
    const texts: string[] = [];
    for (const a of audit) {
      const next = makeAuditEntry(head, a.type as AuditType, a.detail ?? {}, a.at ?? at);
      texts.push(next.text);
      head = next.head;
    }
    const own = this.state.head(this.deviceHex);
    const seq = (own?.seq ?? 0) + 1;
    const prev = own ? Buffer.from(own.hash, 'hex') : ZERO_HASH;
    const payload = { at: at.toISOString(), ops, audit: texts, values };
    const frame = encodeLogFrame(
      keys.log,
      this.vaultId,
      this.deviceId,
      seq,
      prev,
      encodeFramePayload(payload),
    );
    try {
      await writer.append(frame.bytes);
    } catch (error) {
      throw writeFailure(error);
    }
    this.state.offer(this.deviceHex, { seq, prev, hash: frame.hash }, payload);
    this.state.applyReady();
    this.auditHead = head;
    return seq;
  }

  private async writeSeen(): Promise<void> {
    const keys = this.requireKeys();
    const seen = this.evidence.next(this.state, Math.max(this.knownEpoch, this.slots.epoch), this.now());
    await atomicWriteFile(
      this.fs,
      join(this.deviceDir, SEEN_FILE),
      encodeSeen(keys.seen, this.vaultId, this.deviceId, seen),
      {
        syncDir: false,
      },
    );
    await this.options.localSeen?.save(seen);
  }

  private async writePresence(open: boolean): Promise<void> {
    const keys = this.requireKeys();
    const presence: Presence = {
      at: this.now().toISOString(),
      name: this.name,
      open,
      editing: open ? this.editing : [],
    };
    await atomicWriteFile(
      this.fs,
      join(this.deviceDir, PRESENCE_FILE),
      encodePresence(keys.presence, this.vaultId, this.deviceId, presence),
      { syncDir: false },
    );
  }

  /** This device's last audit entry, so the next one chains from it. */
  private ownAuditHead(): { seq: number; hash: string } {
    let head = { seq: 0, hash: GENESIS };
    for (const a of this.state.audit()) {
      if (a.deviceHex !== this.deviceHex) continue;
      const seq = (JSON.parse(a.text) as { seq: number }).seq;
      if (seq > head.seq) head = { seq, hash: sha256Hex(a.text) };
    }
    return head;
  }

  private refuseConflict(kind: string, id: string): void {
    if (this.state.record(kind, id)?.conflict) {
      throw new AttuneError(
        'conflict',
        'This record was changed on two computers before they synced. Choose which version to keep before saving it again; both versions are kept until you do.',
      );
    }
  }

  private conflictOf(r: RecordView): RecordConflict {
    return {
      kind: r.kind,
      id: r.id,
      versions: r.heads.map((h) => ({
        opId: h.opId,
        deviceHex: h.deviceHex,
        deviceName: this.nameOf(h.deviceHex),
        at: h.at,
        deleted: h.deleted,
        value: h.value ? parseValue(h.value) : null,
      })),
    };
  }

  /** A device's name as the user knows it ("Laptop"), or a short stand-in when it never gave one. */
  deviceNameOf(hex: string): string {
    return this.nameOf(hex);
  }

  private nameOf(hex: string): string {
    return this.state.deviceName(hex) ?? unnamedDevice(hex);
  }

  private assertOpen(): void {
    if (this.isLocked) throw lockedError();
  }

  private requireKeys(): V2Keys {
    if (!this.keys) throw lockedError();
    return this.keys;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private wipe(): void {
    if (this.keys) zeroV2Keys(this.keys);
    this.keys = null;
    this.state.wipe();
  }
}

function parseValue<T>(bytes: Buffer): T {
  return JSON.parse(bytes.toString('utf8')) as T;
}

function deviceName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim().slice(0, 100) : '';
  return trimmed.length > 0 ? trimmed : 'This computer';
}

async function assertEmptyFolder(fs: VaultFs, dir: string): Promise<void> {
  try {
    const names = await fs.readdir(dir);
    if (names.length > 0) {
      throw new AttuneError(
        'vault-exists',
        'Choose an empty folder for the new vault: this one already holds files.',
      );
    }
  } catch (error) {
    if (error instanceof AttuneError) throw error;
    if (!isNotFound(error)) throw writeFailure(error);
    await fs.mkdir(dir, { mode: 0o700, recursive: true });
  }
}

/**
 * The frames of `oldHex` already carried over (carryOver), by hash: the device and seq of the frame
 * that holds them again, read from the `restore` entries of every device's audit chain.
 */
function carriedFrames(
  audit: ReadonlyArray<{ deviceHex: string; text: string }>,
  oldHex: string,
): Map<string, { hex: string; seq: number }> {
  const out = new Map<string, { hex: string; seq: number }>();
  for (const { detail: d } of auditEntriesOf(audit, 'restore')) {
    if (d.carriedFrom !== oldHex || typeof d.hash !== 'string') continue;
    const [hex, seq] = typeof d.as === 'string' ? d.as.split(':') : [];
    if (hex && seq && Number.isInteger(Number(seq))) out.set(d.hash, { hex, seq: Number(seq) });
  }
  return out;
}
