import { type FormEvent, useRef, useState } from 'react';
import { summarizeNote } from '../../../../shared/summaries/noteSummary';
import { FieldError } from '../../components/FieldError';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { call, messageOf } from '../../data/api';
import { useClients } from '../../data/hooks';
import { putNoteSummary, putSession } from '../../data/summaryIndex';
import { isoLocalDateTime, quarterHourStarted } from '../../format/dates';
import { ClientPicker } from './ClientPicker';

/**
 * "New session note" in one step: the client (searchable), the date and time (now, to the
 * quarter hour), one confirm; the session and its draft are made together and the note opens.
 */
export function NewSessionNote({
  clientId: initialClientId,
  onStarted,
  onCancel,
}: {
  clientId: string | null;
  onStarted: (noteId: string, clientId: string) => void;
  onCancel: () => void;
}) {
  const clients = useClients() ?? [];
  const [clientId, setClientId] = useState<string | null>(initialClientId);
  const [startsAt, setStartsAt] = useState(() => isoLocalDateTime(quarterHourStarted(new Date())));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submitButton = useRef<HTMLButtonElement>(null);
  // With the client already chosen (from the palette), Enter confirms at once.
  const form = useFocusOnOpen<HTMLFormElement>(initialClientId ? { initial: submitButton } : {});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const when = new Date(startsAt);
    const problems: Record<string, string> = {};
    if (!clientId)
      problems.client = 'Choose a client: type part of a code or name, then pick it from the list.';
    if (Number.isNaN(when.getTime())) problems.startsAt = 'Enter the date and time of the session.';
    setErrors(problems);
    if (!clientId || problems.startsAt) return;
    setBusy(true);
    try {
      const { session, note } = await call('sessionNotes:start', { clientId, startsAt: when.toISOString() });
      putSession(session);
      putNoteSummary(summarizeNote(note));
      onStarted(note.id, clientId);
    } catch (failure) {
      setErrors({ _: messageOf(failure) });
      setBusy(false);
    }
  }

  return (
    <form
      ref={form}
      className="card new-session-note"
      aria-label="New session note"
      onSubmit={submit}
      noValidate
    >
      <h2>New session note</h2>
      <div className="new-session-note-fields">
        <div>
          <label htmlFor="new-note-client">Client</label>
          <ClientPicker
            id="new-note-client"
            clients={clients}
            value={clientId}
            onChange={setClientId}
            describedBy={errors.client ? 'new-note-client-error' : undefined}
          />
          <FieldError id="new-note-client-error" message={errors.client} />
        </div>
        <div>
          <label htmlFor="new-note-start">Date and time</label>
          <input
            id="new-note-start"
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
            aria-describedby={errors.startsAt ? 'new-note-start-error' : undefined}
          />
          <FieldError id="new-note-start-error" message={errors.startsAt} />
        </div>
      </div>
      <FieldError id="new-note-error" message={errors._} />
      <div className="form-actions">
        <button ref={submitButton} type="submit" disabled={busy}>
          {busy ? 'Starting…' : 'Start note'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
