import type { RotatedVaultKey } from '../../shared/ipc/contract';
import { rotateVaultKey } from '../vault/rotateVaultKey';
import { confirmPassphrase } from './confirmPassphrase';
import { progressEvents } from './progressEvents';
import { refuseForSharedVault } from './refuseForSharedVault';
import type { VaultSession } from './VaultSession';

export type RotateVaultKey = typeof rotateVaultKey;

/**
 * "Rotate the vault key": for someone who knows the current passphrase, every record is
 * re-encrypted under a new vault key, so copies of the vault made before (old backups, a copy
 * on a lost laptop) cannot be opened with the new passphrase or the new recovery key. The vault
 * is closed in this process while it runs (rotation takes the folder to itself), then opened
 * again with the same passphrase. Progress reaches the window as 'vault:progress' events.
 */
export async function rotateKey(
  session: VaultSession,
  passphrase: string,
  rotate: RotateVaultKey = rotateVaultKey,
  now: () => number = Date.now,
): Promise<RotatedVaultKey> {
  refuseForSharedVault(
    session.vault,
    'Rotating the key of',
    'To stop an old passphrase from opening the vault, change the passphrase instead.',
  );
  await confirmPassphrase(session, passphrase, 'the vault key was not rotated');
  const onProgress = progressEvents(session.emit, 'rotate-key', now);
  const { value, status } = await session.whileClosed(
    'The vault key is being rotated. Wait until it has finished; it can take a minute for a large vault.',
    { passphrase },
    (dir) => rotate(dir, passphrase, { onProgress }),
  );
  return { ...value, status };
}
