import { AttuneError } from '../../shared/errors';
import { assertStillOpen, confirmPassphrase } from './confirmPassphrase';
import type { VaultSession } from './VaultSession';

/**
 * Changes the passphrase of the unlocked vault, but only for someone who knows the current one:
 * an unlocked window left unattended must not be enough to take over the vault.
 */
export async function changePassphrase(session: VaultSession, current: string, next: string): Promise<void> {
  const vault = await confirmPassphrase(session, current, 'the passphrase was not changed');
  if (current === next) {
    throw new AttuneError(
      'invalid-input',
      'The new passphrase is the same as the current one; choose a different one.',
    );
  }
  // The vault may have locked during the KDF run; `session.vault` then fails with `locked`.
  assertStillOpen(session, vault);
  await vault.changePassphrase(next);
}
