import { join } from 'node:path';
import { isPlainFile } from '../readSmallFile';
import { isNotFound, type VaultFs } from '../vaultFs';
import { DEVICES_DIR, listDeviceFolders } from './readAllLogs';
import { classifyDeviceFile } from './syncNames';

/** One file of a format-2 vault folder that a backup carries, by its path in the vault (forward slashes). */
export interface PlannedFile {
  path: string;
  deviceHex: string;
  /**
   * 'log': a log segment, or a sync tool's conflict copy of one (`copyOf` set); 'pack': a pack of
   * the device's log (FORMAT.md §6.1; its `segment` is the last it covers; conflict copies of packs
   * are not read, so not carried); 'small': keys.json, seen.bin, presence.bin and their conflict
   * copies, rewritten whole by atomic writes.
   */
  type: 'log' | 'pack' | 'small';
  segment: number;
  /** Which small file (or conflict copy of one). */
  small?: 'keys' | 'seen' | 'presence';
  copyOf?: string;
  /** A segment's name on something that is not a plain file: not copied (readers skip it). */
  notPlain?: true;
}

/**
 * What a backup of the vault folder `dir` may copy, device by device (FORMAT.md §2, §11, §16):
 * every log segment and conflict copy of one, the packs (the writer carries the one a reader
 * uses), and the small files. Locks, temp files, partial downloads
 * and foreign files stay out (they are not the vault's, or not yet).
 */
export async function planSyncedGeneration(fs: VaultFs, dir: string): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  for (const deviceHex of await listDeviceFolders(fs, dir)) {
    let names: string[];
    try {
      names = await fs.readdir(join(dir, DEVICES_DIR, deviceHex));
    } catch (error) {
      if (isNotFound(error)) continue; // a folder still arriving, or gone
      throw error;
    }
    const device: PlannedFile[] = [];
    for (const name of names.sort()) {
      const path = `${DEVICES_DIR}/${deviceHex}/${name}`;
      // A folder, link or pipe under a vault file's name is not the vault's (readers skip it): it
      // is never read, only a segment's number kept, so the log after it is still copied.
      const plain = await isPlainFile(fs, join(dir, path));
      let kind = classifyDeviceFile(name);
      let copyOf: string | undefined;
      while (kind.type === 'artefact') {
        copyOf = kind.of;
        kind = classifyDeviceFile(kind.of);
      }
      if (!plain) {
        if (kind.type === 'segment' && !copyOf)
          device.push({ path, deviceHex, type: 'log', segment: kind.segment, notPlain: true });
      } else if (kind.type === 'segment') {
        device.push({
          path,
          deviceHex,
          type: 'log',
          segment: kind.segment,
          ...(copyOf ? { copyOf } : {}),
        });
      } else if (kind.type === 'pack' && !copyOf) {
        device.push({ path, deviceHex, type: 'pack', segment: kind.segment });
      } else if (kind.type === 'keys' || kind.type === 'seen' || kind.type === 'presence') {
        device.push({
          path,
          deviceHex,
          type: 'small',
          segment: 0,
          small: kind.type,
          ...(copyOf ? { copyOf } : {}),
        });
      }
    }
    planned.push(...device);
  }
  return planned;
}
