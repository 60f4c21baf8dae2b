import { dirname } from 'node:path';
import { fsyncDir } from './atomicWrite';
import { removeTree } from './folderTree';
import { freeAsideName } from './switchVaultFolder';
import { writeFailure } from './vaultErrors';
import { isNotFound, type VaultFs } from './vaultFs';

export interface StagedMove {
  /** The checked copy beside the target, under a hidden name. */
  staging: string;
  /** Where the vault is going (absent, or an empty folder). */
  target: string;
  /** Where the vault was. */
  source: string;
  now: Date;
  /** Records the new place (the commit point of a move). */
  commit: () => Promise<void>;
  /** Told as soon as the copy has the target's name (the staging folder is gone). */
  onPlaced: () => void;
  /** Runs just before the old folder is put aside (e.g. releasing its process lock). */
  beforeAside?: () => Promise<void>;
  /** Runs on the old folder once it is aside (e.g. removing its stale lock file). */
  afterAside?: (keptAside: string) => Promise<void>;
}

/**
 * The end of a move, the same for both formats: the checked copy takes the target's name, the
 * new place is recorded, and the old folder is put aside under a name that says so. If recording
 * fails the copy is taken back, so the same folder can be chosen again. If putting aside fails
 * the old copy stays where it was, which is only less clear: its path is returned as kept aside.
 */
export async function placeStagedCopy(fs: VaultFs, move: StagedMove): Promise<{ keptAside: string }> {
  const { staging, target, source } = move;
  try {
    await fs.rmdir(target).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    await fs.rename(staging, target);
    move.onPlaced();
    await fsyncDir(fs, dirname(target));
  } catch (error) {
    throw writeFailure(error);
  }
  try {
    await move.commit();
  } catch (error) {
    await removeTree(fs, target).catch(() => undefined);
    throw writeFailure(error);
  }
  try {
    const keptAside = await freeAsideName(fs, source, 'moved', move.now);
    await move.beforeAside?.();
    await fs.rename(source, keptAside);
    await fsyncDir(fs, dirname(source)).catch(() => undefined);
    await move.afterAside?.(keptAside);
    return { keptAside };
  } catch {
    return { keptAside: source };
  }
}
