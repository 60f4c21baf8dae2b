import { type FormEvent, useState } from 'react';
import type { Client } from '../../../../shared/domain/clientSchema';
import { clientInput } from '../../../../shared/ipc/contracts/clientContract';
import { FieldError, fieldErrors } from '../../components/FieldError';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { call, messageOf } from '../../data/api';
import { putClient } from '../../data/summaryIndex';
import { todayIso } from '../../format/dates';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Create a client, or edit one when `client` is given. Validates before sending; keeps input on error. */
export function ClientForm({ client, onDone }: { client?: Client; onDone: (client: Client | null) => void }) {
  const [code, setCode] = useState(client?.code ?? '');
  const [displayName, setDisplayName] = useState(client?.displayName ?? '');
  const [startDate, setStartDate] = useState(() => client?.startDate ?? todayIso());
  const [concerns, setConcerns] = useState(client?.concerns.join('\n') ?? '');
  const [goals, setGoals] = useState(client?.goals.join('\n') ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const form = useFocusOnOpen<HTMLFormElement>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      code: code.trim(),
      displayName: displayName.trim() || undefined,
      startDate,
      concerns: lines(concerns),
      goals: lines(goals),
    };
    const parsed = clientInput.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setBusy(true);
    setErrors({});
    try {
      const saved = client
        ? await call('clients:update', { id: client.id, changes: parsed.data })
        : await call('clients:create', parsed.data);
      putClient(saved);
      onDone(saved);
    } catch (failure) {
      setErrors({ _: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  }

  const title = client ? `Edit client ${client.code}` : 'New client';
  return (
    <form ref={form} className="card" onSubmit={submit} aria-label={title} noValidate>
      <h2>{title}</h2>
      <label htmlFor="client-code">Client code</label>
      <input
        id="client-code"
        type="text"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        aria-invalid={Boolean(errors.code)}
        aria-describedby="client-code-help client-code-error"
      />
      <span id="client-code-help" className="muted small">
        A pseudonymous code such as C-014. It is how the client appears in lists and exports.
      </span>
      <FieldError id="client-code-error" message={errors.code} />
      <label htmlFor="client-name">Display name (optional)</label>
      <input
        id="client-name"
        type="text"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <FieldError id="client-name-error" message={errors.displayName} />
      <label htmlFor="client-start">Start date</label>
      <input id="client-start" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
      <FieldError id="client-start-error" message={errors.startDate} />
      <label htmlFor="client-concerns">Presenting concerns (one per line)</label>
      <textarea id="client-concerns" value={concerns} onChange={(e) => setConcerns(e.target.value)} />
      <FieldError id="client-concerns-error" message={errors.concerns} />
      <label htmlFor="client-goals">Goals (one per line)</label>
      <textarea id="client-goals" value={goals} onChange={(e) => setGoals(e.target.value)} />
      <FieldError id="client-goals-error" message={errors.goals} />
      {errors._ && (
        <p role="alert" className="error">
          {errors._}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save client
        </button>
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
