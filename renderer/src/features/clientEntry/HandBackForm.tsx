import { type FormEvent, useState } from 'react';
import type { ClientEntryReturn } from '../../../../shared/ipc/contract';
import { FormSubmit } from '../../components/FormSubmit';
import { call, messageOf } from '../../data/api';

/**
 * The therapist's way back: the vault's passphrase ends client entry in main and returns to the
 * note. A wrong passphrase keeps the form's screen, saying so.
 */
export function HandBackForm({
  intro,
  onReturned,
}: {
  /** Said above the passphrase: thanks after the form, or nothing when the therapist ends early. */
  intro: string;
  onReturned: (back: ClientEntryReturn) => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) {
      setError('Enter your passphrase to return to your notes.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onReturned(await call('clientEntry:finish', { passphrase }));
    } catch (failure) {
      setError(messageOf(failure));
      setPassphrase('');
      setBusy(false);
    }
  }

  return (
    <form className="client-entry-form" onSubmit={submit} aria-labelledby="hand-back-title" noValidate>
      <p className="client-entry-lead">{intro}</p>
      <h2 id="hand-back-title">For your therapist</h2>
      <label htmlFor="hand-back-passphrase">Your vault passphrase</label>
      <input
        id="hand-back-passphrase"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={(event) => setPassphrase(event.target.value)}
        disabled={busy}
      />
      <FormSubmit error={error} busy={busy} label="Return to the note" busyLabel="Checking…" />
    </form>
  );
}
