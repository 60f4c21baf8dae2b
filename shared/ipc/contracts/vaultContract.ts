import { z } from 'zod';
import { newPassphraseSchema } from '../../domain/passphraseRule';
import { returns } from './returns';

/**
 * A passphrase to open something that exists: any length, since it was set before (perhaps
 * before the rule). Strength is judged in the UI, never here.
 */
export const passphraseInput = z
  .string({ error: 'Enter a passphrase.' })
  .min(1, 'Enter a passphrase.')
  .max(1024, 'A passphrase can be at most 1024 characters.');

/** A passphrase being set: the shared rule, which the CLI applies too. */
export const newPassphraseInput = newPassphraseSchema;

export type VaultState = 'absent' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Where the vault lives on disk, so the user can find it for backups. */
  location: string;
}

/**
 * The answer to an unlock. `format1Copy`: this unlock upgraded a format-1 vault to format 2, and
 * the verified copy of the old folder is kept there (the user is told once, and can remove it in
 * Settings → Where the vault lives).
 */
export interface UnlockStatus extends VaultStatus {
  format1Copy?: string;
  /** This unlock tried to upgrade a format-1 vault and could not; the vault opened as before. What to tell the user, in plain words. */
  upgradeFailed?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** Methods this build of main answers. */
  methods: string[];
}

export const vaultContract = {
  'app:info': { input: z.undefined(), output: returns<AppInfo>() },
  'vault:status': { input: z.undefined(), output: returns<VaultStatus>() },
  'vault:create': {
    input: z.strictObject({ passphrase: newPassphraseInput }),
    output: returns<{ recoveryKey: string; status: VaultStatus }>(),
  },
  'vault:unlock': {
    input: z.strictObject({ passphrase: passphraseInput }),
    output: returns<UnlockStatus>(),
  },
  /** The renderer locks on the user's command, its idle timer, or main's lock request (suspend, screen lock). */
  'vault:lock': {
    input: z.strictObject({ reason: z.enum(['user', 'idle', 'suspend', 'screen-lock']) }).optional(),
    output: returns<VaultStatus>(),
  },
  'vault:changePassphrase': {
    input: z.strictObject({ current: passphraseInput, next: newPassphraseInput }),
    output: returns<VaultStatus>(),
  },
} as const;
