import type { OpenVault } from '../../vault/OpenVault';
import type { RestoringComputer } from '../../vault/v2/restoreSyncedGeneration';
import type { VerifyReport } from '../../vault/vaultTypes';

/** `done` of `total` steps of long work. */
export type Progress = (done: number, total: number) => void;

/** A generation as listed for restore, with counts read from its manifest. */
export interface ListedGeneration {
  name: string;
  createdAt: string;
  clients: number;
  sessions: number;
  notes: number;
  readable: boolean;
  problem: string | null;
}

/**
 * The vault layer's backup operations the backup and restore services use (main/vault/backupSet
 * and switchVaultFolder). Named here so the services say exactly what they depend on.
 */
export interface BackupEngine {
  /** Writes, verifies and prunes a generation of the open vault in `folder`. */
  backup(
    vault: OpenVault,
    folder: string,
    options: { now: Date; onProgress?: Progress },
  ): Promise<{ generation: string; createdAt: string; verify: VerifyReport }>;
  /** The backup sets and generations in `folder` (newest first), with counts read with `passphrase`. */
  list(
    folder: string,
    passphrase: string,
  ): Promise<Array<{ vaultId: string; generations: ListedGeneration[] }>>;
  /**
   * Verifies a generation and copies it into the empty `targetDir`, verifying the copy. For a
   * format-2 backup, `thisComputer` is the computer restoring it (its memory of the vault is settled).
   */
  restore(
    folder: string,
    vaultId: string,
    generation: string,
    passphrase: string,
    targetDir: string,
    options?: { onProgress?: Progress; thisComputer?: RestoringComputer },
  ): Promise<{ verify: VerifyReport }>;
  /** Puts `preparedDir` in place of `vaultDir`, keeping the old vault aside under a dated name. */
  switchFolder(vaultDir: string, preparedDir: string, now: Date): Promise<{ keptAside: string | null }>;
}
