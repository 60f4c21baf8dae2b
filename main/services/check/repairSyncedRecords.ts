import type { Note } from '../../../shared/domain/noteSchema';
import type { DamagedRecord } from '../../../shared/domain/vaultCheckReport';
import { AttuneError } from '../../../shared/errors';
import type { OpenVault } from '../../vault/OpenVault';
import { checkSyncedSecret } from '../../vault/v2/checkSyncedSecret';
import { REPAIRED_DAMAGE_FIELD } from '../../vault/v2/damageRepairs';
import { SyncedOpenVault } from '../../vault/v2/SyncedOpenVault';
import type { SyncedVault } from '../../vault/v2/SyncedVault';
import { kinds } from '../RecordStore';
import type { DamagedRef } from './describeDamage';
import { findIntactCopies, type GenerationRef } from './intactCopies';

/** What the format-2 repair needs around it (VaultCheckService gives these). */
export interface SyncedRepairDeps {
  synced: SyncedVault;
  passphrase: string;
  /** The backup folder, and the generations of this vault in it (generationsOf), newest first. */
  folder: string;
  generations: GenerationRef[];
  /** Closes the vault and opens it again with the passphrase (VaultSession.whileClosed). */
  reopen: () => Promise<void>;
  /** Names the records in the therapist's words; called before the reopen, while the vault still shows them. */
  describe: (refs: DamagedRef[]) => Promise<DamagedRecord[]>;
  /** Writes in one commit through the services, after they settle (RecordStore.writeMany). */
  writeMany: <R>(work: (vault: OpenVault) => Promise<R>) => Promise<R>;
}

/** One record the repair wrote, and where its value came from. */
export interface SyncedRepairItem {
  ref: DamagedRef;
  /** The backup the value came from; null for a signed note saved again as this computer shows it. */
  generation: GenerationRef | null;
}

/**
 * Restores the records of a format-2 vault whose shown version can no longer be read from the
 * folder (Check the vault's `affected`), each from the newest backup that holds it intact,
 * written as a new version with a 'restore' audit entry. Before writing, the vault is closed and
 * opened again: the new versions must name as parents only changes that are on disk (a parent in
 * a damaged change would hold them back on every computer, FORMAT.md §8), and when this
 * computer's own log is damaged, the reopen carries on under a new device id (§9) so what is
 * written now is not chained to the damage. A signed note is never replaced by a backup's draft
 * or another signature: this computer still holds it intact in memory (it read it when the file
 * was whole), so it is saved again unchanged, signature and all (`keptSigned`).
 */
export async function repairSyncedRecords(
  deps: SyncedRepairDeps,
): Promise<{ described: DamagedRecord[]; written: SyncedRepairItem[] }> {
  const { synced } = deps;
  const before = await synced.verify();
  const refs: DamagedRef[] = (before.affected ?? []).map((a) => ({
    kind: a.kind,
    id: a.id,
    cause: 'change-lost',
  }));
  if (refs.length === 0) return { described: [], written: [] };
  if (deps.generations.length === 0) {
    throw new AttuneError(
      'not-found',
      `No backups of this vault were found in ${deps.folder}. Connect the backup drive and try again.`,
    );
  }
  const { copies, opened } = await findIntactCopies(deps.generations, deps.passphrase, refs);
  if (!opened) {
    throw new AttuneError(
      'wrong-passphrase',
      'That passphrase opens none of your backups. Enter the passphrase the vault had when they were made.',
    );
  }
  // The reopen below needs the vault's passphrase now; checked first, so a mistake changes nothing.
  await checkSyncedSecret(synced.dir, { passphrase: deps.passphrase }).catch((error: unknown) => {
    if (error instanceof AttuneError && error.kind === 'wrong-passphrase') {
      throw new AttuneError(
        'wrong-passphrase',
        'That passphrase opens your backups but not the vault as it is now. Enter your current passphrase: Attune closes and reopens the vault to restore the records.',
      );
    }
    throw error;
  });

  const items: Array<SyncedRepairItem & { value: unknown }> = [];
  for (const ref of refs) {
    const shown = await synced.get<unknown>(ref.kind, ref.id).catch(() => undefined);
    const copy = copies.get(`${ref.kind}/${ref.id}`);
    if (ref.kind === kinds.note && isSigned(shown)) {
      const same = copy && isSigned(copy.value) && copy.value.signed.contentHash === shown.signed.contentHash;
      // The backup's copy only when it is this very signed note; never a draft over a signature.
      items.push(
        same
          ? { ref, generation: copy.generation, value: copy.value }
          : { ref, generation: null, value: shown },
      );
    } else if (copy) {
      items.push({ ref, generation: copy.generation, value: copy.value });
    }
  }
  const described = await deps.describe(refs);
  if (items.length === 0) return { described, written: [] };
  const beforeHex = synced.deviceHex;

  await deps.reopen();
  await deps.writeMany(async (vault) => {
    // Once every record the lost changes held is written again, the loss is acknowledged in the
    // same audit entry, exactly as found (FORMAT.md §9.1); with any record left, nothing is.
    const repaired =
      items.length === refs.length && vault instanceof SyncedOpenVault
        ? await vault.synced.damageRepairs(before, beforeHex)
        : [];
    const names = [...new Set(items.flatMap((i) => (i.generation ? [i.generation.name] : [])))];
    await vault.putMany(
      items.map((i) => ({ kind: i.ref.kind, id: i.ref.id, value: i.value })),
      {
        type: 'restore',
        detail: {
          scope: 'damaged records',
          records: items.length,
          generations: names.join(', '),
          keptSigned: items.filter((i) => !i.generation).length,
          ...(repaired.length > 0 ? { [REPAIRED_DAMAGE_FIELD]: JSON.stringify(repaired) } : {}),
        },
      },
    );
  });
  return { described, written: items.map(({ ref, generation }) => ({ ref, generation })) };
}

type SignedNote = Note & { status: 'signed'; signed: NonNullable<Note['signed']> };

function isSigned(value: unknown): value is SignedNote {
  const note = value as Partial<Note> | null | undefined;
  return typeof note === 'object' && note !== null && note.status === 'signed' && !!note.signed?.contentHash;
}

/** The records of `described` split by what the repair did with each. */
export function outcomeOf(
  described: DamagedRecord[],
  written: SyncedRepairItem[],
): {
  restored: Array<{ record: DamagedRecord; backupAt: string }>;
  keptSigned: DamagedRecord[];
  notRestored: DamagedRecord[];
} {
  const byKey = new Map(written.map((w) => [`${w.ref.kind}/${w.ref.id}`, w]));
  const restored: Array<{ record: DamagedRecord; backupAt: string }> = [];
  const keptSigned: DamagedRecord[] = [];
  const notRestored: DamagedRecord[] = [];
  for (const record of described) {
    const item = byKey.get(`${record.kind}/${record.id}`);
    if (!item) notRestored.push(record);
    else if (item.generation) restored.push({ record, backupAt: item.generation.createdAt });
    else keptSigned.push(record);
  }
  return { restored, keptSigned, notRestored };
}
