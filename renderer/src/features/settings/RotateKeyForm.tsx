import { type FormEvent, useEffect, useState } from 'react';
import type { Events } from '../../../../shared/ipc/events';
import { FormSubmit } from '../../components/FormSubmit';
import { call, messageOf, onEvent } from '../../data/api';
import { showNewRecoveryKey } from '../../data/recoveryKeyHandoff';

type Progress = Events['vault:progress'];

/**
 * Rotate the vault key: every record re-encrypted under a new key, with progress, for when the
 * passphrase, the recovery key or a copy of the vault may have been exposed. A new recovery key
 * comes with it; the vault as it was is kept aside, and the user is told where.
 */
export function RotateKeyForm() {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(
    () =>
      onEvent('vault:progress', (next) => {
        if (next.task === 'rotate-key') setProgress(next);
      }),
    [],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) return setError('Enter your current passphrase.');
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const { recoveryKey, status, keptAside } = await call('vault:rotateKey', { passphrase });
      setPassphrase('');
      showNewRecoveryKey({
        recoveryKey,
        unlocked: status.state === 'unlocked',
        note: `Your vault as it was before the rotation is kept in ${keptAside}. It still opens with your old passphrase and old recovery key: once you have checked your notes here, remove it under Settings → Where the vault lives → Old copies of the vault.`,
      });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="security-form" onSubmit={submit} noValidate aria-labelledby="rotate-title">
      <h3 id="rotate-title">Rotate the vault key</h3>
      <p className="muted">
        Your notes are encrypted with one key, the vault key; your passphrase and recovery key only unlock it.
        Changing the passphrase does not change that key. So any copy of the vault made before (an old backup,
        a copy on a lost or stolen laptop) still opens with the old passphrase or the old recovery key, and
        whoever opens it has the key to your notes as they are today.
      </p>
      <p className="muted">
        Rotating re-encrypts every record under a new vault key and gives you a new recovery key. Old copies
        then cannot be opened with your new passphrase or new recovery key, and what they reveal no longer
        unlocks your vault or the backups made from now on. Do this when your passphrase, your recovery key or
        a copy of the vault may have been exposed. It can take a minute for a large vault; Attune cannot be
        used meanwhile.
      </p>
      <p className="muted">
        If you use this vault on several computers, lock Attune on the others and let your sync app finish
        first: Attune does not rotate the key until this computer has every change. Afterwards each of the
        other computers asks for the passphrase once more and joins the re-keyed vault; their old files are
        kept aside, not deleted.
      </p>
      <label htmlFor="rotate-passphrase">Current passphrase</label>
      <input
        id="rotate-passphrase"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      {busy && (
        <div className="rotate-progress">
          <label htmlFor="rotate-progress">
            {progress
              ? `Re-encrypted ${progress.done} of ${progress.total} records`
              : 'Checking your passphrase…'}
          </label>
          <progress
            id="rotate-progress"
            value={progress?.done ?? 0}
            max={Math.max(progress?.total ?? 1, 1)}
          />
        </div>
      )}
      <FormSubmit
        error={error}
        busy={busy}
        label="Rotate the vault key"
        busyLabel="Rotating the vault key…"
      />
    </form>
  );
}
