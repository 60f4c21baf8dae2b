import { useEffect } from 'react';
import { useClient, useSessionOfNote } from '../../data/hooks';
import { formatDateTime } from '../../format/dates';
import { loadNoteDataEarly, NoteEditor } from '../note';
import { EditingElsewhereGate } from '../sync/EditingElsewhereGate';

/**
 * The note editor, its sticky header headed by the client and the session (and a notice when
 * another computer is editing it).
 */
export function NotePage({
  noteId,
  clientId,
  onClose,
  onOpenClient,
}: {
  noteId: string;
  clientId: string;
  /** Back to the page the note was opened from. */
  onClose: () => void;
  /** To the client's page (the goals' way to the treatment plan). */
  onOpenClient: () => void;
}) {
  const client = useClient(clientId);
  const session = useSessionOfNote(noteId);
  const when = session ? formatDateTime(session.startsAt) : '';
  const heading = `Session note${client ? ` · ${client.code}` : ''}${when ? ` · ${when}` : ''}`;
  // The note loads while the gate asks whether it is open elsewhere: one round trip's wait, not two
  // (dropped when the page goes, if the editor never took it).
  useEffect(() => loadNoteDataEarly(noteId), [noteId]);
  return (
    <main className="page note-page">
      <EditingElsewhereGate kind="note" id={noteId} heading={heading} onBack={onClose}>
        <NoteEditor noteId={noteId} heading={heading} onClose={onClose} onOpenClient={onOpenClient} />
      </EditingElsewhereGate>
    </main>
  );
}
