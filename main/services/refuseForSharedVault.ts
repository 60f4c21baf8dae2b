import { AttuneError } from '../../shared/errors';
import type { OpenVault } from '../vault/OpenVault';

/**
 * Refuses work that format 2 (a vault shared by several computers) cannot do yet (FORMAT-v2.md
 * §16: key rotation, moving the folder), before anything is changed, saying so in plain words.
 */
export function refuseForSharedVault(vault: OpenVault, what: string, instead: string): void {
  if (vault.format !== 2) return;
  throw new AttuneError(
    'invalid-input',
    `${what} a vault shared by several computers is not available in this version of Attune yet, so nothing was changed. ${instead}`,
  );
}
