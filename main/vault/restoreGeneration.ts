import { resolve } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { copyVault } from './backup';
import { backupLockWords, restoreFailure } from './backupErrors';
import { removeFolder } from './dirs';
import { readGenerations } from './generationsOnDisk';
import { headerMacValid, readHeader, type VaultHeader } from './header';
import { type VaultKeys, zeroKeys } from './keys';
import { backupSetsIn, newerVersionProblem } from './listBackups';
import { loadState } from './loadState';
import { ProcessLock } from './processLock';
import { unlockKeys } from './unlock';
import { isNotFound, nodeVaultFs, type VaultFs } from './vaultFs';
import type { VerifyReport } from './vaultTypes';
import { syncedGenerationId } from './v2/openSyncedGeneration';
import { type RestoringComputer, restoreSyncedGeneration } from './v2/restoreSyncedGeneration';
import { damaged, firstProblem, wrongBackupPassphrase } from './restoreProblems';
import { verifyContents } from './verifyVault';

/**
 * Restores one backup generation into `targetDir` (absent or empty), which becomes a vault that
 * opens with the passphrase the backup was made under. The generation is verified in full first
 * and refused when damaged (the message names the next older generation to try); the copy is
 * verified again after writing. Holds the backup set's lock when the backup folder is writable,
 * so a backup running meanwhile cannot prune the generation being read.
 */
export async function restoreGeneration(
  folder: string,
  vaultId: string,
  generation: string,
  passphrase: string,
  targetDir: string,
  options: {
    onProgress?: (done: number, total: number) => void;
    fs?: VaultFs;
    /** For a format-2 backup: the computer it is restored on (see restoreSyncedGeneration). */
    thisComputer?: RestoringComputer;
  } = {},
): Promise<{ verify: VerifyReport }> {
  const fs = options.fs ?? nodeVaultFs;
  const root = resolve(folder);
  const target = resolve(targetDir);
  const set = (await backupSetsIn(fs, root)).find((s) => s.vaultId === vaultId);
  if (!set)
    throw new AttuneError('not-found', `No backups of this vault are in ${root}. Choose another folder.`);
  let lock: ProcessLock | null = null;
  try {
    lock = await ProcessLock.acquire(fs, set.dir, backupLockWords(set.dir, root));
  } catch (error) {
    // Another backup or restore is using the set; a read-only backup medium needs no lock.
    if (error instanceof AttuneError && error.kind === 'in-use') throw error;
  }
  let keys: VaultKeys | null = null;
  try {
    const generations = await readGenerations(fs, set.dir, { removeIncomplete: false, sidecars: 'all' });
    const index = generations.findIndex((g) => g.name === generation);
    const g = generations[index];
    if (!g) {
      throw new AttuneError(
        'not-found',
        `The backup ${generation} is no longer in ${root}. Choose another backup.`,
      );
    }
    const older = generations[index - 1];
    if (g.problem === 'newer-version') throw new AttuneError('unsupported-version', newerVersionProblem);
    const syncedId = await syncedGenerationId(fs, g.dir);
    if (syncedId) {
      return await restoreSyncedGeneration(
        fs,
        g,
        older,
        syncedId,
        passphrase,
        target,
        options.onProgress,
        options.thisComputer,
      );
    }
    let header: VaultHeader;
    try {
      header = await readHeader(fs, g.dir);
    } catch (error) {
      if (error instanceof AttuneError && error.kind === 'unsupported-version') {
        throw new AttuneError('unsupported-version', newerVersionProblem);
      }
      throw damaged(g, older, 'its header cannot be read');
    }
    try {
      keys = (await unlockKeys(header, { passphrase })).keys;
    } catch (error) {
      if (error instanceof AttuneError && error.kind === 'wrong-passphrase') {
        throw wrongBackupPassphrase();
      }
      throw error;
    }
    if (!headerMacValid(keys.headerMac, header)) throw damaged(g, older, 'its header was altered');
    const before = await verifyContents(fs, g.dir, header, keys);
    if (!before.ok) throw damaged(g, older, firstProblem(before));

    const existed = await fs.stat(target).then(
      () => true,
      (error: unknown) => {
        if (isNotFound(error)) return false;
        throw restoreFailure(error, target);
      },
    );
    let wrote = false;
    try {
      const { state } = await loadState(fs, g.dir, header, keys);
      wrote = true;
      await copyVault(fs, g.dir, target, header, state, options.onProgress);
      const after = await verifyContents(fs, target, header, keys);
      if (!after.ok) {
        throw new AttuneError(
          'integrity',
          `The restored copy in ${target} did not pass its check (${firstProblem(after)}), so it was removed. The disk may be failing: try another folder.`,
        );
      }
      return { verify: after };
    } catch (error) {
      // Take back what was written (but never a folder that held something before we started).
      if (wrote && !(error instanceof AttuneError && error.kind === 'vault-exists')) {
        await removeFolder(fs, target).catch(() => undefined);
        if (existed) await fs.mkdir(target, { mode: 0o700 }).catch(() => undefined);
      }
      throw restoreFailure(error, target);
    }
  } finally {
    if (keys) zeroKeys(keys);
    await lock?.release();
  }
}
