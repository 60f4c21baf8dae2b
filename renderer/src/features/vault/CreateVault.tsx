import '../backup/backup.css';
import { type FormEvent, useEffect, useState } from 'react';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../../../../shared/domain/passphraseRule';
import { call, messageOf } from '../../data/api';
import { measureStrength, minimumScore, type Strength } from './passphraseStrength';

/**
 * First run: choose a passphrase (with strength feedback and confirmation) and create the vault.
 * `unlocked` is false when a lock (sleep, screen lock) came while it was being created: the vault
 * exists and its recovery key must still be shown, but it is locked again.
 */
export function CreateVault({
  onCreated,
  onRestore,
}: {
  onCreated: (recoveryKey: string, unlocked: boolean) => void;
  /** Opens the restore screen: a new computer, or a lost vault, with backups elsewhere. */
  onRestore?: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    if (!passphrase) {
      setStrength(null);
      return;
    }
    measureStrength(passphrase).then((s) => current && setStrength(s));
    return () => {
      current = false;
    };
  }, [passphrase]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = validate(passphrase, confirm, strength);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const { recoveryKey, status } = await call('vault:create', { passphrase });
      onCreated(recoveryKey, status.state === 'unlocked');
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered">
      <form className="card" onSubmit={submit} aria-labelledby="create-title" noValidate>
        <h1 id="create-title">Create your vault</h1>
        <p>
          Attune keeps every note in encrypted files on this computer. Choose a passphrase: it is the only way
          in, besides the recovery key you will see next.
        </p>
        <label htmlFor="new-passphrase">Passphrase</label>
        <input
          id="new-passphrase"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-describedby="strength"
        />
        <output id="strength" aria-live="polite" className={`strength s${strength?.score ?? 0}`}>
          {strength
            ? `Strength: ${strength.label}. ${strength.advice}`
            : `At least ${MIN_PASSPHRASE_LENGTH} characters; four or more unrelated words work well.`}
        </output>
        <label htmlFor="confirm-passphrase">Confirm passphrase</label>
        <input
          id="confirm-passphrase"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Creating vault…' : 'Create vault'}
        </button>
      </form>
      {onRestore && (
        <p className="centered-note">
          Setting up Attune on a new computer, or lost your vault?{' '}
          <button type="button" className="link" onClick={onRestore}>
            Restore from a backup…
          </button>
        </p>
      )}
    </main>
  );
}

function validate(passphrase: string, confirm: string, strength: Strength | null): string | null {
  const problem = passphraseProblem(passphrase);
  if (problem) return problem;
  if (!strength || strength.score < minimumScore) {
    return 'This passphrase is too easy to guess. Add more unrelated words.';
  }
  if (passphrase !== confirm) return 'The two passphrases do not match.';
  return null;
}
