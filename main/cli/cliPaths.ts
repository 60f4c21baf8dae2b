import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AttuneError } from '../../shared/errors';

/** A folder named by a flag (`--dir`), which must exist already: a usage error in words if not. */
export async function existingFolder(path: string, flag: string): Promise<string> {
  const folder = resolve(path);
  const info = await stat(folder).catch(() => null);
  if (!info) {
    throw new AttuneError(
      'invalid-input',
      `${flag} ${folder}: there is no such folder. Make it first, or leave ${flag} out.`,
    );
  }
  if (!info.isDirectory())
    throw new AttuneError('invalid-input', `${flag} ${folder} is a file, not a folder.`);
  return folder;
}

/** The path with symbolic links resolved as far as it exists (the rest as written). */
async function realAsFarAsItExists(path: string): Promise<string> {
  const real = await realpath(path).catch(() => null);
  if (real !== null) return real;
  const parent = dirname(path);
  return parent === path ? path : join(await realAsFarAsItExists(parent), basename(path));
}

/**
 * Whether the file `out` would land inside the folder `vaultDir`, following symbolic links on
 * either side (a link to the vault folder, or a vault opened through a link), so an unencrypted
 * file is never written where the vault's sync app would carry it.
 */
export async function isInsideFolder(out: string, vaultDir: string): Promise<boolean> {
  const inside = (file: string, folder: string) => {
    const rel = relative(folder, file);
    return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
  };
  if (inside(resolve(out), resolve(vaultDir))) return true;
  // The file itself is replaced by a rename, never written through: only its folder is followed.
  const realOut = join(await realAsFarAsItExists(dirname(resolve(out))), basename(out));
  return inside(realOut, await realAsFarAsItExists(resolve(vaultDir)));
}
