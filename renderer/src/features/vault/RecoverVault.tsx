import './recover.css';
import { type FormEvent, useRef, useState } from 'react';
import { FieldError } from '../../components/FieldError';
import { FormSubmit } from '../../components/FormSubmit';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { ApiError, call, messageOf } from '../../data/api';
import { NewPassphraseFields } from './NewPassphraseFields';
import { type PassphraseProblems, useNewPassphrase } from './useNewPassphrase';

/** What stops recovery, by the field to fix. */
interface RecoverProblems extends PassphraseProblems {
  recoveryKey?: string;
}

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
  const [problems, setProblems] = useState<RecoverProblems>({});
  const [busy, setBusy] = useState(false);
  const keyField = useRef<HTMLTextAreaElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Every problem at once, each under its field, and the focus on the first to fix (as Create vault).
    const found: RecoverProblems = await chosen.problems();
    if (!recoveryKey.trim()) found.recoveryKey = 'Enter your recovery key.';
    setProblems(found);
    setError(null);
    if (found.recoveryKey || found.passphrase || found.confirm) {
      focusFirstInvalid(found, { recoveryKey: keyField, ...chosen.fields });
      return;
    }
    setBusy(true);
    try {
      const result = await call('vault:recover', { recoveryKey, newPassphrase: chosen.passphrase });
      setRecoveryKey('');
      chosen.reset();
      onRecovered(result.recoveryKey, result.status.state === 'unlocked');
    } catch (failure) {
      // A mistyped key, or one that does not open this vault, is said under the key, which is
      // selected to correct (the button, disabled meanwhile, left the focus nowhere).
      if (
        failure instanceof ApiError &&
        (failure.kind === 'invalid-input' || failure.kind === 'wrong-passphrase')
      ) {
        setProblems({ recoveryKey: failure.message });
        keyField.current?.focus();
        keyField.current?.select();
      } else {
        setError(messageOf(failure));
      }
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
          ref={keyField}
          aria-invalid={Boolean(problems.recoveryKey)}
          aria-describedby={problems.recoveryKey ? 'recover-key-error' : undefined}
        />
        <FieldError id="recover-key-error" message={problems.recoveryKey} />
        <NewPassphraseFields
          state={chosen}
          errors={problems}
          label="New passphrase"
          confirmLabel="Confirm new passphrase"
        />
        <FormSubmit error={error} busy={busy} label="Set new passphrase" busyLabel="Opening your vault…" />
        <button type="button" className="link" onClick={onCancel} disabled={busy}>
          Back to unlock
        </button>
      </form>
    </main>
  );
}
