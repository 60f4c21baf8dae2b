import { join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { isNotFound, type VaultFs } from '../vaultFs';
import { KEYS_FILE, type KeySlots, parseKeySlots } from './keySlotsCodec';
import type { SyncProblem } from './types';

const DEVICES = 'devices';
const isDeviceHex = (name: string): boolean => /^[0-9a-f]{32}$/.test(name);

/*
 * keys.json and the conflict copies sync tools make of it (FORMAT-v2.md §11: Syncthing,
 * Dropbox, OneDrive, iCloud Drive, Google Drive, Nextcloud). A conflict copy is one more set of
 * slots. TODO: use syncNames.ts's classifier once it is committed (written by another engineer).
 */
const KEYS_NAME =
  /^keys(?:\.sync-conflict-\d{8}-\d{6}-[0-9A-Z]{7}| \([^()/]*\)(?: \(\d+\))?| \d+|-[^./\\]+)?\.json$/;
export const isKeySlotsName = (name: string): boolean => name === KEYS_FILE || KEYS_NAME.test(name);

async function names(fs: VaultFs, dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch (error) {
    // A folder still arriving, or a plain file where a folder should be: nothing to read there.
    if (isNotFound(error) || (error as { code?: string }).code === 'ENOTDIR') return [];
    throw error;
  }
}

/**
 * Every device's keys.json, conflict copies included (FORMAT-v2.md §4). `deviceHex` is the folder
 * the file is in. A file that cannot be read or fails its checks is skipped and reported, so one
 * damaged copy does not stop the vault from opening with the others.
 */
export async function readKeySlotFiles(
  fs: VaultFs,
  vaultDir: string,
): Promise<{ files: Array<{ deviceHex: string; file: string; slots: KeySlots }>; problems: SyncProblem[] }> {
  const files: Array<{ deviceHex: string; file: string; slots: KeySlots }> = [];
  const problems: SyncProblem[] = [];
  for (const deviceHex of (await names(fs, join(vaultDir, DEVICES))).filter(isDeviceHex)) {
    for (const name of (await names(fs, join(vaultDir, DEVICES, deviceHex))).filter(isKeySlotsName)) {
      const file = `${DEVICES}/${deviceHex}/${name}`;
      try {
        const slots = parseKeySlots(await fs.readFile(join(vaultDir, file)));
        files.push({ deviceHex, file, slots });
      } catch (error) {
        // Gone between the listing and the read (a sync tool replacing it): read again next time.
        if (isNotFound(error)) continue;
        problems.push({
          type: 'damage',
          file,
          deviceHex,
          message:
            error instanceof AttuneError
              ? `${file}: ${error.message}`
              : `${file} could not be read (${(error as { code?: string }).code ?? 'unknown error'}). Check the disk and the folder’s permissions.`,
        });
      }
    }
  }
  return { files, problems };
}
