import type { RotatedVaultKey } from '../../shared/ipc/contract';
import { rotateVaultKey } from '../vault/rotateVaultKey';
import { rotateSyncedVault } from '../vault/v2/rotateSyncedVault';
import { SyncedOpenVault } from '../vault/v2/SyncedOpenVault';
import { confirmPassphrase } from './confirmPassphrase';
import { progressEvents } from './progressEvents';
import type { VaultSession } from './VaultSession';

export type RotateVaultKey = typeof rotateVaultKey;

/**
 * "Rotate the vault key": for someone who knows the current passphrase, every record is
 * re-encrypted under a new vault key, so copies of the vault made before (old backups, a copy
 * on a lost laptop) cannot be opened with the new passphrase or the new recovery key. The vault
 * is closed in this process while it runs (rotation takes the folder to itself), then opened
 * again with the same passphrase. Progress reaches the window as 'vault:progress' events. A vault
 * shared between computers (format 2) is rotated by rotateSyncedVault, which refuses while
 * another computer has it open or has changes that have not arrived here.
 */
export async function rotateKey(
  session: VaultSession,
  passphrase: string,
  rotate: RotateVaultKey = rotateVaultKey,
  now: () => number = Date.now,
  rotateShared: typeof rotateSyncedVault = rotateSyncedVault,
): Promise<RotatedVaultKey> {
  const open = session.vault;
  await confirmPassphrase(session, passphrase, 'the vault key was not rotated');
  const onProgress = progressEvents(session.emit, 'rotate-key', now);
  if (open instanceof SyncedOpenVault) {
    // A vault shared between computers is rewritten as a new vault under a new key (FORMAT.md §13).
    const device = { hex: open.synced.deviceHex, name: open.synced.deviceNameOf(open.synced.deviceHex) };
    const { value, status } = await session.whileClosed(
      'The vault key is being rotated. Wait until it has finished; it can take a minute for a large vault.',
      { passphrase },
      (dir) => rotateShared(dir, passphrase, { device, onProgress }),
    );
    return { recoveryKey: value.recoveryKey, keptAside: value.keptAside, status };
  }
  const { value, status } = await session.whileClosed(
    'The vault key is being rotated. Wait until it has finished; it can take a minute for a large vault.',
    { passphrase },
    (dir) => rotate(dir, passphrase, { onProgress }),
  );
  return { ...value, status };
}
