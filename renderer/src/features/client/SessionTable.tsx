import { type ReactNode, useState } from 'react';
import { attendanceLabels, modalityLabels } from '../../../../shared/domain/sessionSchema';
import type { SessionRow } from '../../data/hooks';
import { formatDateTime } from '../../format/dates';

/** Sessions with their note status (none / draft / signed), rupture badges and any supervisor comments. */
export function SessionTable({
  rows,
  onOpenNote,
  onNewNote,
  sessionComments,
}: {
  rows: SessionRow[] | undefined;
  onOpenNote: (noteId: string) => void;
  onNewNote: (sessionId: string) => void;
  /** The returned supervisor comments of a session, shown in their own column when given. */
  sessionComments?: ((row: SessionRow) => ReactNode) | undefined;
}) {
  const [showAll, setShowAll] = useState(false);
  if (rows === undefined) return <p>Loading…</p>;
  if (rows.length === 0) return <p className="muted">No sessions yet. Record one with “New session”.</p>;
  // A long therapy has hundreds of sessions; the latest ones are what a clinician opens, and
  // rendering every row would slow the page (and its charts) for no one's benefit.
  const shown = showAll || rows.length <= recentCount ? rows : rows.slice(-recentCount);
  return (
    <>
      {shown.length < rows.length && (
        <p className="muted">
          Showing the latest {shown.length} of {rows.length} sessions.{' '}
          <button type="button" className="link" onClick={() => setShowAll(true)}>
            Show all {rows.length} sessions
          </button>
        </p>
      )}
      <table className="list">
        <caption className="visually-hidden">Sessions</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Session</th>
            <th scope="col">Note</th>
            <th scope="col">Ruptures</th>
            {sessionComments && <th scope="col">Supervisor comments</th>}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const { session, note } = row;
            const when = formatDateTime(session.startsAt);
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
                {sessionComments && <td>{sessionComments(row)}</td>}
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
    </>
  );
}

/** How many of the latest sessions the table shows before "Show all". */
const recentCount = 30;
