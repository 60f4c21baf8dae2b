import '../backup/backup.css';
import { type FormEvent, useState } from 'react';
import { BrandMark } from '../../components/BrandMark';
import { FormSubmit } from '../../components/FormSubmit';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { call, messageOf } from '../../data/api';
import { NewPassphraseFields } from './NewPassphraseFields';
import { type PassphraseProblems, useNewPassphrase } from './useNewPassphrase';
import { VaultLocationChoice } from './VaultLocationChoice';

/**
 * First run: choose a passphrase (with strength feedback and confirmation) and create the vault.
 * `unlocked` is false when a lock (sleep, screen lock) came while it was being created: the vault
 * exists and its recovery key must still be shown, but it is locked again.
 */
export function CreateVault({
  onCreated,
  onRestore,
  onOpenedExisting,
}: {
  onCreated: (recoveryKey: string, unlocked: boolean) => void;
  /** Opens the restore screen: a new computer, or a lost vault, with backups elsewhere. */
  onRestore?: () => void;
  /** Attune now points at a vault that already existed in another folder: unlock it. */
  onOpenedExisting?: () => void;
}) {
  const chosen = useNewPassphrase();
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<PassphraseProblems>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Every problem at once, each under its field, and the focus on the first to fix (not left on
    // the button), as the other forms do.
    const found = await chosen.problems();
    setProblems(found);
    setError(null);
    if (found.passphrase || found.confirm) return focusFirstInvalid(found, chosen.fields);
    setBusy(true);
    try {
      const { recoveryKey, status } = await call('vault:create', { passphrase: chosen.passphrase });
      onCreated(recoveryKey, status.state === 'unlocked');
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered">
      <BrandMark />
      <form className="card" onSubmit={submit} aria-labelledby="create-title" noValidate>
        <h1 id="create-title">Create your vault</h1>
        <p>
          Attune keeps every note in encrypted files on this computer. Choose a passphrase: it is the only way
          in, besides the recovery key you will see next.
        </p>
        <NewPassphraseFields state={chosen} errors={problems} focus />
        <VaultLocationChoice disabled={busy} onOpenedExisting={onOpenedExisting} />
        <FormSubmit error={error} busy={busy} label="Create vault" busyLabel="Creating vault…" />
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
