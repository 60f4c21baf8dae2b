import { AttuneError } from '../../../shared/errors';
import type { BackupEngine } from './BackupEngine';

// TEMPORARY while the vault layer's backup sets land (main/vault/backupSet.ts): refuses clearly.
const notYet = async (): Promise<never> => {
  throw new AttuneError('invalid-input', 'Backups are not available in this build.');
};

/** The backup engine over the vault layer's backup sets and folder switch. */
export const vaultBackupEngine: BackupEngine = {
  backup: notYet,
  list: notYet,
  restore: notYet,
  switchFolder: notYet,
};
