import { join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { readSmallFile } from '../readSmallFile';
import { readFailure } from '../vaultErrors';
import { errorCode, isNotFound, type VaultFs } from '../vaultFs';
import { KEYS_FILE, type KeySlots, parseKeySlots } from './keySlotsCodec';
import { listDeviceEntries } from './readAllLogs';
import { classifyDeviceFile } from './syncNames';
import type { SyncProblem } from './types';

const DEVICES = 'devices';

/** keys.json, or a sync tool's conflict copy of it (of a copy, ...): one more set of slots (FORMAT.md §11). */
export function isKeySlotsName(name: string): boolean {
  let kind = classifyDeviceFile(name);
  while (kind.type === 'artefact') kind = classifyDeviceFile(kind.of);
  return kind.type === 'keys';
}

async function names(fs: VaultFs, dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch (error) {
    // A folder still arriving, or a plain file where a folder should be: nothing to read there.
    if (isNotFound(error) || errorCode(error) === 'ENOTDIR') return [];
    throw readFailure(error, 'folder of devices');
  }
}

/** The device folders; a link or file under such a name is never followed (readAllLogs reports it). */
async function deviceFolders(fs: VaultFs, vaultDir: string): Promise<string[]> {
  try {
    return (await listDeviceEntries(fs, vaultDir)).folders;
  } catch (error) {
    // A plain file where the folder of devices should be: nothing to read there.
    if (errorCode(error) === 'ENOTDIR') return [];
    throw readFailure(error, 'folder of devices');
  }
}

/**
 * Every device's keys.json, conflict copies included (FORMAT.md §4). `deviceHex` is the folder
 * the file is in. A file that cannot be read or fails its checks is skipped and reported, so one
 * damaged copy does not stop the vault from opening with the others. A device's own keys.json
 * comes before its conflict copies, so the first file of a device is the one it writes.
 */
export async function readKeySlotFiles(
  fs: VaultFs,
  vaultDir: string,
): Promise<{ files: Array<{ deviceHex: string; file: string; slots: KeySlots }>; problems: SyncProblem[] }> {
  const files: Array<{ deviceHex: string; file: string; slots: KeySlots }> = [];
  const problems: SyncProblem[] = [];
  for (const deviceHex of await deviceFolders(fs, vaultDir)) {
    const found = (await names(fs, join(vaultDir, DEVICES, deviceHex))).filter(isKeySlotsName);
    for (const name of found.sort((a, b) => Number(b === KEYS_FILE) - Number(a === KEYS_FILE))) {
      const file = `${DEVICES}/${deviceHex}/${name}`;
      try {
        const bytes = await readSmallFile(fs, join(vaultDir, file));
        if (!bytes) continue; // gone between the listing and the read: read again next time
        files.push({ deviceHex, file, slots: parseKeySlots(bytes) });
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
              : `${file} could not be read (${errorCode(error) ?? 'unknown error'}). Check the disk and the folder’s permissions.`,
        });
      }
    }
  }
  return { files, problems };
}
