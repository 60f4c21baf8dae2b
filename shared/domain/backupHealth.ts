import type { BackupOutcome, DeviceConfig } from './deviceConfigSchema';

/** Why backups need the user's attention; null when they are in order. */
export type BackupWarningKind = 'no-folder' | 'folder-missing' | 'never' | 'stale' | 'failed';

/** What the Settings page, the lock screen and the workspace show about backups. */
export interface BackupStatus {
  folder: string | null;
  /** False when the folder is set but cannot be reached (drive unplugged, share offline). */
  folderAvailable: boolean;
  warnAfterDays: number;
  lastVerified: BackupOutcome | null;
  lastAttempt: BackupOutcome | null;
  /** True while a backup is being written. */
  running: boolean;
  /**
   * `message` says where to act (for the lock screen and the workspace's banner); `here` is the
   * same without "in Settings → Backups", for Settings → Backups itself.
   */
  warning: { kind: BackupWarningKind; message: string; here: string } | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Judges the backup state for the user: the first thing that needs attention, in plain words,
 * or null. A failed last attempt is reported even when an older verified backup exists, so a
 * failure is never silent.
 */
export function backupHealth(
  config: DeviceConfig,
  now: Date,
  folderAvailable: boolean,
  running = false,
): BackupStatus {
  const { folder, warnAfterDays, lastAttempt, lastVerified } = config.backup;
  const status = { folder, folderAvailable, warnAfterDays, lastAttempt, lastVerified, running };
  /** `action`, when given, is what to do in Settings → Backups: the message points there. */
  const warn = (kind: BackupWarningKind, problem: string, action?: string): BackupStatus => ({
    ...status,
    warning: {
      kind,
      message: action ? `${problem} ${action} in Settings → Backups.` : problem,
      here: action ? `${problem} ${action}.` : problem,
    },
  });
  if (folder === null) {
    return warn(
      'no-folder',
      'No backup folder is set, so your notes exist only on this computer.',
      'Choose a backup folder',
    );
  }
  if (!folderAvailable) {
    return warn(
      'folder-missing',
      `The backup folder cannot be reached (${folder}).`,
      'Connect the drive or choose another folder',
    );
  }
  if (lastAttempt && !lastAttempt.ok) {
    return warn('failed', `The last backup failed: ${lastAttempt.message ?? 'unknown error'}`);
  }
  if (!lastVerified) return warn('never', 'No verified backup yet.', 'Back up now');
  const age = now.getTime() - Date.parse(lastVerified.at);
  if (age > warnAfterDays * DAY_MS) {
    const days = Math.floor(age / DAY_MS);
    return warn(
      'stale',
      `The last verified backup is ${days} days old (you asked to be warned after ${warnAfterDays}). Connect the backup drive and back up now.`,
    );
  }
  return { ...status, warning: null };
}
