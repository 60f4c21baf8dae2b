import { type FormEvent, useState } from 'react';
import type { Client } from '../../../../shared/domain/clientSchema';
import { clientInput } from '../../../../shared/ipc/contracts/clientContract';
import { FieldError, fieldErrors } from '../../components/FieldError';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { call, messageOf } from '../../data/api';
import { putClient } from '../../data/summaryIndex';
import { useUnsavedForm } from '../../data/unsavedForms';
import { todayIso } from '../../format/dates';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Each field's input, by the name its errors carry, in the form's order. */
const fieldIds = {
  code: 'client-code',
  displayName: 'client-name',
  startDate: 'client-start',
  concerns: 'client-concerns',
  goals: 'client-goals',
} as const;

/** The key under which what is typed into the form for `client` (or a new one) is kept until saved. */
export const clientFormKey = (clientId?: string): string => `client:${clientId ?? 'new'}`;

/**
 * Create a client, or edit one when `client` is given. Validates before sending; keeps input on
 * error, and when the screen is left or the vault locks until it is saved or cancelled
 * (unsavedForms.ts: the screen opens the form again with it).
 */
export function ClientForm({ client, onDone }: { client?: Client; onDone: (client: Client | null) => void }) {
  const [fields, change, forget] = useUnsavedForm(clientFormKey(client?.id), () => ({
    code: client?.code ?? '',
    displayName: client?.displayName ?? '',
    startDate: client?.startDate ?? todayIso(),
    concerns: client?.concerns.join('\n') ?? '',
    goals: client?.goals.join('\n') ?? '',
  }));
  const { code, displayName, startDate, concerns, goals } = fields;
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
    if (!parsed.success) {
      const found = fieldErrors(parsed.error.issues);
      setErrors(found);
      focusFirstInvalid(found, fieldIds);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const saved = client
        ? await call('clients:update', { id: client.id, changes: parsed.data })
        : await call('clients:create', parsed.data);
      putClient(saved);
      forget();
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
      <label htmlFor={fieldIds.code}>Client code</label>
      {/* Under the label, before the field (as TextAreaField has it): beside the field it wrapped under it. */}
      <p id="client-code-help" className="field-description">
        A pseudonymous code such as C-014. It is how the client appears in lists and exports.
      </p>
      <input
        id={fieldIds.code}
        type="text"
        value={code}
        onChange={(e) => change({ code: e.target.value })}
        aria-invalid={Boolean(errors.code)}
        aria-describedby="client-code-help client-code-error"
      />
      <FieldError id="client-code-error" message={errors.code} />
      <label htmlFor={fieldIds.displayName}>Display name (optional)</label>
      <input
        id={fieldIds.displayName}
        type="text"
        value={displayName}
        onChange={(e) => change({ displayName: e.target.value })}
      />
      <FieldError id="client-name-error" message={errors.displayName} />
      <label htmlFor={fieldIds.startDate}>Start date</label>
      <input
        id={fieldIds.startDate}
        type="date"
        value={startDate}
        onChange={(e) => change({ startDate: e.target.value })}
      />
      <FieldError id="client-start-error" message={errors.startDate} />
      <label htmlFor={fieldIds.concerns}>Presenting concerns (one per line)</label>
      <textarea
        id={fieldIds.concerns}
        value={concerns}
        onChange={(e) => change({ concerns: e.target.value })}
      />
      <FieldError id="client-concerns-error" message={errors.concerns} />
      <label htmlFor={fieldIds.goals}>Goals (one per line)</label>
      <textarea id={fieldIds.goals} value={goals} onChange={(e) => change({ goals: e.target.value })} />
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
        <button
          type="button"
          className="secondary"
          onClick={() => {
            forget();
            onDone(null);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
