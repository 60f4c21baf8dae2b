import { z } from 'zod';
import { appearanceSchema } from './themePreference';

/** Days after which a missing verified backup is warned about, unless the user changes it. */
export const DEFAULT_BACKUP_WARN_DAYS = 7;

const warnMessage = 'Enter a number of days from 1 to 365.';
const absolutePath = z
  .string({ error: 'A folder must be given as a path.' })
  .min(1, 'Choose a folder.')
  .max(4096, 'That folder path is too long.');
const isoTime = z.iso.datetime({ offset: true, error: 'A time must be an ISO 8601 date-time.' });

/** The outcome of the latest backup attempt, kept so the lock screen can show it. */
export const backupOutcomeSchema = z.strictObject({
  at: isoTime,
  ok: z.boolean(),
  /** The generation written (its folder name), when one was. */
  generation: z.string().max(200).nullable().default(null),
  /** Whether the copy passed the verify check after writing. */
  verified: z.boolean().default(false),
  /** What went wrong, in the app's words, when `ok` is false. */
  message: z.string().max(2000).nullable().default(null),
});
export type BackupOutcome = z.output<typeof backupOutcomeSchema>;

/**
 * This computer's own settings, kept beside the vault in plain JSON because they are needed
 * while the vault is locked (the lock screen shows backup status; restore and the vault's
 * location are chosen before unlock). They hold folder paths and times, never clinical content.
 */
export const deviceConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  /** Where the vault lives when the user chose a folder; null means the default place. */
  vaultDir: absolutePath.nullable().default(null),
  /**
   * This computer in a vault shared by several computers (format 2): a random id drawn once, and
   * the name the other computers see; null until first needed, a null name meaning the default
   * (from the computer's network name). Files written before these existed read as null.
   */
  device: z
    .strictObject({
      id: z
        .string()
        .regex(/^[0-9a-f]{32}$/, 'A device id is 32 lowercase hex digits.')
        .nullable()
        .default(null),
      name: z.string().trim().min(1).max(60).nullable().default(null),
    })
    .default({ id: null, name: null }),
  /**
   * Light, dark or the system's theme: a setting of this computer, not of the vault, because the
   * lock screen is drawn in it before any vault is open. Files written before it existed read as
   * 'system'.
   */
  appearance: appearanceSchema.default({ theme: 'system' }),
  /** The folder the last export was saved to: the next Save as… opens there (null: the exports folder). */
  exportFolder: absolutePath.nullable().default(null),
  /**
   * When, and for which vault folder, a recovery key was shown on this computer (a new vault, a
   * recovery, a new key) and not yet confirmed as stored; null once confirmed. A key shown and never confirmed (the window
   * closed, a crash) is asked about at every unlock until a new one is made and confirmed.
   */
  recoveryKeyShown: z.strictObject({ at: isoTime, vault: absolutePath }).nullable().default(null),
  /** Old copies left behind by "Move vault…", kept until the user removes them. */
  oldVaultCopies: z.array(absolutePath).max(100).default([]),
  backup: z
    .strictObject({
      /** The folder backups go to; null until the user chooses one. */
      folder: absolutePath.nullable().default(null),
      /** Warn when the last verified backup is older than this. */
      warnAfterDays: z
        .int({ error: warnMessage })
        .min(1, warnMessage)
        .max(365, warnMessage)
        .default(DEFAULT_BACKUP_WARN_DAYS),
      /** The latest attempt, successful or not. */
      lastAttempt: backupOutcomeSchema.nullable().default(null),
      /** The latest backup that was written and verified. */
      lastVerified: backupOutcomeSchema.nullable().default(null),
    })
    .default({
      folder: null,
      warnAfterDays: DEFAULT_BACKUP_WARN_DAYS,
      lastAttempt: null,
      lastVerified: null,
    }),
});
export type DeviceConfig = z.output<typeof deviceConfigSchema>;

export function defaultDeviceConfig(): DeviceConfig {
  return deviceConfigSchema.parse({});
}
