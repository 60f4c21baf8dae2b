import './recover.css';
import { type FormEvent, useState } from 'react';
import { FormSubmit } from '../../components/FormSubmit';
import { call, messageOf } from '../../data/api';
import { NewPassphraseFields } from './NewPassphraseFields';
import { useNewPassphrase } from './useNewPassphrase';

/**
 * "Forgot your passphrase?": the recovery key opens the vault and a new passphrase is chosen
 * (same rule and strength check as at first run); main then makes a new recovery key, which the
 * App shows next. A wrong or mistyped key changes nothing and says which it was.
 * `unlocked` is false when a lock came in meanwhile: the key is shown, then the unlock screen.
 */
export function RecoverVault({
  onRecovered,
  onCancel,
}: {
  onRecovered: (recoveryKey: string, unlocked: boolean) => void;
  onCancel: () => void;
}) {
  const [recoveryKey, setRecoveryKey] = useState('');
  const chosen = useNewPassphrase();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!recoveryKey.trim()) return setError('Enter your recovery key.');
    const problem = await chosen.problem();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const result = await call('vault:recover', { recoveryKey, newPassphrase: chosen.passphrase });
      setRecoveryKey('');
      chosen.reset();
      onRecovered(result.recoveryKey, result.status.state === 'unlocked');
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered">
      <form className="card" onSubmit={submit} aria-labelledby="recover-title" noValidate>
        <h1 id="recover-title">Forgot your passphrase?</h1>
        <p>
          Enter your recovery key: the one Attune showed you when you created your vault, or the latest one it
          showed you since. Capitals, spaces and dashes do not matter. Then choose a new passphrase.
        </p>
        <p className="muted">
          Attune will then show you a new recovery key, and the key you enter here stops working.
        </p>
        <label htmlFor="recover-key">Recovery key</label>
        {/* Two lines: the whole key (14 groups of 4) stays in view while it is checked by eye. */}
        <textarea
          id="recover-key"
          className="recovery-key-input"
          rows={2}
          autoComplete="off"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the recovery key is what this screen is for.
          autoFocus
          value={recoveryKey}
          onChange={(e) => setRecoveryKey(e.target.value)}
        />
        <NewPassphraseFields state={chosen} label="New passphrase" confirmLabel="Confirm new passphrase" />
        <FormSubmit error={error} busy={busy} label="Set new passphrase" busyLabel="Opening your vault…" />
        <button type="button" className="link" onClick={onCancel} disabled={busy}>
          Back to unlock
        </button>
      </form>
    </main>
  );
}
