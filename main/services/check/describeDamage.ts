import type { Client } from '../../../shared/domain/clientSchema';
import type { Diagnosis } from '../../../shared/domain/diagnosisSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { ProcessNote } from '../../../shared/domain/processNoteSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { Template } from '../../../shared/domain/templates';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import type {
  ClientLabel,
  DamageCause,
  DamagedRecord,
  DamagedWhat,
  VaultPart,
  VaultPartProblem,
} from '../../../shared/domain/vaultCheckReport';
import type { RecordFault, VerifyReport } from '../../vault/Vault';
import { kinds } from '../RecordStore';
import { reviewKinds } from '../review/reviewKinds';

/** One damaged record as the check found it, before it is described. */
export interface DamagedRef {
  kind: string;
  id: string;
  cause: DamageCause;
}

/**
 * Somewhere records can be read from to describe a damaged one: the vault itself (its intact
 * records), or a backup that still holds the damaged record intact. Reads never throw: a record
 * that cannot be read is simply not there.
 */
export interface RecordSource {
  get<T>(kind: string, id: string): Promise<T | undefined>;
  /** Every readable record of a kind (asked of the first source only: the vault itself). */
  all<T>(kind: string): Promise<T[]>;
}

const causeOf: Record<RecordFault, DamageCause> = {
  missing: 'missing',
  unreadable: 'damaged',
  damaged: 'damaged',
  'older-revision': 'replaced',
  swapped: 'replaced',
};

/** The damaged records of a verify report, each once. */
export function damagedRecordsOf(report: VerifyReport): DamagedRef[] {
  const seen = new Set<string>();
  const out: DamagedRef[] = [];
  for (const problem of report.problems) {
    if (!problem.record) continue;
    const key = `${problem.record.kind}/${problem.record.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: problem.record.kind, id: problem.record.id, cause: causeOf[problem.record.fault] });
  }
  return out;
}

/** The problems of a verify report that concern the vault as a whole, each part once. */
export function vaultProblemsOf(report: VerifyReport): VaultPartProblem[] {
  const parts = new Set<VaultPart>();
  for (const problem of report.problems) {
    if (problem.record) continue;
    parts.add(partOf(problem.file));
  }
  return [...parts].map((part) => ({ part }));
}

function partOf(file: string): VaultPart {
  if (file === 'attune-vault.json') return 'header';
  if (file === 'audit.bin') return 'audit';
  if (file === 'records') return 'records-folder';
  if (file.startsWith('records/')) return 'stray-file';
  return 'contents'; // manifest.bin, journal.bin
}

const whatOf = (kind: string): DamagedWhat => {
  switch (kind) {
    case kinds.client:
      return 'client';
    case kinds.session:
      return 'session';
    case kinds.note:
      return 'note';
    case kinds.processNote:
      return 'process-note';
    case kinds.template:
      return 'template';
    case kinds.setting:
      return 'settings';
    case kinds.treatmentPlan:
      return 'treatment-plan';
    case kinds.diagnosis:
      return 'diagnosis';
    case kinds.safetyPlan:
      return 'safety-plan';
    case kinds.measure:
      return 'measure';
    default:
      return (Object.values(reviewKinds) as string[]).includes(kind) ? 'review' : 'other';
  }
};

/**
 * Describes each damaged record in the therapist's terms (which client, which session), looking
 * each fact up in the sources in order: the vault's intact records first, then backups, which may
 * hold the damaged record itself. A note is found through its session, a session through its
 * client; a record whose own data is lost is recognised by the intact records that point to it.
 */
export async function describeDamage(refs: DamagedRef[], sources: RecordSource[]): Promise<DamagedRecord[]> {
  const first = async <T>(kind: string, id: string): Promise<T | undefined> => {
    for (const source of sources) {
      const found = await source.get<T>(kind, id);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const clientLabel = async (clientId: string | undefined): Promise<ClientLabel | null> => {
    if (!clientId) return null;
    const client = await first<Client>(kinds.client, clientId);
    return client ? { code: client.code, displayName: client.displayName } : null;
  };
  // Only read in full when a record's own data is lost and others must be searched for links.
  let allNotes: Note[] | undefined;
  let allSessions: Session[] | undefined;
  const notes = async () => (allNotes ??= await sources[0]!.all<Note>(kinds.note));
  const sessions = async () => (allSessions ??= await sources[0]!.all<Session>(kinds.session));

  const out: DamagedRecord[] = [];
  for (const ref of refs) {
    const record: DamagedRecord = {
      what: whatOf(ref.kind),
      kind: ref.kind,
      id: ref.id,
      cause: ref.cause,
      client: null,
      sessionStartsAt: null,
      name: null,
      sessionCount: null,
    };
    switch (record.what) {
      case 'note':
      case 'process-note': {
        // A note and its process note share the id, and each names its session and client.
        const link =
          (await first<Note | ProcessNote>(ref.kind, ref.id)) ??
          (await first<Note | ProcessNote>(record.what === 'note' ? kinds.processNote : kinds.note, ref.id));
        if (link) {
          record.client = await clientLabel(link.clientId);
          record.sessionStartsAt = (await first<Session>(kinds.session, link.sessionId))?.startsAt ?? null;
        }
        break;
      }
      case 'session': {
        const session =
          (await first<Session>(kinds.session, ref.id)) ??
          (await notes()).find((n) => n.sessionId === ref.id);
        record.client = await clientLabel(session?.clientId);
        record.sessionStartsAt = session && 'startsAt' in session ? session.startsAt : null;
        break;
      }
      case 'client': {
        record.client = await clientLabel(ref.id);
        if (!record.client)
          record.sessionCount = (await sessions()).filter((s) => s.clientId === ref.id).length;
        break;
      }
      case 'template':
        record.name = (await first<Template>(kinds.template, ref.id))?.name ?? null;
        break;
      case 'treatment-plan':
      case 'diagnosis':
      case 'safety-plan':
      case 'measure': {
        // Each names its client; a plan and a diagnosis also say which one it is.
        const found = await first<{ clientId?: string }>(ref.kind, ref.id);
        record.client = await clientLabel(found?.clientId);
        if (record.what === 'treatment-plan' && found)
          record.name = `version ${(found as TreatmentPlan).version}`;
        if (record.what === 'diagnosis' && found)
          record.name = `${(found as Diagnosis).code} (${(found as Diagnosis).description})`;
        break;
      }
      default:
        break;
    }
    out.push(record);
  }
  return out;
}
