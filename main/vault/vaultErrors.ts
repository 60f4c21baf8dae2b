import { dirname } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { errorCode } from './vaultFs';

/** A write refused for want of space (ENOSPC, EDQUOT): the words differ with what was being written. */
export class DiskFullError extends AttuneError {}

/** True for a write refused for want of space, raw or already turned into words. */
export function isDiskFull(error: unknown): boolean {
  const code = errorCode(error);
  return error instanceof DiskFullError || code === 'ENOSPC' || code === 'EDQUOT';
}

/** Opening writes the unlock's entry to the activity log: no change of the user's is lost when it fails. */
export function openWriteFailure(error: unknown): unknown {
  return isDiskFull(error)
    ? new AttuneError(
        'io',
        'The disk is full, so the vault could not be opened: opening writes a short entry to its activity log. Free some space on this disk and unlock again; nothing in the vault was changed.',
      )
    : error;
}

/** Why a write failed, as the user can act on it: the disk full, no permission, a read-only disk, the folder gone. */
export type WriteProblem = 'full' | 'denied' | 'read-only' | 'missing' | 'other';

/** The file-system error codes behind each WriteProblem: one place, shared by the messages below. */
export function writeProblemOf(error: unknown): WriteProblem {
  switch (errorCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'full';
    case 'EACCES':
    case 'EPERM':
      return 'denied';
    case 'EROFS':
      return 'read-only';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'missing';
    default:
      return 'other';
  }
}

/**
 * Turns a file-system failure during a save into the error the user sees. Every save path is
 * built so that a failure leaves the previous version in place, which the messages promise.
 */
export function writeFailure(error: unknown): AttuneError {
  if (error instanceof AttuneError) return error;
  switch (writeProblemOf(error)) {
    case 'full':
      return new DiskFullError(
        'io',
        'The disk is full, so this change was not saved. Free some space and try again; what was saved before is unchanged.',
      );
    case 'denied':
    case 'read-only':
      return new AttuneError(
        'read-only',
        'Attune cannot write to the vault folder because it is read-only. Check the folder’s permissions, or copy the vault to a writable folder.',
      );
    default:
      return new AttuneError(
        'io',
        `Attune could not write to the vault folder (${errorCode(error) ?? 'unknown error'}), so this change was not saved. What was saved before is unchanged; try again.`,
      );
  }
}

/**
 * A file the user asked for (an export, a review packet or comments file) that could not be
 * written to `path`, outside the vault. Written atomically (a temp file renamed over it, removed
 * on failure), so nothing of it is left, which the messages say.
 */
export function fileWriteFailure(error: unknown, path: string): AttuneError {
  if (error instanceof AttuneError) return error;
  switch (writeProblemOf(error)) {
    case 'full':
      return new DiskFullError(
        'io',
        `The disk is full: ${path} could not be written. Free some space and try again; nothing was written.`,
      );
    case 'denied':
      return new AttuneError(
        'read-only',
        `Attune is not allowed to write ${path}: check the folder’s permissions, or choose another folder. Nothing was written.`,
      );
    case 'read-only':
      return new AttuneError(
        'read-only',
        `${path} is on a disk that is read-only, so it could not be written: choose a folder on another disk. Nothing was written.`,
      );
    case 'missing':
      return new AttuneError(
        'not-found',
        `The folder ${dirname(path)} does not exist (any more), so ${path} could not be written: choose an existing folder, or connect the drive it is on. Nothing was written.`,
      );
    default:
      return new AttuneError(
        'io',
        `Cannot write ${path} (${errorCode(error) ?? 'unknown error'}); check that the folder exists and is writable, then try again.`,
      );
  }
}

/** A failure reading a vault file that should be there. */
export function readFailure(error: unknown, what: string): AttuneError {
  if (error instanceof AttuneError) return error;
  const code = errorCode(error);
  if (code === 'ENOENT') {
    return new AttuneError(
      'integrity',
      `The vault’s ${what} is missing. Run a vault check and restore the vault from a backup if needed.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new AttuneError(
      'read-only',
      `Attune is not allowed to read the vault’s ${what}. Check the vault folder’s permissions.`,
    );
  }
  return new AttuneError(
    'io',
    `Attune could not read the vault’s ${what} (${code ?? 'unknown error'}). Check the disk and try again.`,
  );
}

export const lockedError = (): AttuneError =>
  new AttuneError('locked', 'The vault is locked. Unlock it with your passphrase to continue.');
