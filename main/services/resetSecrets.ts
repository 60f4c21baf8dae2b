import { AttuneError } from '../../shared/errors';
import type { OpenVault } from '../vault/OpenVault';

/**
 * After opening with the recovery key: sets the new passphrase, then renews the recovery key
 * (the one just used may have been seen by someone else, or written down where it was found).
 * Resolves to the new key, to be shown once.
 */
export async function resetSecrets(vault: OpenVault, newPassphrase: string): Promise<string> {
  await vault.changePassphrase(newPassphrase);
  try {
    return await vault.renewRecoveryKey();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AttuneError(
      error instanceof AttuneError ? error.kind : 'io',
      `Your new passphrase is set, but Attune could not make a new recovery key (${detail}). Your old recovery key still works. Unlock with your new passphrase, then make a new recovery key in Settings.`,
    );
  }
}
