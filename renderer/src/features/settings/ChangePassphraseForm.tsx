import { type FormEvent, useState } from 'react';
import { FormSubmit } from '../../components/FormSubmit';
import { call, messageOf } from '../../data/api';
import { formatTime } from '../../format/dates';
import { NewPassphraseFields } from '../vault/NewPassphraseFields';
import { useNewPassphrase } from '../vault/useNewPassphrase';

/** Change passphrase: the current one, then a new one with the same strength check as at first run. */
export function ChangePassphraseForm() {
  const [current, setCurrent] = useState('');
  const chosen = useNewPassphrase();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (!current) return setError('Enter your current passphrase.');
    const problem = await chosen.problem();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await call('vault:changePassphrase', { current, next: chosen.passphrase });
      setCurrent('');
      chosen.reset();
      setDone(
        `Passphrase changed at ${formatTime(new Date())}. Use the new one the next time you unlock. Your recovery key is unchanged.`,
      );
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="security-form" onSubmit={submit} noValidate aria-labelledby="change-passphrase-title">
      <h3 id="change-passphrase-title">Change passphrase</h3>
      <p className="muted">
        Copies of your vault made before the change, such as older backups, still open with the old
        passphrase. To shut the old passphrase out of those too, rotate the vault key below.
      </p>
      <label htmlFor="change-current">Current passphrase</label>
      <input
        id="change-current"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <NewPassphraseFields state={chosen} label="New passphrase" confirmLabel="Confirm new passphrase" />
      <FormSubmit error={error} busy={busy} label="Change passphrase" busyLabel="Changing passphrase…" />
      <output aria-live="polite">{done}</output>
    </form>
  );
}
