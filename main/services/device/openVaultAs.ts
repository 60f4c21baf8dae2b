import { AttuneError } from '../../../shared/errors';
import { folderFormat, syncedVaultHex } from '../../vault/folderFormat';
import type { OpenVault } from '../../vault/OpenVault';
import type { VaultSecret } from '../../vault/unlock';
import { Vault } from '../../vault/Vault';
import { SyncedOpenVault } from '../../vault/v2/SyncedOpenVault';
import { SyncedVault, type SyncedVaultOptions } from '../../vault/v2/SyncedVault';
import type { ThisDevice } from './ThisDevice';

/**
 * Opens the vault in `dir` in whichever format it is; a format-2 vault as `device` (this
 * computer's id and name, and its own record of what it has seen, kept outside the vault).
 */
export async function openVaultAs(
  dir: string,
  secret: VaultSecret,
  device: ThisDevice,
  /** The passphrase KDF for a format-2 vault (default Argon2id); see SyncedVaultOptions.derive. */
  derive?: SyncedVaultOptions['derive'],
): Promise<OpenVault> {
  if ((await folderFormat(dir)) === 1) return Vault.open(dir, secret);
  const identity = await device.identity();
  // Known before opening: the open checks this computer's own record of what it has seen.
  const vaultHex = await syncedVaultHex(dir);
  const synced = await SyncedVault.open(dir, secret, {
    device: identity,
    localSeen: device.localSeen(() => vaultHex),
    ...(derive ? { derive } : {}),
  });
  // Its own log was found rolled back, so this computer carries on under a new id (FORMAT.md §9).
  if (synced.deviceHex !== identity.hex) {
    await device.remember(synced.deviceHex).catch((error: unknown) => {
      console.error('[attune] this computer’s new device id could not be saved:', error);
    });
  }
  return new SyncedOpenVault(synced);
}

const asideWhy = {
  moved: 'when the vault was moved',
  replaced: 'when the vault was replaced (by a restore or a new vault key)',
  'format 1 copy': 'before the vault was upgraded',
  listed: '(this computer’s settings list it among the old copies)',
} as const;

/**
 * Refuses to open, for writing as this computer, a format-2 folder that is an old copy Attune
 * kept aside (ThisDevice.keptAsideCopy: by its name, or listed in the settings). A format-1 copy
 * is let through: format 1 keeps no per-computer claims, so opening it leaves the vault alone.
 *
 * Why refuse, rather than weaken the rollback check: what this computer has seen is kept per
 * vault id (sync-seen/<vault id>.json, FORMAT.md §9), not per folder, and a copy has the vault's
 * id. So opening a copy appends this computer's frames there (an unlock's audit entry at least),
 * and the vault in use, which lacks them, reports them missing at every open, for good. That is
 * the report a real rollback gives (an older copy put back at the vault's own path), and it
 * cannot be told apart from one without missing some real ones; so the copies Attune knows it
 * left are not opened at all. A copy made by hand still can be: the rollback message names it as
 * the likely cause, with the way out (checkClaims).
 *
 * Called where any folder may be opened (the CLI, openCliVault). The app opens only the folder
 * its settings name as the vault, which keptAsideCopy never counts as a copy.
 */
export async function refuseKeptAsideCopy(dir: string, device: ThisDevice): Promise<void> {
  const aside = await device.keptAsideCopy(dir);
  if (!aside) return;
  const itself = aside.original ? ` (${aside.original})` : '';
  throw new AttuneError(
    'invalid-input',
    `${dir} is an old copy of the vault that Attune kept aside ${asideWhy[aside.reason]}, so it was not opened: what opening it saves (an unlock is recorded, for one) would be missing from the vault you use, which would then warn of missing changes at every unlock. Open the vault folder itself${itself}. If you mean to use this copy as your vault from now on, rename the folder first.`,
  );
}

/** Creates a format-2 vault in `dir` (absent or empty) as `device`; the recovery key is shown once. */
export async function createSyncedVaultAs(
  dir: string,
  passphrase: string,
  device: ThisDevice,
): Promise<{ vault: OpenVault; recoveryKey: string }> {
  const identity = await device.identity();
  let vaultHex: string | null = null;
  const created = await SyncedVault.create(dir, passphrase, {
    device: identity,
    localSeen: device.localSeen(() => vaultHex),
  });
  vaultHex = created.vault.vaultHex;
  return { vault: new SyncedOpenVault(created.vault), recoveryKey: created.recoveryKey };
}
