import { join } from 'node:path';
import { parseMarker, readMarkerFile } from './v2/marker';
import { nodeVaultFs, type VaultFs } from './vaultFs';

/** True when `dir` has a `devices/` folder: a format-2 vault, perhaps still arriving from a sync service. */
export async function hasDevicesFolder(dir: string, fs: VaultFs = nodeVaultFs): Promise<boolean> {
  try {
    return (await fs.stat(join(dir, 'devices'))).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Which format the vault in `dir` is: 2 when its marker says so, or when it has `devices/` beside a
 * marker that is missing (not arrived yet: format 2's reader says to wait) or damaged (format 2's
 * reader says so, rather than format 1's "made by a newer version"); otherwise 1, whose open
 * reports a missing, damaged or newer vault in its own words.
 */
export async function folderFormat(dir: string, fs: VaultFs = nodeVaultFs): Promise<1 | 2> {
  let bytes: Buffer;
  try {
    bytes = await readMarkerFile(fs, dir);
  } catch {
    // Missing (not arrived yet) or not readable (a pipe, a link, a huge file): each format's open
    // says what is wrong, format 2's where there is a devices/ folder.
    return (await hasDevicesFolder(dir, fs)) ? 2 : 1;
  }
  try {
    return parseMarker(bytes).version;
  } catch {
    return (await hasDevicesFolder(dir, fs)) ? 2 : 1;
  }
}

/** The vault id (32 hex) a format-2 marker names, or null when there is none to read yet. */
export async function syncedVaultHex(dir: string, fs: VaultFs = nodeVaultFs): Promise<string | null> {
  try {
    const marker = parseMarker(await readMarkerFile(fs, dir));
    return marker.version === 2 ? marker.vaultId.toString('hex') : null;
  } catch {
    return null; // missing or damaged: the open says what is wrong
  }
}
