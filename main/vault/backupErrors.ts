import { hostname } from 'node:os';
import { AttuneError } from '../../shared/errors';
import { LOCK_FILE, type LockHolder, type LockWords } from './processLock';
import { errorCode } from './vaultFs';

const unchanged = 'Your vault is unchanged.';

/** A backup folder that is not there: most often an external drive that is not connected. */
export const backupFolderMissing = (folder: string): AttuneError =>
  new AttuneError(
    'not-found',
    `The backup folder cannot be found (${folder}). If it is on an external drive or a network share, connect it and try again, or choose another backup folder.`,
  );

/**
 * Turns a file-system failure while writing a backup into the words the user sees. The vault is
 * only read during a backup, so every message can promise it is unchanged.
 */
export function backupFailure(error: unknown, folder: string): AttuneError {
  if (error instanceof AttuneError) return error;
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ENODEV':
    case 'ENXIO':
      return new AttuneError(
        'io',
        `The backup folder (${folder}) went away while the backup was being written; was the drive unplugged? Connect it and back up again. ${unchanged}`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new AttuneError(
        'io',
        `The backup drive is full, so no backup was written to ${folder}. Free some space there or choose another backup folder. ${unchanged}`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AttuneError(
        'read-only',
        `Attune cannot write to the backup folder (${folder}): it is read-only or Attune lacks permission. Check the folder’s permissions or choose another backup folder. ${unchanged}`,
      );
    default:
      return new AttuneError(
        'io',
        `Attune could not write the backup to ${folder} (${code ?? 'unknown error'}). ${unchanged} Try again, or choose another backup folder.`,
      );
  }
}

/** How the backup set's lock speaks: another backup (or restore) of this vault is using the folder. */
export function backupLockWords(setDir: string, folder: string): LockWords {
  return {
    inUse: (holder: LockHolder | null) =>
      new AttuneError(
        'in-use',
        holder && holder.hostname !== hostname()
          ? `Another computer (${holder.hostname}) is writing or restoring a backup of this vault in ${folder} right now. Wait for it to finish and try again; if nothing is running there, delete the file ${LOCK_FILE} in ${setDir}.`
          : 'Another backup or restore of this vault is using the backup folder right now. Wait for it to finish and try again.',
      ),
    failure: (error: unknown) => backupFailure(error, folder),
  };
}

/** A failure while restoring a backup into `target`; nothing outside `target` was changed. */
export function restoreFailure(error: unknown, target: string): AttuneError {
  if (error instanceof AttuneError) return error;
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AttuneError(
        'io',
        `The disk is full, so the backup could not be restored into ${target}. Free some space or choose another folder; nothing else was changed.`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AttuneError(
        'read-only',
        `Attune cannot write to ${target}: it is read-only or Attune lacks permission. Choose another folder; nothing else was changed.`,
      );
    default:
      return new AttuneError(
        'io',
        `The backup could not be restored (${code ?? 'unknown error'}); if the backup is on an external drive, check that it is still connected. Nothing else was changed; try again.`,
      );
  }
}
