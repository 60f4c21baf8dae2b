import { type FormEvent, useRef, useState } from 'react';
import { BrandMark } from '../../components/BrandMark';
import { FormSubmit } from '../../components/FormSubmit';
import { ProgressLine } from '../../components/ProgressLine';
import { call, messageOf } from '../../data/api';
import { useTaskProgress } from '../../data/useTaskProgress';
import { BackupStatusLine } from '../backup/BackupStatusLine';
import { useBackupStatus } from '../backup/useBackupStatus';

/**
 * The unlock screen; a wrong passphrase gives a clear message and keeps the form. A format-1
 * vault is upgraded to format 2 during the unlock: its progress is shown here, and the kept copy
 * of the old folder is handed to `onUnlocked`; an upgrade that failed (the vault opened as before)
 * is explained here before going on.
 */
export function UnlockVault({
  onUnlocked,
  notice,
  location,
  onRestore,
  onForgot,
}: {
  onUnlocked: (format1Copy: string | null) => void;
  notice?: string | null;
  location?: string;
  /** Opens the restore screen. */
  onRestore?: (hasBackupFolder: boolean) => void;
  /** Opens "Forgot your passphrase?": recovery with the recovery key. */
  onForgot?: () => void;
}) {
  const backup = useBackupStatus();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  // The vault opened, but its upgrade to format 2 failed: said here before going on to the workspace.
  const [upgradeFailed, setUpgradeFailed] = useState<string | null>(null);
  // Only an unlock that upgrades the vault reports progress: nothing shows for the others.
  const upgrade = useTaskProgress('upgrade', busy);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) {
      setError('Enter your passphrase.');
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const status = await call('vault:unlock', { passphrase });
      setPassphrase('');
      if (status.upgradeFailed) setUpgradeFailed(status.upgradeFailed);
      else onUnlocked(status.format1Copy ?? null);
    } catch (failure) {
      setError(messageOf(failure));
      // Back to the field to try again: the button that was clicked was disabled while unlocking,
      // which left the focus nowhere.
      field.current?.focus();
      field.current?.select();
    } finally {
      setBusy(false);
    }
  }

  if (upgradeFailed) {
    return (
      <main className="centered">
        <section className="card" aria-labelledby="upgrade-failed-title">
          <h1 id="upgrade-failed-title">Your vault was not updated</h1>
          <p role="alert" className="notice">
            {upgradeFailed}
          </p>
          <button type="button" onClick={() => onUnlocked(null)}>
            Continue to your notes
          </button>
        </section>
      </main>
    );
  }

  return (
    <main className="centered">
      <BrandMark />
      <form className="card" onSubmit={submit} aria-labelledby="unlock-title" noValidate>
        <h1 id="unlock-title">Unlock Attune</h1>
        {notice && <p className="notice">{notice}</p>}
        <label htmlFor="passphrase">Passphrase</label>
        <input
          id="passphrase"
          ref={field}
          type="password"
          autoComplete="current-password"
          // biome-ignore lint/a11y/noAutofocus: the passphrase is the only thing this screen asks for.
          autoFocus
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <FormSubmit error={error} busy={busy} label="Unlock" busyLabel="Unlocking…" />
        {busy && upgrade && (
          <div role="status">
            <p>
              Updating your vault to the new format so it can be used on several computers. A copy of the old
              vault is kept beside it.
            </p>
            <ProgressLine label="Updating" progress={upgrade} unit="records" />
          </div>
        )}
        {onForgot && (
          <button type="button" className="link" onClick={onForgot} disabled={busy}>
            Forgot your passphrase?
          </button>
        )}
        {location && <p className="muted small">Your vault: {location}</p>}
        <BackupStatusLine status={backup.status} />
        {onRestore && (
          <button type="button" className="link" onClick={() => onRestore(backup.status?.folder != null)}>
            Restore from a backup…
          </button>
        )}
      </form>
    </main>
  );
}
