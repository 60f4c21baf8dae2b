import { z } from 'zod';
import { passphraseInput } from './vaultContract';
import type { VaultStatus } from './vaultContract';
import { returns } from './returns';

/**
 * A vault folder left behind: put aside by a key rotation or restore, the old copy of a move, or
 * the format-1 vault kept when it was upgraded to format 2.
 */
export interface OldVaultCopy {
  path: string;
  reason: 'replaced' | 'moved' | 'format 1 copy';
  /** When it was left behind (ISO), when known. */
  at: string | null;
}

/** Where the vault lives on this computer, and the old copies the user may remove. */
export interface VaultPlace {
  location: string;
  /** True when the vault is in the default place (`<app data>/vault`). */
  isDefault: boolean;
  defaultLocation: string;
  oldCopies: OldVaultCopy[];
  /**
   * This computer's settings file (and its copy) could not be read, so Attune may have lost
   * track of a vault kept in another folder: the first-run screen says so before offering to
   * create a new vault.
   */
  settingsDamaged: boolean;
}

const pathInput = z
  .string({ error: 'A folder must be given as a path.' })
  .min(1, 'Choose a folder.')
  .max(4096, 'That folder path is too long.');

/**
 * Where the vault lives (issue 10, item 7). Folders are chosen in main's own dialog; the
 * renderer only passes back a path main offered (main checks it), never one it made up.
 */
export const vaultPlaceContract = {
  'vaultPlace:get': { input: z.undefined(), output: returns<VaultPlace>() },
  /** First run only (no vault yet): the folder dialog, then the check; null when cancelled. */
  'vaultPlace:chooseAtFirstRun': { input: z.undefined(), output: returns<VaultPlace | null>() },
  /**
   * First run only: the folder dialog for a vault that exists elsewhere (a moved vault after this
   * computer's settings were lost, a vault on another drive); null when cancelled.
   */
  'vaultPlace:openExisting': { input: z.undefined(), output: returns<VaultPlace | null>() },
  /** First run only: back to the default place. */
  'vaultPlace:useDefault': { input: z.undefined(), output: returns<VaultPlace>() },
  /** Shows the vault folder in the system's file manager (main knows the folder). */
  'vaultPlace:showInFileManager': { input: z.undefined(), output: returns<null>() },
  /** The folder dialog for a move, then the check; null when cancelled. */
  'vaultPlace:chooseMoveTarget': { input: z.undefined(), output: returns<{ path: string } | null>() },
  /**
   * Moves the vault to the folder chosen with chooseMoveTarget: the vault is closed, copied,
   * the copy verified, the new place recorded, then opened again there with the passphrase.
   */
  'vaultPlace:move': {
    input: z.strictObject({ path: pathInput, passphrase: passphraseInput }),
    output: returns<{ place: VaultPlace; status: VaultStatus }>(),
  },
  /** Deletes one of the old copies `vaultPlace:get` lists, and nothing else. */
  'vaultPlace:removeOldCopy': {
    input: z.strictObject({ path: pathInput }),
    output: returns<VaultPlace>(),
  },
} as const;
