import { z } from 'zod';
import type { BackupStatus } from '../../domain/backupHealth';
import { passphraseInput } from './vaultContract';
import { returns } from './returns';

export type { BackupStatus } from '../../domain/backupHealth';

/** One generation found in a backup folder, as the restore screen lists it. */
export interface BackupGeneration {
  name: string;
  createdAt: string;
  clients: number;
  sessions: number;
  notes: number;
  readable: boolean;
  problem: string | null;
}

/** The backups of one vault found in a folder (a folder may hold backups of several vaults). */
export interface BackupSetListing {
  vaultId: string;
  /** Whether this is the backup of the vault on this computer. */
  thisVault: boolean;
  generations: BackupGeneration[];
}

export interface RestoreResult {
  /** Where the vault that was replaced is kept, until the user removes it; null if there was none. */
  keptAside: string | null;
  restoredFrom: string;
}

const warnDays = 'Enter a number of days from 1 to 365.';
const generationName = z
  .string({ error: 'Choose a backup to restore.' })
  .regex(/^[0-9A-Za-z:._-]{1,100}$/, 'Choose a backup from the list.');
const vaultIdInput = z
  .string({ error: 'Choose a backup to restore.' })
  .regex(/^[0-9a-f]{32}$/, 'Choose a backup from the list.');

/**
 * Backups and restore. Folders are always chosen in main's native dialog: the renderer never names
 * a path. Status works while the vault is locked (the lock screen shows it).
 */
export const backupContract = {
  'backup:status': { input: z.undefined(), output: returns<BackupStatus>() },
  /** Shows the folder dialog and, unless cancelled, makes the chosen folder the backup folder. */
  'backup:chooseFolder': { input: z.undefined(), output: returns<BackupStatus | null>() },
  'backup:setWarnAfterDays': {
    input: z.strictObject({ days: z.int({ error: warnDays }).min(1, warnDays).max(365, warnDays) }),
    output: returns<BackupStatus>(),
  },
  /** Writes and verifies a backup now (the vault must be unlocked). */
  'backup:run': { input: z.undefined(), output: returns<BackupStatus>() },
  /**
   * Lists the backups in the backup folder, or in a folder chosen now (`choose`), with counts read
   * with `passphrase`. Null when the user cancels the dialog.
   */
  'backup:listGenerations': {
    input: z.strictObject({ passphrase: passphraseInput, choose: z.boolean().default(false) }),
    output: returns<{ folder: string; sets: BackupSetListing[] } | null>(),
  },
  /**
   * Restores a generation from the folder last listed into a new vault folder; the current vault
   * is kept aside under a dated name. Leaves the restored vault unlocked.
   */
  'backup:restore': {
    input: z.strictObject({ vaultId: vaultIdInput, generation: generationName, passphrase: passphraseInput }),
    output: returns<RestoreResult>(),
  },
} as const;
