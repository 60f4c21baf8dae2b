import { lateEntry } from '../../../../shared/domain/lateEntry';
import { extendRuptureVocabulary } from '../../../../shared/domain/ruptures';
import { attendanceLabels, modalityLabels } from '../../../../shared/domain/sessionSchema';
import type { RecordSet } from '../../../../shared/ipc/contracts/recordsContract';
import { RecordClinicalSections } from './RecordClinicalSections';
import { RecordNoteView } from './RecordNoteView';
import { recordDate, recordDateTime } from './recordFormat';

/** Why a record export leaves process notes out, in the words the screens and the print use. */
export const processNotesExcluded =
  'Process notes (psychotherapy notes) are not part of this record: they are kept apart from the clinical record, and a client’s right of access under HIPAA (45 CFR 164.524) does not extend to them.';

/**
 * The identified clinical record as printed: the practice header, the client's name and code,
 * then (for a whole record) every session, and each signed note in full.
 */
export function RecordView({ set, kind }: { set: RecordSet; kind: 'note' | 'client' }) {
  const { client, settings } = set;
  const vocabulary = extendRuptureVocabulary(settings.ruptureVocabulary);
  const notesBySession = new Map(set.notes.map((n) => [n.sessionId, n]));
  const sessions = set.sessions;
  const practice = settings.practiceHeader;
  return (
    <article className="record-view">
      <header className="record-head">
        {(practice.name || practice.details) && (
          <div className="record-practice">
            {practice.name && <p className="record-practice-name">{practice.name}</p>}
            {practice.details && <p className="prewrap small">{practice.details}</p>}
          </div>
        )}
        <h1>{kind === 'note' ? 'Clinical note' : 'Client record'}</h1>
        <p>
          Client: <strong>{client.displayName || 'No name recorded'}</strong> · Code {client.code} · Client
          since {recordDate(client.startDate)}
        </p>
        {kind === 'client' && client.concerns.length > 0 && (
          <p>Presenting concerns: {client.concerns.join('; ')}</p>
        )}
        {kind === 'client' && client.goals.length > 0 && <p>Goals: {client.goals.join('; ')}</p>}
        {kind === 'note' && sessions[0] && (
          <p>
            Session of {recordDateTime(sessions[0].startsAt)} · {sessions[0].durationMinutes} minutes ·{' '}
            {modalityLabels[sessions[0].modality]}
          </p>
        )}
        <p className="small">
          Confidential clinical record, prepared on {recordDate(set.preparedAt)}. {processNotesExcluded}
        </p>
      </header>
      {kind === 'client' && <RecordClinicalSections set={set} />}
      {kind === 'client' && (
        <section>
          <h2>Sessions</h2>
          {sessions.length === 0 ? (
            <p>No sessions recorded.</p>
          ) : (
            <table className="list record-sessions">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Minutes</th>
                  <th scope="col">Held</th>
                  <th scope="col">Attendance</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <td>{recordDateTime(s.startsAt)}</td>
                    <td>{s.durationMinutes}</td>
                    <td>{modalityLabels[s.modality]}</td>
                    <td>{attendanceLabels[s.attendance]}</td>
                    <td>{noteCell(notesBySession.get(s.id), s.startsAt, settings.lateEntryAfterHours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {sessions
        .filter((s) => notesBySession.has(s.id))
        .map((s) => {
          const note = notesBySession.get(s.id)!;
          return (
            <section key={s.id} className="record-entry">
              {kind === 'client' && <h2>Session of {recordDateTime(s.startsAt)}</h2>}
              <RecordNoteView
                note={note}
                template={set.templates.find((t) => t.id === note.templateId) ?? null}
                vocabulary={vocabulary}
                concernLine={settings.feedbackConcernLine}
                sessionStartsAt={s.startsAt}
                lateEntryAfterHours={settings.lateEntryAfterHours}
                treatmentPlans={set.treatmentPlans}
              />
            </section>
          );
        })}
      {kind === 'client' && set.notes.length === 0 && <p>No signed notes yet.</p>}
    </article>
  );
}

/** The sessions table's note column: whether a signed note follows, and whether it is a late entry. */
function noteCell(
  note: RecordSet['notes'][number] | undefined,
  startsAt: string,
  afterHours: number,
): string {
  if (!note) return 'No signed note';
  const late = lateEntry(startsAt, note.signed?.at, afterHours);
  return late ? `Signed note below (late entry, signed ${recordDate(late.signedAt)})` : 'Signed note below';
}
