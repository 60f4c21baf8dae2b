import { dirname } from 'node:path';
import { randomHex } from './binary';
import type { VaultFs } from './vaultFs';

/** Temp files are `<final name>.tmp-<8 hex>`; anything matching is a leftover once no save runs. */
export const isTempName = (name: string): boolean => /\.tmp-[0-9a-f]{8}$/.test(name);

/** fsync a directory, making the renames and unlinks inside it durable. */
export async function fsyncDir(fs: VaultFs, dir: string): Promise<void> {
  const fd = await fs.open(dir, 'r');
  try {
    await fs.fsync(fd);
  } finally {
    await fs.close(fd);
  }
}

/**
 * Replaces `path` with `data` so that a crash leaves either the old or the new file: a temp file in
 * the same folder (mode 0600), written and fsynced, then renamed over the target. With
 * `syncDir` the folder is fsynced too, so the rename itself survives a power cut; callers that
 * rename many files in one folder pass false and fsync the folder once.
 */
export async function atomicWriteFile(
  fs: VaultFs,
  path: string,
  data: Buffer,
  options: { syncDir: boolean },
): Promise<void> {
  const temp = `${path}.tmp-${randomHex(4)}`;
  let fd: number | undefined;
  try {
    fd = await fs.open(temp, 'wx', 0o600);
    await fs.write(fd, data, 0);
    await fs.fsync(fd);
    const closing = fd;
    fd = undefined;
    await fs.close(closing);
    await fs.rename(temp, path);
  } catch (error) {
    // Best effort: a temp file left behind is removed the next time the vault opens.
    if (fd !== undefined) await fs.close(fd).catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  if (options.syncDir) await fsyncDir(fs, dirname(path));
}
