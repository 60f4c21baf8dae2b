import type { RotatedVaultKey } from '../../shared/ipc/contract';
import { rotateVaultKey } from '../vault/rotateVaultKey';
import { confirmPassphrase } from './confirmPassphrase';
import type { VaultSession } from './VaultSession';

export type RotateVaultKey = typeof rotateVaultKey;

/** At most this often a 'vault:progress' event: 10,000 records must not mean 10,000 messages. */
const PROGRESS_EVERY_MS = 100;

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
  await confirmPassphrase(session, passphrase, 'the vault key was not rotated');
  let last = Number.NEGATIVE_INFINITY;
  const onProgress = (done: number, total: number) => {
    const at = now();
    if (done < total && at - last < PROGRESS_EVERY_MS) return;
    last = at;
    session.emit('vault:progress', { task: 'rotate-key', done, total });
  };
  const { value, status } = await session.whileClosed(
    'The vault key is being rotated. Wait until it has finished; it can take a minute for a large vault.',
    { passphrase },
    (dir) => rotate(dir, passphrase, { onProgress }),
  );
  return { ...value, status };
}
