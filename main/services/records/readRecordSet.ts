import { compareText } from '../../../shared/compareText';
import type { Client } from '../../../shared/domain/clientSchema';
import { currentSafetyPlan } from '../../../shared/domain/currentSafetyPlan';
import { byDiagnosisStanding, type Diagnosis } from '../../../shared/domain/diagnosisSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { SafetyPlan } from '../../../shared/domain/riskSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { Settings } from '../../../shared/domain/settingsSchema';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { AttuneError } from '../../../shared/errors';
import type { RecordSet } from '../../../shared/ipc/contracts/recordsContract';
import type { Measure } from '../../../shared/measures/measureSchema';
import { type Clock, isoNow } from '../Clock';
import { noteSummaries } from '../noteSummaries';
import { kinds, type RecordStore } from '../RecordStore';
import type { TemplateService } from '../TemplateService';

export const draftRefusal =
  'Only a signed note can be printed or exported as a record: a draft can still change. Sign the note first.';

/**
 * A client's record set as a records request asks for it (HIPAA 45 CFR 164.524): the client,
 * every session, every signed note with its addenda, the signed treatment plan versions, the
 * diagnoses and the safety plan. Drafts (of notes and of plans) are not yet part of the record;
 * process notes are a kind of their own and never read here. With `noteId`, only that note,
 * which must be signed, with the plan versions that name the goals it addressed.
 */
export async function readRecordSet(
  store: RecordStore,
  templates: TemplateService,
  settings: Settings,
  clock: Clock,
  clientId: string,
  noteId?: string,
): Promise<RecordSet> {
  const client = await store.find<Client>(kinds.client, clientId);
  if (!client) throw new AttuneError('not-found', 'This client is not in the vault any more.');
  const sessions = [...(await store.all<Session>(kinds.session)).values()]
    .filter((s) => s.clientId === clientId)
    .sort((a, b) => (a.startsAt === b.startsAt ? (a.id < b.id ? -1 : 1) : a.startsAt < b.startsAt ? -1 : 1));
  const order = new Map(sessions.map((s, i) => [s.id, i]));
  // Only this client's notes are parsed (notes are kept as their JSON: recordTables.ts).
  const all = await store.all<Note>(kinds.note);
  let notes: Note[] = [];
  for (const summary of (await noteSummaries(store)).values()) {
    const note = summary.clientId === clientId ? all.get(summary.id) : undefined;
    if (note) notes.push(note);
  }
  if (noteId !== undefined) {
    const note = notes.find((n) => n.id === noteId);
    if (!note) throw new AttuneError('not-found', 'This note is not in the vault any more.');
    if (note.status !== 'signed') throw new AttuneError('invalid-input', draftRefusal);
    notes = [note];
  }
  notes = notes
    .filter((n) => n.status === 'signed')
    .sort((a, b) => (order.get(a.sessionId) ?? 0) - (order.get(b.sessionId) ?? 0));
  const used = new Set(notes.map((n) => n.templateId));
  const { practiceHeader, feedbackConcernLine, ruptureVocabulary, lateEntryAfterHours } = settings;
  // With one note, only its session's measures; measures of a session whose note is a draft are kept.
  const sessionIds = new Set(
    noteId === undefined ? sessions.map((s) => s.id) : notes.map((n) => n.sessionId),
  );
  const measures = [...(await store.all<Measure>(kinds.measure)).values()]
    .filter((m) => sessionIds.has(m.sessionId))
    .sort((a, b) =>
      a.administeredAt === b.administeredAt
        ? a.id < b.id
          ? -1
          : 1
        : a.administeredAt < b.administeredAt
          ? -1
          : 1,
    );
  const clinical = await clinicalRecordsOf(store, clientId);
  return structuredClone({
    client,
    sessions: noteId === undefined ? sessions : sessions.filter((s) => s.id === notes[0]?.sessionId),
    notes,
    measures,
    treatmentPlans: clinical.treatmentPlans,
    diagnoses: noteId === undefined ? clinical.diagnoses : [],
    safetyPlan: noteId === undefined ? clinical.safetyPlan : null,
    templates: (await templates.list()).filter((t) => used.has(t.id)),
    settings: { practiceHeader, feedbackConcernLine, ruptureVocabulary, lateEntryAfterHours },
    preparedAt: isoNow(clock),
  });
}

/** The client's signed plan versions (oldest first), diagnoses (byDiagnosisStanding) and safety plan. */
async function clinicalRecordsOf(
  store: RecordStore,
  clientId: string,
): Promise<Pick<RecordSet, 'treatmentPlans' | 'diagnoses' | 'safetyPlan'>> {
  const treatmentPlans = [...(await store.all<TreatmentPlan>(kinds.treatmentPlan)).values()]
    .filter((p) => p.clientId === clientId && p.status === 'signed')
    .sort((a, b) => a.version - b.version || compareText(a.id, b.id));
  const diagnoses = [...(await store.all<Diagnosis>(kinds.diagnosis)).values()]
    .filter((d) => d.clientId === clientId)
    .sort((a, b) => byDiagnosisStanding(a, b) || compareText(a.id, b.id));
  const safetyPlan = currentSafetyPlan((await store.all<SafetyPlan>(kinds.safetyPlan)).values(), clientId);
  return { treatmentPlans, diagnoses, safetyPlan };
}
