import { AttuneError } from '../../../shared/errors';
import type { GenerationOnDisk } from '../generationsOnDisk';
import type { KdfParams } from '../kdf';
import type { GenerationListing } from '../listBackups';
import { damagedProblem, wrongPassphraseProblem } from '../restoreProblems';
import { startListing } from '../startListing';
import type { VaultFs } from '../vaultFs';
import { readSummary, summaryAd } from './backupSummary';
import { countSyncedRecords, syncedGenerationId, unlockSyncedFolder } from './openSyncedGeneration';
import { zeroV2Keys } from './v2Keys';

/**
 * A format-2 generation as the restore screen lists it: unlocked with its newest key slots (the
 * passphrase's key derivation shared between generations through `derive`), its counts of
 * clients, sessions and notes read from the summary the backup sealed (FORMAT.md §16), or,
 * when that is absent or does not authenticate, by reading and merging every device's log. The
 * full check is left to restore.
 */
export async function describeSyncedGeneration(
  fs: VaultFs,
  vaultId: string,
  g: GenerationOnDisk,
  passphrase: string,
  derive: (passphrase: string, salt: Buffer, params: KdfParams) => Promise<Buffer>,
): Promise<GenerationListing> {
  const { listing, unreadable, problem, sidecar } = startListing(g, vaultId);
  if (problem !== null) return unreadable(problem);
  const id = await syncedGenerationId(fs, g.dir);
  if (id?.toString('hex') !== vaultId) {
    return unreadable(damagedProblem('it belongs to another vault'));
  }
  let unlocked: Awaited<ReturnType<typeof unlockSyncedFolder>>;
  try {
    unlocked = await unlockSyncedFolder(fs, g.dir, id, { passphrase }, derive);
  } catch (error) {
    if (error instanceof AttuneError && error.kind === 'wrong-passphrase')
      return unreadable(wrongPassphraseProblem);
    return unreadable(damagedProblem('its key files cannot be read'));
  }
  try {
    // The backup's sealed counts when they authenticate for exactly these files; else the merge.
    const summary = await readSummary(
      fs,
      g.dir,
      unlocked.keys.summary,
      summaryAd(id, g.name, sidecar.files),
    );
    const counts = summary ?? (await countSyncedRecords(fs, g, id, unlocked.keys));
    return { ...listing, ...counts, readable: true };
  } catch {
    return unreadable(damagedProblem('its change logs cannot be read'));
  } finally {
    zeroV2Keys(unlocked.keys);
  }
}
