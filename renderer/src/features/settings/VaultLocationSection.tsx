import './vaultLocation.css';
import { FolderCog } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { OldVaultCopy, VaultPlace } from '../../../../shared/ipc/contracts/vaultPlaceContract';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { Icon } from '../../components/Icon';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { call, messageOf } from '../../data/api';
import { formatDateTime } from '../../format/dates';

/** What an old copy is, in the user's words. */
function describeCopy(copy: OldVaultCopy): string {
  const when = copy.at ? ` on ${formatDateTime(copy.at)}` : '';
  if (copy.reason === 'format 1 copy') {
    return `The vault as it was before it was upgraded to the new format${when}. Older versions of Attune open it, with the passphrase and recovery key it had then; changes made since are not in it.`;
  }
  return copy.reason === 'moved'
    ? `Left behind when the vault was moved${when}. It still holds every record as it was then, encrypted, and opens with the passphrase and recovery key it had then.`
    : `Put aside when the vault was replaced${when} (a key rotation or a restore). It still opens with the passphrase and recovery key it had then.`;
}

/**
 * Settings → Where the vault lives: the vault's folder, "Show in file manager", "Move vault…"
 * (a folder chosen in main's dialog, the passphrase, then copy, check and switch) and the old
 * copies a move, a key rotation or a restore left behind, each with "Remove old copy".
 */
export function VaultLocationSection() {
  const [place, setPlace] = useState<VaultPlace | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The move form takes focus when a folder is chosen (its button was disabled meanwhile, so focus
  // had gone to the page), and gives it back to "Move vault…" when it closes.
  const moveButton = useRef<HTMLButtonElement>(null);
  const passphraseField = useRef<HTMLInputElement>(null);
  const moveForm = useFocusOnOpen<HTMLFormElement>({ open: target !== null, returnTo: moveButton });

  useEffect(() => {
    call('vaultPlace:get')
      .then(setPlace)
      .catch((failure) => setError(messageOf(failure)));
  }, []);

  /** Runs `action` with the buttons disabled; resolves false when it failed (the error is shown). */
  async function attempt(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(messageOf(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }

  /** Back in the passphrase field, selected, to type it again (the disabled button lost the focus). */
  const retypePassphrase = () =>
    requestAnimationFrame(() => {
      passphraseField.current?.focus();
      passphraseField.current?.select();
    });

  const chooseTarget = () =>
    attempt(async () => {
      const chosen = await call('vaultPlace:chooseMoveTarget');
      if (chosen) setTarget(chosen.path);
    });

  /** Cancel closes the form and forgets what was typed in it, and what was said about it. */
  function cancelMove() {
    setTarget(null);
    setPassphrase('');
    setError(null);
  }

  function move(event: FormEvent) {
    event.preventDefault();
    if (!target) return;
    if (!passphrase) {
      setError('Enter your passphrase to move the vault.');
      passphraseField.current?.focus();
      return;
    }
    void attempt(async () => {
      const { place: next } = await call('vaultPlace:move', { path: target, passphrase });
      setPlace(next);
      setTarget(null);
      setPassphrase('');
      setDone(
        `The vault now lives in ${next.location}. The old copy is kept until you remove it below; remove it once you have checked that everything is here.`,
      );
    }).then((moved) => {
      if (!moved) retypePassphrase();
    });
  }

  const remove = (copy: OldVaultCopy) =>
    attempt(async () => {
      setPlace(await call('vaultPlace:removeOldCopy', { path: copy.path }));
      setDone(`The old copy at ${copy.path} was removed.`);
    });

  return (
    <section className="card vault-location" aria-labelledby="vault-location-title">
      <h2 id="vault-location-title" className="section-title">
        <Icon icon={FolderCog} /> Where the vault lives
      </h2>
      <p className="muted">
        All your records are kept, encrypted, in this folder. In a folder a sync app shares with your other
        computers (Syncthing, Dropbox, iCloud Drive, OneDrive), Attune on each of them can open the same
        vault: see This computer and the others. Back it up with Attune’s backups rather than by copying it
        while Attune is open.
      </p>
      <p>
        Folder: <code data-testid="vault-location">{place?.location ?? '…'}</code>
        {place?.isDefault ? ' (Attune’s own folder)' : ''}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => attempt(async () => void (await call('vaultPlace:showInFileManager')))}
        >
          Show in file manager
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={chooseTarget} ref={moveButton}>
          Move vault…
        </button>
      </div>
      {target && (
        <form ref={moveForm} onSubmit={move} aria-label="Move the vault" noValidate>
          <p>
            Move the vault to <code>{target}</code>. Attune closes the vault, copies every file, checks the
            copy, and then uses the new folder. The old copy is kept until you remove it.
          </p>
          <label htmlFor="move-passphrase">Your passphrase</label>
          <input
            ref={passphraseField}
            id="move-passphrase"
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <div className="button-row">
            <button type="submit" disabled={busy}>
              {busy ? 'Moving the vault: copying every file, then checking the copy…' : 'Move the vault'}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={cancelMove}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <output aria-live="polite">{done}</output>
      {place && place.oldCopies.length > 0 && (
        <>
          <h3>Old copies of the vault</h3>
          <ul className="old-copies">
            {place.oldCopies.map((copy) => (
              <li key={copy.path}>
                <code>{copy.path}</code>
                <p className="muted">{describeCopy(copy)}</p>
                <ConfirmableButton
                  label="Remove old copy"
                  needsConfirmation
                  question={`Delete the old copy at ${copy.path} for good? Keep it if you are not sure everything is in the vault you use now.`}
                  confirmLabel="Delete old copy"
                  keepLabel="Keep it"
                  onConfirm={() => remove(copy)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
