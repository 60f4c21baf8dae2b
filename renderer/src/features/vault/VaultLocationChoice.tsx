import '../settings/vaultLocation.css';
import { useEffect, useState } from 'react';
import type { VaultPlace } from '../../../../shared/ipc/contracts/vaultPlaceContract';
import { call, messageOf } from '../../data/api';

/**
 * First run: where the new vault will be kept. The default folder is in Attune's own data
 * folder; the user may choose another (main shows the folder dialog and checks the choice:
 * an empty or new folder they can write to), or go back to the default. A vault that already
 * exists elsewhere (moved, on another drive, or lost track of when this computer's settings were
 * damaged) is opened from here instead of being created anew.
 */
export function VaultLocationChoice({
  disabled = false,
  onOpenedExisting,
}: {
  disabled?: boolean;
  /** Called once Attune points at an existing vault the user chose: the unlock screen follows. */
  onOpenedExisting?: () => void;
}) {
  const [place, setPlace] = useState<VaultPlace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('vaultPlace:get')
      .then(setPlace)
      .catch((failure) => setError(messageOf(failure)));
  }, []);

  async function run(action: () => Promise<VaultPlace | null>, then?: () => void) {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      if (next) {
        setPlace(next);
        then?.();
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="vault-location-choice" aria-describedby="vault-location-now">
      <legend>Where to keep the vault</legend>
      {place?.settingsDamaged && (
        <p role="alert" className="location-settings-lost">
          Attune’s settings on this computer could not be read, so it may have lost track of where your vault
          is. If you already have a vault in another folder, open it with “Open an existing vault…” below
          instead of creating a new one.
        </p>
      )}
      <p id="vault-location-now">
        {place ? (
          <>
            The vault will be created in <code>{place.location}</code>
            {place.isDefault ? ' (Attune’s own folder on this computer).' : '.'}
          </>
        ) : (
          'Finding Attune’s folder…'
        )}
      </p>
      <button
        type="button"
        className="secondary"
        disabled={busy || disabled}
        onClick={() => run(() => call('vaultPlace:chooseAtFirstRun'))}
      >
        Choose another folder…
      </button>
      {onOpenedExisting && (
        <button
          type="button"
          className="secondary"
          disabled={busy || disabled}
          onClick={() => run(() => call('vaultPlace:openExisting'), onOpenedExisting)}
        >
          Open an existing vault…
        </button>
      )}
      {place && !place.isDefault && (
        <button
          type="button"
          className="secondary"
          disabled={busy || disabled}
          onClick={() => run(() => call('vaultPlace:useDefault'))}
        >
          Use the default folder
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
