import { AttuneError } from '../../shared/errors';
import { isNotFound, type VaultFs } from './vaultFs';

/** Larger than any key slots, seen.bin or presence.bin can be (they are kilobytes). */
export const SMALL_FILE_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Reads one of a vault folder's small files (key slots, seen.bin, presence.bin) whole: null when
 * there is none. Anything else under its name (a folder, link or pipe put there by hand or by a
 * tool, or a file larger than such a file can be) is refused with the reason, never read: reading
 * a pipe waits forever, a link may lead outside the vault and a huge file fills memory.
 */
export async function readSmallFile(fs: VaultFs, path: string): Promise<Buffer | null> {
  try {
    const stat = await fs.lstat(path);
    if (!stat.isFile || stat.isSymbolicLink) {
      throw new AttuneError(
        'integrity',
        'it is not a plain file (a folder, link or pipe put under its name)',
      );
    }
    if (stat.size > SMALL_FILE_MAX_BYTES) {
      throw new AttuneError('integrity', `it holds ${stat.size} bytes, far more than such a file can`);
    }
    return await fs.readFile(path);
  } catch (error) {
    if (isNotFound(error)) return null; // none, or gone since the listing
    throw error;
  }
}

/**
 * Whether `path` is a plain file itself (not a link to one, a folder or a pipe): only those are
 * read as a vault's logs. True when it has gone since it was listed (the read then finds it gone).
 */
export async function isPlainFile(fs: VaultFs, path: string): Promise<boolean> {
  try {
    const stat = await fs.lstat(path);
    return stat.isFile && !stat.isSymbolicLink;
  } catch (error) {
    if (isNotFound(error)) return true;
    throw error;
  }
}
