import { nodeVaultFs, type VaultFs } from '../../main/vault/vaultFs';

/**
 * The real file system without fsync. The sync scenarios test what the engine makes of files
 * arriving in any order, late, partial or as conflict copies; they never cut the power, so
 * waiting for the disk would only make a thousand scenarios take hours on this machine.
 * Durability is tested where it is the subject: the writer's fault tests and the real-kill tests.
 */
export const unsyncedFs: VaultFs = {
  ...nodeVaultFs,
  fsync: async () => undefined,
  fdatasync: async () => undefined,
};
