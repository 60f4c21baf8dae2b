import type { KdfParams } from '../kdf';
import type { ReadOnlyVault } from '../readOnlyVault';
import type { VaultFs } from '../vaultFs';
import { MergedState } from './MergedState';
import { syncedGenerationId, unlockSyncedFolder } from './openSyncedGeneration';
import { readAllLogs } from './readAllLogs';
import { zeroV2Keys } from './v2Keys';

/**
 * Opens a format-2 generation (a backup of a vault shared by several computers) to read single
 * records from it: its newest key slots unlocked with the passphrase (`derive` shares the key
 * derivation between generations), every device's log read and merged as a reader does
 * (FORMAT.md §8: each frame authenticated, damaged ones left out), nothing written. A record is
 * the version the merge shows (its winner), or undefined when it is absent or deleted there.
 * Null when the passphrase or the files do not open it: the caller tries another generation.
 */
export async function openSyncedReadOnly(
  fs: VaultFs,
  dir: string,
  passphrase: string,
  derive: (passphrase: string, salt: Buffer, params: KdfParams) => Promise<Buffer>,
): Promise<ReadOnlyVault | null> {
  const vaultId = await syncedGenerationId(fs, dir);
  if (!vaultId) return null;
  const state = new MergedState();
  try {
    const unlocked = await unlockSyncedFolder(fs, dir, vaultId, { passphrase }, derive);
    try {
      await readAllLogs({ fs, vaultDir: dir, vaultId, logKey: unlocked.keys.log, ownHex: null, state });
    } finally {
      zeroV2Keys(unlocked.keys);
    }
  } catch {
    state.wipe();
    return null;
  }
  let open = true;
  return {
    vaultId: vaultId.toString('hex'),
    async get(kind, id) {
      const record = open ? state.record(kind, id) : undefined;
      if (!record || record.deleted || !record.winner.value) return undefined;
      try {
        return JSON.parse(record.winner.value.toString('utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
    close() {
      open = false;
      state.wipe();
    },
  };
}
