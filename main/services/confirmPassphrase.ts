import { AttuneError } from '../../shared/errors';
import { readHeader } from '../vault/header';
import { zeroKeys } from '../vault/keys';
import { unlockKeys } from '../vault/unlock';
import { checkSyncedSecret } from '../vault/v2/checkSyncedSecret';
import type { OpenVault } from '../vault/OpenVault';
import { nodeVaultFs } from '../vault/vaultFs';
import type { VaultSession } from './VaultSession';

/**
 * Checks that `passphrase` is the current passphrase of the unlocked vault, before a change
 * that an unlocked window left unattended must not be enough for (a new passphrase, a new
 * recovery key, a key rotation). Resolves to the vault that was open when the check began.
 *
 * The check unwraps the vault key from the key slots on disk (the header in format 1, the newest
 * keys.json in format 2; one KDF run) and discards it at once. `notDone` finishes the refusal:
 * "That is not the current passphrase, so …".
 */
export async function confirmPassphrase(
  session: VaultSession,
  passphrase: string,
  notDone: string,
): Promise<OpenVault> {
  const vault = session.vault;
  try {
    if (vault.format === 2) {
      await checkSyncedSecret(vault.dir, { passphrase });
    } else {
      const header = await readHeader(nodeVaultFs, vault.dir);
      zeroKeys((await unlockKeys(header, { passphrase })).keys);
    }
  } catch (error) {
    if (error instanceof AttuneError && error.kind === 'wrong-passphrase') {
      throw new AttuneError(
        'wrong-passphrase',
        `That is not the current passphrase, so ${notDone}. Check it and try again.`,
      );
    }
    throw error;
  }
  return vault;
}

/** After a slow check: the same vault must still be open (a lock may have come in meanwhile). */
export function assertStillOpen(session: VaultSession, vault: OpenVault): void {
  if (session.vault !== vault) throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
}
