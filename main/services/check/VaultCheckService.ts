import type { RepairResult, VaultCheckReport } from '../../../shared/domain/vaultCheckReport';
import { AttuneError } from '../../../shared/errors';
import type { OpenVault } from '../../vault/OpenVault';
import { SyncedOpenVault } from '../../vault/v2/SyncedOpenVault';
import { type Clock, systemClock } from '../Clock';
import type { VaultSession } from '../VaultSession';
import {
  type DamagedRef,
  damagedRecordsOf,
  describeDamage,
  type RecordSource,
  vaultProblemsOf,
} from './describeDamage';
import { findIntactCopies, generationsOf } from './intactCopies';
import { outcomeOf, repairSyncedRecords } from './repairSyncedRecords';
import { checkSyncedVault, syncedRecordSource } from './syncedCheck';
import { vaultRecordSource } from './vaultRecordSource';

/** What the check needs to know about backups. */
export interface CheckBackups {
  /** Whether a verified backup was ever written (so "restore a backup" is advice the user can follow). */
  exist(): Promise<boolean>;
  /** The backup folder, or null when none is set. */
  folder(): Promise<string | null>;
}

/** Writes many records in one commit and then drops the services' cached records (RecordStore). */
export interface BulkWriter {
  writeMany<R>(work: (vault: OpenVault) => Promise<R>): Promise<R>;
}

/**
 * "Check the vault" in Settings: runs the vault's verify over every file with progress pushed to
 * the window, and turns what it finds into the therapist's terms (which client, session or note
 * is damaged) with advice on what to do; and restores just the damaged records from backups.
 */
export class VaultCheckService {
  #running: Promise<VaultCheckReport> | null = null;

  constructor(
    private readonly session: VaultSession,
    private readonly backups: CheckBackups,
    /** Records still in memory from earlier in this unlock (the services' cache). */
    private readonly memory: RecordSource | null = null,
    private readonly writer: BulkWriter | null = null,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Checks the open vault; a second call while one runs gets the same answer. */
  check(): Promise<VaultCheckReport> {
    this.#running ??= this.#check().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /**
   * Restores the damaged records from the backups, each from the newest backup that holds it
   * intact (opened read-only with `passphrase`), written back as new revisions in one commit
   * with a 'restore' audit entry; a record changed since the check is left alone. Then checks again.
   */
  async repairFromBackup(passphrase: string): Promise<RepairResult> {
    const vault = this.session.vault;
    const writer = this.writer;
    const folder = await this.backups.folder();
    if (!writer || !folder) {
      throw new AttuneError('invalid-input', 'No backup folder is set. Choose one in Settings → Backups.');
    }
    if (vault instanceof SyncedOpenVault) return this.#repairSynced(vault, folder, writer, passphrase);
    const revs = new Map(vault.list().map((r) => [`${r.kind}/${r.id}`, r.rev]));
    const refs = damagedRecordsOf(await vault.verify());
    if (refs.length === 0) return { restored: [], notRestored: [], report: await this.check() };

    const generations = await generationsOf(folder, vault.id);
    if (generations.length === 0) {
      throw new AttuneError(
        'not-found',
        `No backups of this vault were found in ${folder}. Connect the backup drive and try again.`,
      );
    }
    const { copies, opened } = await findIntactCopies(generations, passphrase, refs);
    if (!opened) {
      throw new AttuneError(
        'wrong-passphrase',
        'That passphrase opens none of your backups. Enter the passphrase the vault had when they were made.',
      );
    }
    const written = await writer.writeMany(async (current) => {
      // Only records still at the revision the check found damaged: a save since then wins.
      const now = new Map(current.list().map((r) => [`${r.kind}/${r.id}`, r.rev]));
      const items = refs.flatMap((ref) => {
        const key = `${ref.kind}/${ref.id}`;
        const copy = copies.get(key);
        return copy && now.get(key) === revs.get(key) ? [{ ref, copy }] : [];
      });
      if (items.length === 0) return items;
      const names = [...new Set(items.map((i) => i.copy.generation.name))];
      await current.putMany(
        items.map(({ ref, copy }) => ({ kind: ref.kind, id: ref.id, value: copy.value })),
        {
          type: 'restore',
          detail: { scope: 'damaged records', records: items.length, generations: names.join(', ') },
        },
      );
      return items;
    });

    const described = await describeDamage(refs, this.#sources(vault));
    const restoredKeys = new Map(
      written.map((w) => [`${w.ref.kind}/${w.ref.id}`, w.copy.generation.createdAt]),
    );
    return {
      restored: described.flatMap((record) => {
        const backupAt = restoredKeys.get(`${record.kind}/${record.id}`);
        return backupAt ? [{ record, backupAt }] : [];
      }),
      notRestored: described.filter((record) => !restoredKeys.has(`${record.kind}/${record.id}`)),
      report: await this.check(),
    };
  }

  /** The same repair on a vault shared by several computers (format 2): repairSyncedRecords. */
  async #repairSynced(
    vault: SyncedOpenVault,
    folder: string,
    writer: BulkWriter,
    passphrase: string,
  ): Promise<RepairResult> {
    const { described, written } = await repairSyncedRecords({
      synced: vault.synced,
      passphrase,
      folder,
      generations: await generationsOf(folder, vault.id),
      describe: (refs) => describeDamage(refs, this.#syncedSources(vault)),
      reopen: async () => {
        await this.session.whileClosed(
          'Attune is restoring records from your backups. Wait a moment and try again.',
          { passphrase },
          async () => undefined,
        );
      },
      writeMany: (work) => writer.writeMany(work),
    });
    return { ...outcomeOf(described, written), report: await this.check() };
  }

  #syncedSources(vault: SyncedOpenVault): RecordSource[] {
    return [syncedRecordSource(vault.synced), ...(this.memory ? [this.memory] : [])];
  }

  #sources(vault: OpenVault): RecordSource[] {
    return [vaultRecordSource(vault), ...(this.memory ? [this.memory] : [])];
  }

  /** Backups of this vault to restore damaged records from, when there are damaged records and backups. */
  async #repairOffer(damaged: number, vaultId: string): Promise<VaultCheckReport['repair']> {
    const folder = damaged > 0 && this.writer ? await this.backups.folder().catch(() => null) : null;
    if (!folder) return null;
    const generations = await generationsOf(folder, vaultId);
    return generations.length > 0
      ? { generations: generations.length, newestAt: generations[0]!.createdAt }
      : null;
  }

  async #check(): Promise<VaultCheckReport> {
    const vault = this.session.vault; // `locked` when it is not open
    if (vault instanceof SyncedOpenVault) {
      // A vault shared between computers: every computer's change log, read again from the folder.
      const report = await checkSyncedVault(vault.synced, {
        sources: this.memory ? [this.memory] : [],
        backupsExist: () => this.backups.exist(),
        onProgress: (done, total) => this.session.emit('vault:progress', { task: 'verify', done, total }),
        clock: this.clock,
      });
      return { ...report, repair: await this.#repairOffer(report.damaged.length, vault.id) };
    }
    const verify = await vault.verify((done, total) =>
      this.session.emit('vault:progress', { task: 'verify', done, total }),
    );
    const refs: DamagedRef[] = damagedRecordsOf(verify);
    const damaged = await describeDamage(refs, this.#sources(vault));
    const repair = await this.#repairOffer(refs.length, vault.id);
    return {
      ok: verify.ok,
      checkedAt: this.clock().toISOString(),
      records: verify.records,
      damaged,
      vaultProblems: vaultProblemsOf(verify),
      repair,
      backupsExist: repair !== null || (await this.backups.exist().catch(() => false)),
    };
  }
}
