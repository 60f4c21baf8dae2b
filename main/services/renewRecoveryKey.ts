import type { NewRecoveryKey } from '../../shared/ipc/contract';
import { assertStillOpen, confirmPassphrase } from './confirmPassphrase';
import type { VaultSession } from './VaultSession';

/**
 * "Show a new recovery key": for someone who knows the current passphrase, a new recovery key
 * replaces the old one, which stops opening the vault. The key is returned to be shown once.
 */
export async function renewRecoveryKey(session: VaultSession, passphrase: string): Promise<NewRecoveryKey> {
  const vault = await confirmPassphrase(session, passphrase, 'no new recovery key was made');
  assertStillOpen(session, vault);
  // A lock from now on waits in the vault's queue behind the renewal, so the key is never lost.
  const recoveryKey = await vault.renewRecoveryKey();
  return { recoveryKey, status: await session.status() };
}
