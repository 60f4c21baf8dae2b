import { basename, dirname, isAbsolute, join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { BACKUP_ROOT, parseSidecar, SIDECAR_FILE } from '../backupSidecar';
import { sha256Hex } from '../binary';
import { readPlainFile, SMALL_FILE_MAX_BYTES } from '../readSmallFile';
import { isNotFound, type VaultFs } from '../vaultFs';
import type { SyncProblem } from './types';

/**
 * What stops a backup generation folder being restored, as restore judges it (restoreSyncedGeneration):
 * its list of files (`attune-backup.json`) missing, unreadable or of another vault, or a listed file
 * missing or not the bytes listed. [] for a folder that is not a backup generation (no list in it,
 * and not in `Attune backups/<vault id>/`). So `attune verify` of a generation says what restore
 * would refuse, instead of passing a copy that cannot be brought back.
 */
export async function backupListProblems(
  fs: VaultFs,
  root: string,
  vaultHex: string,
): Promise<SyncProblem[]> {
  const inBackupSet = inBackupSetOf(root, vaultHex);
  const problem = (message: string, file = SIDECAR_FILE): SyncProblem => ({
    type: 'damage',
    file,
    message: `${message} Restoring from this backup would be refused; use another backup generation, and make a new backup.`,
  });
  let bytes: Buffer;
  try {
    bytes = (await readPlainFile(fs, join(root, SIDECAR_FILE), SMALL_FILE_MAX_BYTES)).bytes;
  } catch (error) {
    if (isNotFound(error))
      return inBackupSet
        ? [problem('This backup generation has no list of its files (attune-backup.json is missing).')]
        : [];
    if (error instanceof AttuneError)
      return [problem(`This backup’s list of files (attune-backup.json) was not read: ${error.message}.`)];
    throw error;
  }
  const read = parseSidecar(bytes);
  if ('problem' in read)
    return [
      problem(
        read.problem === 'newer-version'
          ? 'This backup’s list of files was written by a newer version of Attune.'
          : 'This backup’s list of files (attune-backup.json) is damaged or incomplete.',
      ),
    ];
  const { sidecar } = read;
  if (sidecar.vaultId !== vaultHex)
    return [problem('This backup’s list of files names another vault than the files beside it.')];
  const problems: SyncProblem[] = [];
  for (const [path, hash] of Object.entries(sidecar.files)) {
    // The list comes from the backup drive: never read outside the generation folder.
    if (isAbsolute(path) || path.split('/').some((part) => part === '..' || part === '')) {
      problems.push(problem(`This backup’s list of files names a path outside it (${path}).`));
      continue;
    }
    let found: string | null = null;
    try {
      found = sha256Hex((await readPlainFile(fs, join(root, ...path.split('/')))).bytes);
    } catch (error) {
      if (!isNotFound(error) && !(error instanceof AttuneError)) throw error;
    }
    if (found === null) problems.push(problem(`${path}, listed in this backup, is missing.`, path));
    else if (found !== hash)
      problems.push(problem(`${path} is not the file this backup listed (its bytes differ).`, path));
  }
  return problems;
}

/** Whether `root` lies where backups of vault `vaultHex` are written: `Attune backups/<vault id>/`. */
const inBackupSetOf = (root: string, vaultHex: string): boolean =>
  basename(dirname(root)) === vaultHex && basename(dirname(dirname(root))) === BACKUP_ROOT;

/** Whether `root` is a backup generation: in a backup set, or holding a backup's list of files. */
export async function isBackupGeneration(fs: VaultFs, root: string, vaultHex: string): Promise<boolean> {
  if (inBackupSetOf(root, vaultHex)) return true;
  try {
    await fs.lstat(join(root, SIDECAR_FILE));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
