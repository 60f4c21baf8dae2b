import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { isTempName } from './atomicWrite';
import { HEADER_FILE } from './header';
import { RECORDS_DIR } from './recordCodec';
import { writeFailure } from './vaultErrors';
import { isNotFound, type VaultFs } from './vaultFs';

/** Makes sure `dir` is a folder with nothing in it, creating it (mode 0700) if absent. */
export async function ensureEmptyDir(fs: VaultFs, dir: string): Promise<void> {
  let entries: string[];
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory) {
      throw new AttuneError('vault-exists', 'That path is a file, not a folder. Choose an empty folder.');
    }
    entries = await fs.readdir(dir);
  } catch (error) {
    if (!isNotFound(error)) throw writeFailure(error);
    try {
      await fs.mkdir(dir, { mode: 0o700, recursive: true });
    } catch (mkdirError) {
      throw writeFailure(mkdirError);
    }
    return;
  }
  if (entries.includes(HEADER_FILE)) {
    throw new AttuneError(
      'vault-exists',
      'There is already a vault in this folder. Open it, or choose an empty folder for a new one.',
    );
  }
  if (entries.length > 0) {
    throw new AttuneError('vault-exists', 'This folder is not empty. Choose an empty folder.');
  }
}

/**
 * Removes what interrupted saves leave behind: temp files (never renamed into place, so never
 * part of the committed state) and stale lock files moved aside.
 */
export async function removeLeftovers(fs: VaultFs, dir: string): Promise<void> {
  for (const folder of [dir, join(dir, RECORDS_DIR)]) {
    let names: string[];
    try {
      names = await fs.readdir(folder);
    } catch (error) {
      if (isNotFound(error)) continue;
      throw error;
    }
    for (const name of names) {
      if (isTempName(name) || /\.stale-[0-9a-f]{8}$/.test(name)) {
        await fs.unlink(join(folder, name)).catch(() => undefined);
      }
    }
  }
}

/**
 * Runs `task` over `items` with at most `limit` in flight, keeping result order. After a failure
 * no new task starts, and the first error is thrown only once the tasks in flight have ended, so
 * a caller cleaning up after it does not race writes still under way.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await task(items[index]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}

/**
 * Removes `dir` and everything in it, through the facade (so tests can fail any step). Used for
 * backup generations, which are shallow; missing entries are fine (a removal cut short earlier).
 */
export async function removeFolder(fs: VaultFs, dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  // Unlink first and look closer only when that fails: a generation holds thousands of files
  // and one folder, so a stat per entry would double the work.
  await inParallel(names, 16, async (name) => {
    const path = join(dir, name);
    try {
      await fs.unlink(path);
    } catch (error) {
      if (isNotFound(error)) return;
      const stat = await fs.stat(path).catch(() => null);
      if (!stat?.isDirectory) throw error;
      await removeFolder(fs, path);
    }
  });
  await fs.rmdir(dir).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
}
