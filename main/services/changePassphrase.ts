import { AttuneError } from '../../shared/errors';
import { readHeader } from '../vault/header';
import { zeroKeys } from '../vault/keys';
import { unlockKeys } from '../vault/unlock';
import { nodeVaultFs } from '../vault/vaultFs';
import type { VaultSession } from './VaultSession';

/**
 * Changes the passphrase of the unlocked vault, but only for someone who knows the current one:
 * an unlocked window left unattended must not be enough to take over the vault.
 *
 * The check unwraps the vault key from the header on disk with `current` (one KDF run) and
 * discards it at once. It uses the vault's own unlock code because the Vault class offers no
 * "check passphrase" method yet; if it gains one, call that instead.
 */
export async function changePassphrase(session: VaultSession, current: string, next: string): Promise<void> {
  const vault = session.vault;
  const header = await readHeader(nodeVaultFs, vault.dir);
  try {
    zeroKeys((await unlockKeys(header, { passphrase: current })).keys);
  } catch (error) {
    if (error instanceof AttuneError && error.kind === 'wrong-passphrase') {
      throw new AttuneError(
        'wrong-passphrase',
        'That is not the current passphrase, so the passphrase was not changed. Check it and try again.',
      );
    }
    throw error;
  }
  if (current === next) {
    throw new AttuneError(
      'invalid-input',
      'The new passphrase is the same as the current one; choose a different one.',
    );
  }
  // The vault may have locked during the KDF run; `session.vault` then fails with `locked`.
  if (session.vault !== vault) throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
  await vault.changePassphrase(next);
}
