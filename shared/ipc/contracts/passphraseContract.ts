import { z } from 'zod';
import { returns } from './returns';
import { newPassphraseInput, passphraseInput, type VaultStatus } from './vaultContract';

/** A typed recovery key: main forgives case, spaces, dashes and look-alikes (O/0, I/L/1). */
const recoveryKeyInput = z
  .string({ error: 'Enter your recovery key.' })
  .trim()
  .min(1, 'Enter your recovery key.')
  .max(200, 'That is too long to be a recovery key: it is 14 groups of 4 letters and digits.');

/** A new one-time recovery key, to show once; with the vault's status afterwards. */
export interface NewRecoveryKey {
  recoveryKey: string;
  /** `locked` when a lock (sleep, idle) came in meanwhile: show the key, then the unlock screen. */
  status: VaultStatus;
}

export interface RotatedVaultKey extends NewRecoveryKey {
  /** The vault as it was before rotation, kept aside (it still opens with the old secrets). */
  keptAside: string;
}

/**
 * The passphrase and the recovery key: recovery when the passphrase is forgotten, a new
 * recovery key, and rotation of the vault key (every record re-encrypted; progress arrives as
 * 'vault:progress' events with task 'rotate-key'). Each asks for a secret it checks first.
 */
export const passphraseContract = {
  /** Forgotten passphrase: the recovery key opens the vault, sets a new passphrase and renews the key. */
  'vault:recover': {
    input: z.strictObject({ recoveryKey: recoveryKeyInput, newPassphrase: newPassphraseInput }),
    output: returns<NewRecoveryKey>(),
  },
  /** A new recovery key for the open vault; the old one stops working. */
  'vault:renewRecoveryKey': {
    input: z.strictObject({ passphrase: passphraseInput }),
    output: returns<NewRecoveryKey>(),
  },
  /** Re-encrypts every record under a new vault key; also gives a new recovery key. */
  'vault:rotateKey': {
    input: z.strictObject({ passphrase: passphraseInput }),
    output: returns<RotatedVaultKey>(),
  },
} as const;
