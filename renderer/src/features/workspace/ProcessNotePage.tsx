import { FileText, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { SessionProcessNote } from '../../../../shared/ipc/contract';
import { call, messageOf } from '../../data/api';
import { useClient, useSessionRows } from '../../data/hooks';
import { flushPendingSaves } from '../../data/pendingSaves';
import { formatDateTime } from '../../format/dates';
import { ProcessNotesPanel } from '../note/ProcessNotesPanel';

/**
 * A session's private process note on its own page, opened from the session's row: the session
 * may have no progress note at all. The process note stays its own record, out of every export.
 */
export function ProcessNotePage({
  sessionId,
  clientId,
  onOpenNote,
  onClose,
}: {
  sessionId: string;
  clientId: string;
  onOpenNote: (noteId: string) => void;
  onClose: () => void;
}) {
  const client = useClient(clientId);
  const session = useSessionRows(clientId)?.find((row) => row.session.id === sessionId)?.session;
  const [loaded, setLoaded] = useState<SessionProcessNote | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('processNotes:getForSession', { sessionId }).then(setLoaded, (failure) =>
      setError(messageOf(failure)),
    );
  }, [sessionId]);
  const when = session ? formatDateTime(session.startsAt) : '';
  const heading = `Process note${client ? ` · ${client.code}` : ''}${when ? ` · ${when}` : ''}`;
  // Leaving saves what was typed first, as closing a note does.
  const leave = (then: () => void) => () => void flushPendingSaves().finally(then);

  return (
    <main className="page process-note-page">
      <div className="page-head">
        <h1>{heading}</h1>
        <div className="note-actions">
          {loaded?.noteId && (
            <button
              type="button"
              className="secondary"
              onClick={leave(() => onOpenNote(loaded.noteId ?? ''))}
            >
              <FileText aria-hidden="true" size={16} /> Open the progress note
            </button>
          )}
          <button type="button" className="secondary" onClick={leave(onClose)}>
            <X aria-hidden="true" size={16} /> Close
          </button>
        </div>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {loaded && (
        <ProcessNotesPanel
          sessionId={sessionId}
          processNote={loaded.processNote}
          createdAt={loaded.processNote?.updatedAt ?? session?.startsAt ?? new Date().toISOString()}
        />
      )}
    </main>
  );
}
