import { differingNoteParts, mergeNoteParts } from '../../../shared/domain/noteParts';
import { type Note, noteSchemasFor } from '../../../shared/domain/noteSchema';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { ruptureVocabularyFor, type Settings } from '../../../shared/domain/settingsSchema';
import { AttuneError } from '../../../shared/errors';
import type {
  ConflictChoice,
  ConflictView,
  SettledSignedNote,
  SyncAnswer,
  SyncStatusView,
} from '../../../shared/ipc/contracts/syncContract';
import type { RecordConflict, SyncedVault } from '../../vault/v2/SyncedVault';
import { type Clock, isoNow } from '../Clock';
import { vocabularyCovering } from '../NoteService';
import { parseOrThrow } from '../parseOrThrow';
import { kinds } from '../RecordStore';
import { describeConflict } from './describeConflict';
import { isSettlementEcho, settleSignedNote } from './settleSignedNote';
import { isPlanSettlementEcho, settleSignedPlan } from './settleSignedPlan';
import { syncProblemView } from './syncProblemView';

/** What the service needs of the app around it. */
export interface SyncServiceDeps {
  /** The open vault if it is in format 2, null for format 1; throws `locked` while locked. */
  synced(): SyncedVault | null;
  /**
   * Runs a write after every write already queued by the services, then drops their cached
   * records so the next reads see it (RecordStore.writeMany).
   */
  writes: { writeMany<R>(work: () => Promise<R>): Promise<R> };
  settings: { get(): Promise<Settings> };
  /** This computer's name as the others see it, and renaming it. */
  device: { name(): Promise<string>; rename(name: string): Promise<string> };
  clock: Clock;
}

const oneComputer =
  'This vault is kept in format 1, for one computer: there are no other computers, conflicts or sync problems to show.';
const unavailable = <T>(): SyncAnswer<T> => ({ available: false, message: oneComputer });
const answer = <T>(value: T): SyncAnswer<T> => ({ available: true, value });

/**
 * The user-facing side of one vault on several computers (format 2): records edited on two
 * computers at once and how to settle them, who else has the vault open, what the synced folder's
 * problems mean, and this computer's name. Every answer says `available: false` for a format-1 vault.
 */
export class SyncService {
  /** Signed notes settled at merge time and not yet told to the window (each is told once). */
  #settledUntold: SettledSignedNote[] = [];

  constructor(private readonly deps: SyncServiceDeps) {}

  /**
   * The merge-time step (VaultSession.onMerged, run when changes from other computers were merged
   * and after unlock): each signed note in conflict is settled with no choice to make
   * (settleSignedNote): its signed text stands, the other edits become addenda, written with the
   * engine's `conflict-resolved` audit entry. A signed treatment plan version settles the same way
   * (settleSignedPlan), the other edits kept as a new draft version. True when it wrote. Listing
   * conflicts never writes.
   */
  async settleSigned(): Promise<boolean> {
    const synced = this.deps.synced();
    if (!synced) return false;
    let wrote = false;
    for (const conflict of synced.conflicts()) {
      if (conflict.kind === kinds.treatmentPlan) {
        wrote = (await this.#settleSignedPlan(synced, conflict)) || wrote;
        continue;
      }
      if (conflict.kind !== kinds.note) continue;
      const versions = asNoteVersions(conflict);
      // Two settlements of one conflict: the computer with the lowest id among their writers ends it.
      if (isSettlementEcho(versions) && lowestWriter(conflict) !== synced.deviceHex) continue;
      const settled = settleSignedNote(versions, isoNow(this.deps.clock));
      if (!settled) continue;
      const note = parseOrThrow(noteSchemasFor(await this.vocabularyFor(settled.note)).note, settled.note);
      await this.deps.writes.writeMany(() => synced.resolveConflict(conflict.kind, conflict.id, note));
      wrote = true;
      const { client, sessionStartsAt } = await describeConflict(synced, conflict);
      this.#settledUntold.push({ id: conflict.id, client, sessionStartsAt, from: settled.from });
    }
    return wrote;
  }

  /**
   * A treatment plan version in conflict with a signed copy (settleSignedPlan): the signed version
   * is written back as it is, and each differing copy is kept first as a new draft version, so a
   * crash in between leaves the conflict to settle again rather than a change lost. True when it wrote.
   */
  async #settleSignedPlan(synced: SyncedVault, conflict: RecordConflict): Promise<boolean> {
    // Two computers' settlements of one conflict (the signed version, or the same kept draft).
    if (isPlanSettlementEcho(conflict.versions)) {
      if (lowestWriter(conflict) !== synced.deviceHex) return false;
      const value = conflict.versions[0]?.value;
      await this.deps.writes.writeMany(() => synced.resolveConflict(conflict.kind, conflict.id, value));
      return true;
    }
    const clientId = conflict.versions
      .map((v) => (v.value as { clientId?: unknown } | null)?.clientId)
      .find((x) => typeof x === 'string');
    const plans = (await synced.getAll<TreatmentPlan>(kinds.treatmentPlan))
      .map((r) => r.value)
      .filter((p) => p.clientId === clientId && p.id !== conflict.id);
    const settled = settleSignedPlan(conflict.versions, plans);
    if (!settled) return false;
    await this.deps.writes.writeMany(async () => {
      for (const draft of settled.kept) {
        await synced.put(kinds.treatmentPlan, draft.id, draft, {
          type: 'create',
          detail: {
            kind: kinds.treatmentPlan,
            id: draft.id,
            version: draft.version,
            revises: settled.plan.id,
          },
        });
      }
      await synced.resolveConflict(conflict.kind, conflict.id, settled.plan);
    });
    return true;
  }

  /**
   * Records in conflict, described in the clinician's terms, and the signed notes settled since
   * the last listing (told once). Reads only: a signed note in conflict is never listed (it has
   * no choice to make; the merge-time step settles it), and nothing is written here.
   */
  async conflicts(): Promise<SyncAnswer<{ conflicts: ConflictView[]; settledSigned: SettledSignedNote[] }>> {
    const synced = this.deps.synced();
    if (!synced) return unavailable();
    const settledSigned = this.#settledUntold.splice(0);
    const conflicts: ConflictView[] = [];
    for (const conflict of choosable(synced.conflicts())) {
      const described = await describeConflict(synced, conflict);
      const notes = conflict.versions.flatMap((v) => (v.value ? [v.value as Note] : []));
      conflicts.push({
        ...described,
        versions: conflict.versions.map((v) => ({
          versionId: v.opId,
          deviceName: v.deviceName,
          at: v.at,
          deleted: v.deleted,
          value: v.value,
        })),
        differingParts: conflict.kind === kinds.note ? differingNoteParts(notes) : [],
      });
    }
    return answer({ conflicts, settledSigned });
  }

  /**
   * Settles a conflict: one version whole, or (a draft note) a base version with chosen parts
   * from the others; the result is checked against the record's schema before it is written.
   * The engine records `conflict-resolved` in the audit log with the same commit.
   */
  async resolve(
    kind: string,
    id: string,
    choice: ConflictChoice,
  ): Promise<SyncAnswer<{ kind: string; id: string }>> {
    const synced = this.deps.synced();
    if (!synced) return unavailable();
    const conflict = synced.conflicts().find((c) => c.kind === kind && c.id === id);
    if (!conflict) {
      throw new AttuneError(
        'not-found',
        'That record is not in conflict any more; it may have been resolved on another computer. The list has been updated.',
      );
    }
    const version = (versionId: string) => {
      const found = conflict.versions.find((v) => v.opId === versionId);
      if (!found)
        throw new AttuneError(
          'invalid-input',
          'That version is no longer one of this record’s versions. Reopen the conflict and choose again.',
        );
      return found;
    };
    // Listed before the merge-time step settled it (settleSigned): there is nothing to choose.
    if (settlesItself(conflict)) {
      throw new AttuneError(
        'invalid-input',
        kind === kinds.note
          ? 'This note was signed on one of the computers, so its signed text stays as it is. Open the conflicts again: Attune keeps the signed note and adds the other changes as an addendum.'
          : 'This plan version was signed on one of the computers, so it stays as it was signed. Open the conflicts again: Attune keeps the signed version and the other computer’s changes as a new draft version.',
      );
    }
    let value: unknown;
    if (choice.type === 'version') {
      const chosen = version(choice.versionId);
      value = chosen.deleted ? null : this.touched(chosen.value);
    } else {
      if (kind !== kinds.note) {
        throw new AttuneError('invalid-input', 'Only a note can be put together from parts of each version.');
      }
      const base = version(choice.base);
      const used = new Map<string, Note>();
      for (const versionId of [choice.base, ...Object.values(choice.parts)]) {
        const v = version(versionId);
        if (v.deleted || !v.value) {
          throw new AttuneError(
            'invalid-input',
            `On ${v.deviceName} this note was deleted, so no part can be taken from that version. Choose the deletion as a whole version instead.`,
          );
        }
        used.set(versionId, v.value as Note);
      }
      const merged = this.touched(mergeParts(base.value as Note, used, choice.parts)) as Note;
      value = parseOrThrow(noteSchemasFor(await this.vocabularyFor(merged)).note, merged);
    }
    await this.deps.writes.writeMany(() => synced.resolveConflict(kind, id, value));
    return answer({ kind, id });
  }

  async status(): Promise<SyncAnswer<SyncStatusView>> {
    const synced = this.deps.synced();
    if (!synced) return unavailable();
    const others = (await synced.present()).map((d) => ({ name: d.name, minutesAgo: d.minutesAgo }));
    return answer({
      deviceName: await this.deps.device.name(),
      others,
      problems: synced.problems().map(syncProblemView),
      conflicts: choosable(synced.conflicts()).length,
    });
  }

  async renameDevice(name: string): Promise<SyncAnswer<{ deviceName: string }>> {
    if (!this.deps.synced()) return unavailable();
    return answer({ deviceName: await this.deps.device.rename(name) });
  }

  async editingElsewhere(
    kind: string,
    id: string,
  ): Promise<SyncAnswer<Array<{ name: string; minutesAgo: number }>>> {
    const synced = this.deps.synced();
    if (!synced) return unavailable();
    return answer(await synced.editingElsewhere(kind, id));
  }

  async setEditing(records: Array<{ kind: string; id: string }>): Promise<SyncAnswer<null>> {
    const synced = this.deps.synced();
    if (!synced) return unavailable();
    await synced.setEditing(records);
    return answer(null);
  }

  /** The value with its `updatedAt` set to now, so an editor holding an older copy notices the change. */
  private touched(value: unknown): unknown {
    if (typeof value !== 'object' || value === null || !('updatedAt' in value)) return value;
    return { ...value, updatedAt: isoNow(this.deps.clock) };
  }

  /** The user's rupture vocabulary plus whatever `note` already refers to (it was valid when saved). */
  private async vocabularyFor(note: Note) {
    return vocabularyCovering(note, ruptureVocabularyFor(await this.deps.settings.get()));
  }
}

/** mergeNoteParts, with an unknown part named as the user's mistake rather than a crash. */
function mergeParts(base: Note, used: Map<string, Note>, parts: Record<string, string>): Note {
  try {
    return mergeNoteParts(base, used, parts);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AttuneError(
      'invalid-input',
      'One of the parts chosen is not part of a note. Reopen the conflict and choose again.',
    );
  }
}

/**
 * The conflicts the user chooses in: all but signed notes and signed plan versions, which settle
 * themselves (settleSigned).
 */
function choosable(conflicts: RecordConflict[]): RecordConflict[] {
  return conflicts.filter((c) => !settlesItself(c));
}

function settlesItself(conflict: RecordConflict): boolean {
  if (conflict.kind !== kinds.note && conflict.kind !== kinds.treatmentPlan) return false;
  return conflict.versions.some((v) => (v.value as { status?: unknown } | null)?.status === 'signed');
}

/** The lowest device id among the writers of a conflict's versions (an op id starts with its device's id). */
function lowestWriter(conflict: RecordConflict): string {
  return conflict.versions.map((v) => v.opId.split(':')[0] ?? '').sort()[0] ?? '';
}

function asNoteVersions(conflict: RecordConflict) {
  return conflict.versions.map((v) => ({
    opId: v.opId,
    deviceName: v.deviceName,
    at: v.at,
    deleted: v.deleted,
    value: (v.value as Note | null) ?? null,
  }));
}
