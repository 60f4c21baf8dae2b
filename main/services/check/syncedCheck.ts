import type {
  DamagedRecord,
  VaultCheckReport,
  VaultPart,
  VaultPartProblem,
} from '../../../shared/domain/vaultCheckReport';
import { DEVICES_DIR } from '../../vault/v2/readAllLogs';
import type { SyncedVault, SyncedVerifyReport } from '../../vault/v2/SyncedVault';
import type { SyncProblem } from '../../vault/v2/types';
import type { Clock } from '../Clock';
import { type DamagedRef, describeDamage, type RecordSource } from './describeDamage';

/** What the format-2 check needs besides the vault; the same facts the format-1 check uses. */
export interface SyncedCheckDeps {
  /** Further sources to name damaged records from (the services' cache), after the vault itself. */
  sources: RecordSource[];
  backupsExist: () => Promise<boolean>;
  onProgress?: (done: number, total: number) => void;
  clock: Clock;
}

/**
 * "Check the vault" on a vault shared between computers (format 2): reads every computer's change
 * log again from the folder, and reports in the therapist's words which records can no longer be
 * read (the open vault still shows the version it read when the files were intact, so each is
 * named by client and session, and by the computer that saved it), and what is wrong with whose
 * change log: damaged, put back to an older copy, missing, used on two computers, or still arriving.
 */
export async function checkSyncedVault(vault: SyncedVault, deps: SyncedCheckDeps): Promise<VaultCheckReport> {
  const verify = await vault.verify(deps.onProgress ? { onProgress: deps.onProgress } : {});
  const affected = verify.affected ?? [];
  const refs: DamagedRef[] = affected.map((a) => ({ kind: a.kind, id: a.id, cause: 'change-lost' }));
  const described = await describeDamage(refs, [syncedRecordSource(vault), ...deps.sources]);
  const damaged: DamagedRecord[] = described.map((record, i) => ({
    ...record,
    device: deviceWords(vault, affected[i]!.deviceHex),
  }));
  const vaultProblems = syncedVaultProblems(verify, vault.deviceHex, (hex) => deviceWords(vault, hex));
  return {
    // A loss a repair acknowledged stays listed, as information (FORMAT.md §9.1).
    ok: verify.ok && damaged.length === 0 && vaultProblems.every((p) => p.part === 'device-repaired'),
    checkedAt: deps.clock().toISOString(),
    records: verify.records,
    damaged,
    vaultProblems,
    // VaultCheckService offers restoring the damaged records when backups of this vault are at hand.
    repair: null,
    backupsExist: await deps.backupsExist().catch(() => false),
  };
}

const deviceWords = (vault: SyncedVault, hex: string): string =>
  hex === vault.deviceHex ? 'this computer' : vault.deviceNameOf(hex);

/** The format-2 reader's problems as parts of the vault, each part and computer once. */
export function syncedVaultProblems(
  report: Pick<SyncedVerifyReport, 'problems'>,
  ownHex: string,
  name: (hex: string) => string,
): VaultPartProblem[] {
  const out = new Map<string, VaultPartProblem>();
  for (const problem of report.problems) {
    const part = partOf(problem);
    const hex = part.startsWith('device-') ? problem.deviceHex : undefined;
    const entry: VaultPartProblem = hex
      ? {
          part,
          device: name(hex),
          ...(hex === ownHex ? { own: true } : {}),
          ...(part === 'device-missing' ? { folder: `${DEVICES_DIR}/${hex}` } : {}),
          ...(problem.repairedAt ? { repairedAt: problem.repairedAt } : {}),
        }
      : { part };
    out.set(`${part}/${hex ?? ''}`, entry);
  }
  return [...out.values()];
}

function partOf(problem: SyncProblem): VaultPart {
  switch (problem.type) {
    case 'damage':
      if (problem.file.endsWith('keys.json')) return 'header';
      if (!problem.deviceHex) return 'audit';
      // A frame that is authentic but waits for a change not in the folder names only the device
      // folder; damaged bytes name the log file.
      return problem.file === `${DEVICES_DIR}/${problem.deviceHex}` ? 'device-arriving' : 'device-damaged';
    case 'fork':
      return 'device-forked';
    case 'rollback':
      // Nothing of its log in the folder (deleted, not synced): not an older copy put back.
      return problem.absent ? 'device-missing' : 'device-rolled-back';
    case 'waiting':
      return 'device-arriving';
    case 'artefact':
      return 'sync-copy';
    case 'foreign':
      return 'stray-file';
    case 'repaired':
      return 'device-repaired';
  }
}

/** The open format-2 vault as a source: every record it shows is in memory, so reads cannot fail. */
export function syncedRecordSource(vault: SyncedVault): RecordSource {
  return {
    async get<T>(kind: string, id: string): Promise<T | undefined> {
      try {
        return await vault.get<T>(kind, id);
      } catch {
        return undefined;
      }
    },
    async all<T>(kind: string): Promise<T[]> {
      return (await vault.getAll<T>(kind)).map((r) => r.value);
    },
  };
}
