import { useClient, useSessionOfNote } from '../../data/hooks';
import { formatDateTime } from '../../format/dates';
import { NoteEditor } from '../note';
import { EditingElsewhereGate } from '../sync/EditingElsewhereGate';

/** The note editor under a heading that names the client and the session (and any other computer editing it). */
export function NotePage({
  noteId,
  clientId,
  onClose,
}: {
  noteId: string;
  clientId: string;
  onClose: () => void;
}) {
  const client = useClient(clientId);
  const session = useSessionOfNote(noteId);
  const when = session ? formatDateTime(session.startsAt) : '';
  return (
    <main className="page">
      <h1>
        Session note{client ? ` · ${client.code}` : ''}
        {when && ` · ${when}`}
      </h1>
      <EditingElsewhereGate kind="note" id={noteId} onBack={onClose}>
        <NoteEditor noteId={noteId} onClose={onClose} />
      </EditingElsewhereGate>
    </main>
  );
}
