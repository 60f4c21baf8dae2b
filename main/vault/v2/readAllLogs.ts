import { join } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { isNotFound, type VaultFs } from '../vaultFs';
import { decodeFramePayload } from './framePayload';
import type { MergedState } from './MergedState';
import { type DeviceLogRead, readDeviceLog } from './readDeviceLog';
import { staleProblem } from './staleDeviceFolders';
import { isDeviceFolderName } from './syncNames';
import type { SyncProblem } from './types';

export const DEVICES_DIR = 'devices';
/** Frames offered between two applyReady calls while reading. */
const APPLY_EVERY = 256;

/** What the last read of every device's log left, for the next incremental read. */
export type LogReads = Map<string, DeviceLogRead>;

/** The device folders present in the vault (32 hex digits each), links and other strays left out. */
export async function listDeviceFolders(fs: VaultFs, vaultDir: string): Promise<string[]> {
  return (await listDeviceEntries(fs, vaultDir)).folders;
}

/** What is under a device folder's name in `devices/` but is not a folder of its own. */
export interface StrayDeviceEntry {
  hex: string;
  what: 'a link' | 'a file' | 'something else';
}

/**
 * The entries of `devices/` named like a device folder, split into real folders and strays. A
 * symbolic link there (to a folder or a file, inside the vault or anywhere else) is never
 * followed: whatever it leads to is not this vault's folder, and reading it would take files from
 * outside the vault for a device's changes. Neither is a file or a pipe under such a name read.
 */
export async function listDeviceEntries(
  fs: VaultFs,
  vaultDir: string,
): Promise<{ folders: string[]; strays: StrayDeviceEntry[] }> {
  let names: string[];
  try {
    names = (await fs.readdir(join(vaultDir, DEVICES_DIR))).filter(isDeviceFolderName).sort();
  } catch (error) {
    if (isNotFound(error)) return { folders: [], strays: [] };
    throw error;
  }
  const folders: string[] = [];
  const strays: StrayDeviceEntry[] = [];
  for (const hex of names) {
    let stat: Awaited<ReturnType<VaultFs['lstat']>>;
    try {
      stat = await fs.lstat(join(vaultDir, DEVICES_DIR, hex));
    } catch (error) {
      if (isNotFound(error)) continue; // gone since the listing
      throw error;
    }
    if (stat.isDirectory && !stat.isSymbolicLink) folders.push(hex);
    else
      strays.push({
        hex,
        what: stat.isSymbolicLink ? 'a link' : stat.isFile ? 'a file' : 'something else',
      });
  }
  return { folders, strays };
}

/** What a reader says of a stray under a device folder's name: reported, never read nor removed. */
export function strayDeviceProblem(stray: StrayDeviceEntry): SyncProblem {
  const { hex, what } = stray;
  return {
    type: 'foreign',
    file: `${DEVICES_DIR}/${hex}`,
    deviceHex: hex,
    message:
      `The folder of ${hex}'s changes is not a folder but ${what} put under its name, so Attune did ` +
      'not read it (a link there could lead outside the vault, and is never followed). If it was put ' +
      `there by hand or by a tool, move it out of the vault folder and put ${hex}'s folder back, or ` +
      `open Attune on ${hex} so the sync tool sends its files again.`,
  };
}

/**
 * Reads every device's log (incrementally after `previous`) and offers each authentic frame to
 * `state`, then applies what can be applied. The state ignores frames it has seen, so offering
 * everything again is correct; the incremental read only keeps it cheap.
 */
export async function readAllLogs(args: {
  fs: VaultFs;
  vaultDir: string;
  vaultId: Buffer;
  logKey: Buffer;
  /** This device (its torn tail is a crash, not a file still arriving); null when reading from outside. */
  ownHex: string | null;
  state: MergedState;
  previous?: LogReads;
  /** Device folders from before a key rotation (staleDevices): reported, never read. */
  stale?: ReadonlySet<string>;
  /** Called after each device's log is read: `done` of `total` devices (a check's progress). */
  onDevice?: (done: number, total: number) => void;
}): Promise<{ reads: LogReads; problems: SyncProblem[]; applied: number }> {
  const { fs, vaultDir, vaultId, logKey, ownHex, state } = args;
  const reads: LogReads = new Map();
  const problems: SyncProblem[] = [];
  const { folders, strays } = await listDeviceEntries(fs, vaultDir);
  problems.push(...strays.map(strayDeviceProblem));
  let offered = 0;
  let applied = 0;
  // This device's own folder not there yet is read as empty; a stray under its name is not read.
  if (ownHex !== null && !folders.includes(ownHex) && !strays.some((s) => s.hex === ownHex))
    folders.push(ownHex);
  args.onDevice?.(0, folders.length);
  for (const [index, hex] of folders.entries()) {
    if (args.stale?.has(hex)) {
      problems.push(staleProblem(hex));
      args.onDevice?.(index + 1, folders.length);
      continue;
    }
    const since = args.previous?.get(hex);
    const device = { id: Buffer.from(hex, 'hex'), hex };
    let read: DeviceLogRead;
    try {
      read = await readDeviceLog(fs, vaultDir, device, logKey, vaultId, {
        own: hex === ownHex,
        ...(since ? { since } : {}),
      });
    } catch (error) {
      if (hex === ownHex && isNotFound(error)) {
        args.onDevice?.(index + 1, folders.length);
        continue; // this device has not written yet
      }
      throw error instanceof AttuneError
        ? error
        : new AttuneError('io', `Could not read the changes of a device (${hex}): ${String(error)}`);
    }
    reads.set(hex, read);
    problems.push(...read.problems);
    // Only what this read added: the state already holds the rest, and decoding every frame
    // again at each refresh would make merging a few changes cost as much as opening.
    for (const frame of read.added) {
      let payload: ReturnType<typeof decodeFramePayload>;
      try {
        payload = decodeFramePayload(frame.payload);
      } catch (error) {
        // Authentic but malformed: written by a broken writer, never by a crash or a sync tool.
        problems.push({
          type: 'damage',
          file: `${DEVICES_DIR}/${hex}/${frame.file}`,
          deviceHex: hex,
          message: `Change ${frame.seq} of this device cannot be read (${error instanceof Error ? error.message : String(error)}).`,
        });
        continue;
      }
      state.offer(hex, frame, payload);
      // Applied as they come (the state does not depend on the order): a decoded frame waiting for
      // the end of the read would outlive garbage collections and be copied by each one.
      if (++offered % APPLY_EVERY === 0) applied += state.applyReady().length;
    }
    applied += state.applyReady().length;
    args.onDevice?.(index + 1, folders.length);
  }
  applied += state.applyReady().length;
  return { reads, problems, applied };
}
