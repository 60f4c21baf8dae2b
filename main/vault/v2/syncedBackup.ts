import { AttuneError } from '../../../shared/errors';
import type { AuditDetail } from '../auditLog';
import { backupAuditDetail, backupNotVerified } from '../backupOutcome';
import { type BackupOptions, type BackupResult, type GenerationWrite, writeBackupSet } from '../backupSet';
import { type SyncedBackupSource, writeSyncedGeneration } from './writeSyncedGeneration';

/**
 * Writes a verified backup generation of an open format-2 vault into `<folder>/Attune backups/
 * <vault id>/<generation>/`, with format 1's generations, pruning, lock and result (backupSet.ts),
 * and records it in the audit log through `audit` (an entry 'backup' as format 1 writes). The
 * caller runs it in the vault's queue, so the vault's own writes have settled. A generation that
 * fails its check is not kept, and the failure thrown after it is recorded.
 */
export async function backupSyncedVault(
  src: SyncedBackupSource,
  folder: string,
  options: BackupOptions,
  audit: (detail: AuditDetail) => Promise<unknown>,
): Promise<BackupResult> {
  let written: GenerationWrite;
  try {
    written = await writeBackupSet(
      src.fs,
      src.vaultId.toString('hex'),
      folder,
      options,
      (setDir, name, now, previous, fullVerifyAt) =>
        writeSyncedGeneration(src, setDir, name, now, previous, fullVerifyAt, options.onProgress),
    );
  } catch (error) {
    const message = error instanceof AttuneError ? error.message : String(error);
    await audit({ folder, ok: false, error: message }).catch(() => undefined);
    throw error;
  }
  const { result } = written;
  await audit(backupAuditDetail(folder, result));
  if (!result.verify.ok) throw backupNotVerified(folder, written);
  return result;
}
