import { join } from 'node:path';
import { fsyncDir } from './atomicWrite';
import { isNotFound, type VaultFs } from './vaultFs';

/**
 * Removes `path` and everything under it; absent is fine. A symbolic link is removed itself,
 * never followed: one put beside the vault in a synced folder (named like a leftover this code
 * cleans up) must not empty the folder it points to.
 */
export async function removeTree(fs: VaultFs, path: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await fs.lstat(path)).isDirectory;
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  if (!isDir) {
    await fs.unlink(path);
    return;
  }
  for (const name of await fs.readdir(path)) await removeTree(fs, join(path, name));
  await fs.rmdir(path);
}

/** Writes `data` to a new file (never over an existing one) and fsyncs it. */
export async function writeNewFile(fs: VaultFs, path: string, data: Buffer): Promise<void> {
  const fd = await fs.open(path, 'wx', 0o600);
  try {
    await fs.write(fd, data, 0);
    await fs.fsync(fd);
  } finally {
    await fs.close(fd);
  }
}

/**
 * Copies the folder `from` into `to` (which must not exist yet), every file written and fsynced
 * and every folder fsynced, skipping names `skip` refuses. Used for a vault that is locked and
 * held by our process lock, so nothing changes under it while it is copied. Only folders and
 * regular files are copied: a symbolic link (Attune never makes one in a vault; one put there
 * through a synced folder could point at any file of the user's) is left out, not followed.
 */
export async function copyTree(
  fs: VaultFs,
  from: string,
  to: string,
  skip: (name: string) => boolean = () => false,
  onFile?: () => void,
): Promise<void> {
  await fs.mkdir(to, { mode: 0o700 });
  for (const name of await fs.readdir(from)) {
    if (skip(name)) continue;
    const source = join(from, name);
    const stat = await fs.lstat(source);
    if (stat.isSymbolicLink) {
      console.warn(`Not copied: ${source} is a symbolic link, which a vault never holds.`);
      continue;
    }
    if (stat.isDirectory) await copyTree(fs, source, join(to, name), skip, onFile);
    else if (stat.isFile) {
      await writeNewFile(fs, join(to, name), await fs.readFile(source));
      onFile?.();
    }
  }
  await fsyncDir(fs, to);
}
