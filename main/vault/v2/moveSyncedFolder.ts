import { basename, dirname, join, resolve } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { fsyncDir, isTempName } from '../atomicWrite';
import { randomHex } from '../binary';
import { copyTree, removeTree, writeNewFile } from '../folderTree';
import { placeStagedCopy } from '../placeStagedCopy';
import { LOCK_FILE, ProcessLock } from '../processLock';
import { readSmallFile } from '../readSmallFile';
import type { VaultSecret } from '../unlock';
import { writeFailure } from '../vaultErrors';
import { nodeVaultFs, type VaultFs } from '../vaultFs';
import { MARKER_FILE, parseMarker, readMarkerFile } from './marker';
import { decodePresence, PRESENCE_FILE, type Presence, presenceText, presentDevices } from './presenceFile';
import { DEVICES_DIR, listDeviceFolders } from './readAllLogs';
import { readKeySlotFiles } from './readKeySlotFiles';
import type { SyncedVerifyReport } from './syncedVaultTypes';
import { unlockSlots } from './unlockSlots';
import { zeroV2Keys } from './v2Keys';
import { verifySyncedFolder } from './verifySyncedFolder';

export interface MoveSyncedOptions {
  fs?: VaultFs;
  now?: Date;
  /** This computer's device id: its folder's process lock is held throughout. */
  deviceHex?: string;
  /** Ids this computer wrote under before (SyncedVault.formerIds): their presence is its own. */
  formerIds?: readonly string[];
}

/** Not copied: process locks (local to a computer) and atomic writes under way; the marker comes last. */
const notCopied = (name: string): boolean =>
  name === MARKER_FILE || name.startsWith(LOCK_FILE) || isTempName(name) || /\.stale-[0-9a-f]{8}$/.test(name);

/**
 * Moves a format-2 vault folder (every computer's change log, as this computer holds them) from
 * `from` to `to`, as moveVaultFolder does for format 1: refused while another computer has the
 * vault open (it would go on writing at the old place); every file copied into a hidden folder
 * beside `to`, the marker last; the copy checked to hold the same records and audit entries with
 * no problem the original does not have; renamed to `to`; then `commit` records the new place
 * (the move's commit point); only then is the old folder renamed `<old> (moved …)` and kept.
 */
export async function moveSyncedFolder(
  from: string,
  to: string,
  secret: VaultSecret,
  commit: () => Promise<void>,
  options: MoveSyncedOptions = {},
): Promise<{ keptAside: string }> {
  const fs = options.fs ?? nodeVaultFs;
  const source = resolve(from);
  const target = resolve(to);
  const now = options.now ?? new Date();
  const markerBytes = await readMarkerFile(fs, source);
  const marker = parseMarker(markerBytes);
  if (marker.version !== 2) throw new Error('moveSyncedFolder moves format-2 folders only');
  await refuseWhileOpenElsewhere(fs, source, secret, marker.vaultId, now, {
    ownHex: options.deviceHex ?? '',
    formerHex: new Set(options.formerIds ?? []),
  });
  const lock = options.deviceHex
    ? await ProcessLock.acquire(fs, join(source, DEVICES_DIR, options.deviceHex))
    : null;
  const staging = join(dirname(target), `.${basename(target)}.attune-moving-${randomHex(4)}`);
  let staged = false;
  try {
    const before = await verifySyncedFolder(source, secret, { fs });
    staged = true;
    try {
      await copyTree(fs, source, staging, notCopied);
      // The marker last: until it is there, the copy is not a vault (FORMAT.md §13).
      await writeNewFile(fs, join(staging, MARKER_FILE), markerBytes);
      await fsyncDir(fs, staging);
    } catch (error) {
      throw writeFailure(error);
    }
    const after = await verifySyncedFolder(staging, secret, { fs });
    const worse = newProblems(before, after);
    if (after.records !== before.records || after.auditEntries !== before.auditEntries || worse) {
      throw new AttuneError(
        'integrity',
        `The copy in the new folder did not pass its check (${worse ?? 'records or audit entries are missing'}), so the vault was not moved. It is unchanged at its old place.`,
      );
    }
    return await placeStagedCopy(fs, {
      staging,
      target,
      source,
      now,
      commit,
      onPlaced: () => {
        staged = false;
      },
      beforeAside: async () => {
        await lock?.release();
      },
    });
  } finally {
    if (staged) await removeTree(fs, staging).catch(() => undefined);
    await lock?.release().catch(() => undefined);
  }
}

/** A problem of the copy that the original does not have, in words, or null. */
function newProblems(before: SyncedVerifyReport, after: SyncedVerifyReport): string | null {
  const known = new Set(before.problems.map((p) => `${p.type} ${p.file} ${p.message}`));
  return after.problems.find((p) => !known.has(`${p.type} ${p.file} ${p.message}`))?.message ?? null;
}

async function refuseWhileOpenElsewhere(
  fs: VaultFs,
  dir: string,
  secret: VaultSecret,
  vaultId: Buffer,
  now: Date,
  mine: { ownHex: string; formerHex: ReadonlySet<string> },
): Promise<void> {
  const { files } = await readKeySlotFiles(fs, dir);
  const { keys } = await unlockSlots(files, secret, vaultId);
  try {
    const list: Array<{ deviceHex: string; presence: Presence }> = [];
    for (const hex of await listDeviceFolders(fs, dir)) {
      // Never through a link or from a pipe (readSmallFile): one put there must not hang the move.
      const bytes = await readSmallFile(fs, join(dir, DEVICES_DIR, hex, PRESENCE_FILE)).catch(() => null);
      const presence = bytes && decodePresence(keys.presence, vaultId, Buffer.from(hex, 'hex'), bytes);
      if (presence) list.push({ deviceHex: hex, presence });
    }
    const [open] = presentDevices(list, now, mine.ownHex, mine.formerHex);
    if (open) {
      throw new AttuneError(
        'in-use',
        `${presenceText(open)}. Lock Attune on ${open.name} first, so that its changes are not left behind at the old place; then move the vault. Nothing was changed.`,
      );
    }
  } finally {
    zeroV2Keys(keys);
  }
}
