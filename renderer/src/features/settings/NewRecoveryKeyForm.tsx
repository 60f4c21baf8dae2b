import { type FormEvent, useState } from 'react';
import { FormSubmit } from '../../components/FormSubmit';
import { call, messageOf } from '../../data/api';
import { showNewRecoveryKey } from '../../data/recoveryKeyHandoff';

/**
 * Show a new recovery key: for a key that was lost, or may have been seen. The old key stops
 * working at once; the new one is shown once, on its own screen.
 */
export function NewRecoveryKeyForm() {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) return setError('Enter your current passphrase.');
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey, status } = await call('vault:renewRecoveryKey', { passphrase });
      setPassphrase('');
      showNewRecoveryKey({ recoveryKey, unlocked: status.state === 'unlocked' });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="security-form" onSubmit={submit} noValidate aria-labelledby="new-key-title">
      <h3 id="new-key-title">Show a new recovery key</h3>
      <p className="muted">
        Attune cannot show your recovery key again, but it can make a new one. Your current recovery key stops
        opening the vault at once. Older backups still open with the key that was current when they were made.
      </p>
      <label htmlFor="new-key-passphrase">Current passphrase</label>
      <input
        id="new-key-passphrase"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <FormSubmit error={error} busy={busy} label="Show a new recovery key" busyLabel="Making a new key…" />
    </form>
  );
}
