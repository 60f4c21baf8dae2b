import { attendanceLabels, modalityLabels } from '../../../../shared/domain/sessionSchema';
import type { SessionRow } from '../../data/hooks';

/** Sessions with their note status (none / draft / signed) and rupture badges. */
export function SessionTable({
  rows,
  onOpenNote,
  onNewNote,
}: {
  rows: SessionRow[] | undefined;
  onOpenNote: (noteId: string) => void;
  onNewNote: (sessionId: string) => void;
}) {
  if (rows === undefined) return <p>Loading…</p>;
  if (rows.length === 0) return <p className="muted">No sessions yet. Record one with “New session”.</p>;
  return (
    <table className="list">
      <caption className="visually-hidden">Sessions</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Session</th>
          <th scope="col">Note</th>
          <th scope="col">Ruptures</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ session, note }) => {
          const when = new Date(session.startsAt).toLocaleString([], {
            dateStyle: 'medium',
            timeStyle: 'short',
          });
          const unresolved = note?.ruptures.filter((r) => r.outcome === 'unresolved').length ?? 0;
          return (
            <tr key={session.id}>
              <td>{when}</td>
              <td>
                {session.durationMinutes} min · {modalityLabels[session.modality]} ·{' '}
                {attendanceLabels[session.attendance]}
              </td>
              <td>
                <span className={`badge ${note?.status ?? 'none'}`}>
                  {note ? (note.status === 'signed' ? 'Signed' : 'Draft') : 'No note'}
                </span>
              </td>
              <td>
                {note && note.ruptures.length > 0 ? (
                  <span className="badge rupture" title={`${unresolved} unresolved`}>
                    {note.ruptures.length} {note.ruptures.length === 1 ? 'rupture' : 'ruptures'}
                    {unresolved > 0 && `, ${unresolved} unresolved`}
                  </span>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {note ? (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => onOpenNote(note.id)}
                    aria-label={`Open note of ${when}`}
                  >
                    Open note
                  </button>
                ) : (
                  <button
                    type="button"
                    onClick={() => onNewNote(session.id)}
                    aria-label={`New note for ${when}`}
                  >
                    New note
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
