import { rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir } from '../../vault/atomicWrite';
import { listBackupGenerations, restoreGeneration } from '../../vault/backupSet';
import { switchVaultFolder } from '../../vault/switchVaultFolder';
import { isNotFound, nodeVaultFs } from '../../vault/vaultFs';
import type { BackupEngine } from './BackupEngine';

/** The backup engine over the vault layer's backup sets (main/vault/backupSet) and folder switch. */
export const vaultBackupEngine: BackupEngine = {
  backup: (vault, folder, options) => vault.backupTo(folder, options),
  list: (folder, passphrase) => listBackupGenerations(folder, passphrase),
  restore: (folder, vaultId, generation, passphrase, targetDir, options = {}) =>
    restoreGeneration(folder, vaultId, generation, passphrase, targetDir, options),
  async switchFolder(vaultDir, preparedDir, now) {
    // On a new computer (or after the vault folder was lost) there is nothing to keep aside.
    if (!(await exists(vaultDir))) {
      await rename(preparedDir, vaultDir);
      await fsyncDir(nodeVaultFs, dirname(vaultDir));
      return { keptAside: null };
    }
    return switchVaultFolder(vaultDir, preparedDir, now);
  },
};

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
