import type { OpenVault } from '../../vault/OpenVault';
import { folderFormat, syncedVaultHex } from '../../vault/folderFormat';
import type { VaultSecret } from '../../vault/unlock';
import { SyncedOpenVault } from '../../vault/v2/SyncedOpenVault';
import { SyncedVault, type SyncedVaultOptions } from '../../vault/v2/SyncedVault';
import { Vault } from '../../vault/Vault';
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
