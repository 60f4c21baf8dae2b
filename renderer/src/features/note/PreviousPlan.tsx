import { memo, useEffect, useMemo, useState } from 'react';
import { messageOf, call } from '../../data/api';
import { useSessionRows } from '../../data/hooks';
import { formatDate } from '../../format/dates';
import { previousNoteOf } from './previousNote';

type Loaded = { noteId: string; plan: string } | { noteId: string; error: string };

/**
 * "Plan from the previous session (date)": the plan of the client's latest earlier note, read
 * only and folded on request, since a therapist starts the next note from it. Nothing for a
 * client's first note. The note is found in the index the client page already uses; only its
 * plan is fetched.
 */
export const PreviousPlan = memo(function PreviousPlan({
  clientId,
  sessionId,
}: {
  clientId: string;
  sessionId: string;
}) {
  const rows = useSessionRows(clientId);
  const previous = useMemo(() => (rows ? previousNoteOf(rows, sessionId) : null), [rows, sessionId]);
  const noteId = previous?.noteId ?? null;
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    if (noteId === null) return;
    let current = true;
    call('notes:get', { id: noteId })
      .then((note) => current && setLoaded({ noteId, plan: note.plan }))
      .catch((error) => current && setLoaded({ noteId, error: messageOf(error) }));
    return () => {
      current = false;
    };
  }, [noteId]);

  if (!previous || loaded?.noteId !== previous.noteId) return null;
  return (
    <details className="previous-plan" open>
      <summary>Plan from the previous session ({formatDate(previous.startsAt)})</summary>
      {'plan' in loaded ? (
        loaded.plan.trim() ? (
          <p className="previous-plan-text">{loaded.plan}</p>
        ) : (
          <p className="muted">That session’s note has no plan.</p>
        )
      ) : (
        <p className="error">The previous plan could not be read: {loaded.error}</p>
      )}
    </details>
  );
});
