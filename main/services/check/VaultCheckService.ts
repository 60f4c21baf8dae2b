import type { VaultCheckReport } from '../../../shared/domain/vaultCheckReport';
import { type Clock, systemClock } from '../Clock';
import type { VaultSession } from '../VaultSession';
import {
  type DamagedRef,
  damagedRecordsOf,
  describeDamage,
  type RecordSource,
  vaultProblemsOf,
} from './describeDamage';
import { vaultRecordSource } from './vaultRecordSource';

/**
 * What the check needs to know about backups: whether any verified backup exists (so "restore a
 * backup" is advice the user can follow), and, where the backup engine can read single records,
 * the newest generation that holds the damaged ones intact.
 */
export interface CheckBackups {
  exist(): Promise<boolean>;
}

/**
 * "Check the vault" in Settings: runs the vault's verify over every file with progress pushed to
 * the window, and turns what it finds into the therapist's terms (which client, session or note
 * is damaged) with advice on what to do.
 */
export class VaultCheckService {
  #running: Promise<VaultCheckReport> | null = null;

  constructor(
    private readonly session: VaultSession,
    private readonly backups: CheckBackups,
    /** Records still in memory from earlier in this unlock (the services' cache). */
    private readonly memory: RecordSource | null = null,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Checks the open vault; a second call while one runs gets the same answer. */
  check(): Promise<VaultCheckReport> {
    this.#running ??= this.#check().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #check(): Promise<VaultCheckReport> {
    const vault = this.session.vault; // `locked` when it is not open
    const verify = await vault.verify((done, total) =>
      this.session.emit('vault:progress', { task: 'verify', done, total }),
    );
    const refs: DamagedRef[] = damagedRecordsOf(verify);
    const sources: RecordSource[] = [vaultRecordSource(vault), ...(this.memory ? [this.memory] : [])];
    const damaged = await describeDamage(refs, sources);
    return {
      ok: verify.ok,
      checkedAt: this.clock().toISOString(),
      records: verify.records,
      damaged,
      vaultProblems: vaultProblemsOf(verify),
      repair: null,
      backupsExist: await this.backups.exist().catch(() => false),
    };
  }
}
