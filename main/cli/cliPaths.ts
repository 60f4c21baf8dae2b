import { lstat, realpath, stat } from 'node:fs/promises';
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

/** The help text of `--force` beside an `--out` that refuses to replace a file. */
export const forceHelp = 'replace the --out file if it already exists';

/**
 * Refuses to replace what is at `out` (a file written atomically is renamed over it): a file
 * unless `force` (an earlier export or packet is easily overwritten by a repeated command line),
 * and never a folder, link or device, whose replacement no one means (`--out /dev/null` replaced
 * the device with the unencrypted export).
 */
export async function checkNotReplacing(out: string, force: boolean): Promise<void> {
  const info = await lstat(out).catch(() => null);
  if (!info) return;
  if (!info.isFile()) {
    const what = info.isDirectory()
      ? 'a folder'
      : info.isSymbolicLink()
        ? 'a symbolic link'
        : 'a device or other special file';
    throw new AttuneError('invalid-input', `${out} is ${what}, not a file: choose another name.`);
  }
  if (!force) {
    throw new AttuneError(
      'invalid-input',
      `${out} already exists: choose another name, or add --force to replace it.`,
    );
  }
}
