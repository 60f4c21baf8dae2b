import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { fsyncDir } from './atomicWrite';
import { backupFailure, backupFolderMissing, backupLockWords } from './backupErrors';
import { generationsToKeep } from './backupRetention';
import { BACKUP_ROOT, backupSetDir } from './backupSidecar';
import { randomHex } from './binary';
import { removeFolder } from './dirs';
import { generationName } from './generationName';
import { type GenerationOnDisk, readGenerations } from './generationsOnDisk';
import { ProcessLock } from './processLock';
import { errorCode, isNotFound, type VaultFs } from './vaultFs';
import type { VerifyReport } from './vaultTypes';
import { type BackupSource, type WrittenGeneration, writeGeneration } from './writeGeneration';

export { RETENTION, type Retention, generationsToKeep } from './backupRetention';
export { BACKUP_ROOT, SIDECAR_FILE, backupSetDir } from './backupSidecar';
export { findBackupSets, type GenerationListing, listBackupGenerations } from './listBackups';
export { restoreGeneration } from './restoreGeneration';
export type { BackupSource } from './writeGeneration';

export interface BackupResult {
  /** Folder name of the new generation, e.g. '2026-12-02T14-05-09Z'. */
  generation: string;
  /** Where it is: `<folder>/Attune backups/<vault id>/<generation>`. */
  path: string;
  createdAt: string;
  /** Record files copied (changed since the previous generation, or no previous one to link to). */
  copiedFiles: number;
  /** Record files hard-linked from the previous generation (unchanged). */
  linkedFiles: number;
  /** Bytes written: copied records plus the manifest and audit log, which every generation holds anew. */
  bytesCopied: number;
  /** The check run on the copy after writing. */
  verify: VerifyReport;
  /**
   * What that check covered: 'full' (every file decrypted, as `attune verify`) or 'changed-files'
   * (the files copied now decrypted, the hard-linked ones known to be the previous generation's
   * checked bytes; see verifyGeneration.ts). A full check runs at least every 24 hours.
   */
  verified: 'full' | 'changed-files';
  /** Generations removed by retention. */
  pruned: string[];
  /** Milliseconds spent writing (copy and link), verifying the copy, and pruning. */
  phases: { writeMs: number; verifyMs: number; pruneMs: number };
}

export interface BackupOptions {
  /** The time the backup is made at (tests use a fake clock). */
  now?: Date;
  /** Record files written or linked so far, of the total; the verify step follows. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Keep every older generation (no pruning): the vault knows changes are missing from it (a
   * rollback or fork), which older generations may still hold, and the new one does not.
   */
  keepOlder?: boolean;
}

/** What writing a generation found, beyond the result. */
export interface GenerationWrite {
  result: BackupResult;
  /** Record files in the vault that did not match the manifest's hash (the vault needs a check). */
  damagedInVault: number;
}

/**
 * How long shared (hard-linked) files may go without being decrypted again: the first backup
 * after this checks every file, so damage on the backup drive is found within a day.
 */
export const FULL_VERIFY_EVERY_MS = 24 * 3_600_000;

async function mkdirIfMissing(fs: VaultFs, dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { mode: 0o700 });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
}

/**
 * Writes a new backup generation of `src` under `<folder>/Attune backups/<vault id>/` (FORMAT-v1.md,
 * "Backups"), verifies it with the vault's keys, and prunes old generations by retention. Holds
 * the backup set's lock throughout. The vault is only read. On failure nothing that looks like a
 * generation is left: the copy is built under a `.partial-` name and renamed into place only
 * once verified. A failed verify is returned (result.verify.ok false), not thrown, so the caller
 * can record it.
 */
export function writeBackupGeneration(
  src: BackupSource,
  folder: string,
  options: BackupOptions = {},
): Promise<GenerationWrite> {
  return writeBackupSet(
    src.fs,
    src.header.vaultId.toString('hex'),
    folder,
    options,
    (setDir, name, now, previous, fullVerifyAt) =>
      writeGeneration(src, setDir, name, now, previous, fullVerifyAt, options.onProgress),
  );
}

/**
 * Writes one generation of a vault into its backup set: format 1's writeGeneration, format 2's
 * writeSyncedGeneration. `previous` is the newest generation to share unchanged files with
 * (null: copy everything); `fullVerifyAt` as in writeGeneration.
 */
export type GenerationWriter = (
  setDir: string,
  name: string,
  now: Date,
  previous: GenerationOnDisk | null,
  fullVerifyAt: string | null,
) => Promise<WrittenGeneration>;

/**
 * The part of a backup that is the same for every vault format: the folder checks, the set's
 * lock, the generation's name, when a full check is due, a second try without links when the
 * check fails, and pruning. `write` builds the generation itself.
 */
export async function writeBackupSet(
  fs: VaultFs,
  vaultId: string,
  folder: string,
  options: BackupOptions,
  write: GenerationWriter,
): Promise<GenerationWrite> {
  const now = options.now ?? new Date();
  const setDir = backupSetDir(folder, vaultId);
  try {
    // Never create the chosen folder itself: when a drive is unplugged its mount point is gone,
    // and creating it would quietly put the backup on the internal disk.
    const stat = await fs.stat(folder);
    if (!stat.isDirectory) {
      throw new AttuneError(
        'invalid-input',
        `The backup folder (${folder}) is a file, not a folder. Choose a folder.`,
      );
    }
  } catch (error) {
    if (isNotFound(error) || errorCode(error) === 'ENOTDIR') throw backupFolderMissing(folder);
    throw backupFailure(error, folder);
  }
  try {
    await mkdirIfMissing(fs, join(folder, BACKUP_ROOT));
    await mkdirIfMissing(fs, setDir);
  } catch (error) {
    throw backupFailure(error, folder);
  }
  const lock = await ProcessLock.acquire(fs, setDir, backupLockWords(setDir, folder));
  try {
    let existing: GenerationOnDisk[];
    try {
      existing = await readGenerations(fs, setDir, { removeIncomplete: true, sidecars: 'newest' });
    } catch (error) {
      throw backupFailure(error, folder);
    }
    const names = new Set(existing.map((g) => g.name));
    let name = generationName(now);
    for (let n = 2; names.has(name); n++) name = generationName(now, n);

    const previous = existing.findLast((g) => g.sidecar?.vaultId === vaultId) ?? null;
    const lastFull = previous?.sidecar ? Date.parse(previous.sidecar.fullVerifyAt) : Number.NaN;
    const age = now.getTime() - lastFull;
    // Only files copied now are decrypted while the last full check is recent (and not in the
    // future: a clock set back must not postpone it forever).
    const fullVerifyAt = age >= 0 && age < FULL_VERIFY_EVERY_MS ? previous!.sidecar!.fullVerifyAt : null;
    let written = await write(setDir, name, now, previous, fullVerifyAt);
    if (!written.verify.ok && written.linkedFiles > 0) {
      // A file shared with the previous generation may have rotted on the backup drive since it
      // was checked: copy everything afresh rather than carry the damage forward.
      written = await write(setDir, name, now, null, null);
    }
    const result: BackupResult = {
      generation: written.name,
      path: join(setDir, written.name),
      createdAt: written.createdAt,
      copiedFiles: written.copiedFiles,
      linkedFiles: written.linkedFiles,
      bytesCopied: written.bytesCopied,
      verify: written.verify,
      verified: written.verified,
      pruned: [],
      phases: { writeMs: written.writeMs, verifyMs: written.verifyMs, pruneMs: 0 },
    };
    if (!written.verify.ok) return { result, damagedInVault: written.damagedInVault };

    if (options.keepOlder) return { result, damagedInVault: written.damagedInVault };
    const pruneStart = performance.now();
    // Never prune what a newer version of Attune wrote, or what cannot be read: it is not ours to judge.
    const complete = [...existing.filter((g) => g.problem === null).map((g) => g.name), name];
    result.pruned = await prune(fs, setDir, complete, now);
    result.phases.pruneMs = performance.now() - pruneStart;
    return { result, damagedInVault: written.damagedInVault };
  } catch (error) {
    throw backupFailure(error, folder);
  } finally {
    await lock.release();
  }
}

/** Removals of pruned generations still under way (tests and the benchmark wait for them). */
const removals = new Set<Promise<void>>();

/** Resolves once every pruned generation handed to the background has been removed (or given up). */
export async function prunedRemovals(): Promise<void> {
  while (removals.size > 0) await Promise.all([...removals]);
}

/**
 * Removes the generations retention does not keep. Each is renamed to a `.deleting-` name under
 * the set's lock: that rename is the point of deletion, so a removal cut short never leaves a
 * half-empty generation that looks complete. Deleting its files (thousands of unlinks, as long
 * as the backup itself) then goes on in the background, so the vault is not held up by it; what
 * is left when the app quits is removed by the next backup. A failure stops pruning without
 * failing the backup: the next one tries again.
 */
async function prune(fs: VaultFs, setDir: string, complete: string[], now: Date): Promise<string[]> {
  const keep = generationsToKeep(complete, now);
  const pruned: string[] = [];
  const aside: string[] = [];
  for (const name of complete) {
    if (keep.has(name)) continue;
    const path = join(setDir, `${name}.deleting-${randomHex(4)}`);
    try {
      await fs.rename(join(setDir, name), path);
    } catch {
      break;
    }
    pruned.push(name);
    aside.push(path);
  }
  if (pruned.length > 0) await fsyncDir(fs, setDir).catch(() => undefined);
  if (aside.length > 0) {
    const removal = (async () => {
      for (const path of aside) await removeFolder(fs, path).catch(() => undefined);
    })();
    removals.add(removal);
    void removal.finally(() => removals.delete(removal));
  }
  return pruned;
}
