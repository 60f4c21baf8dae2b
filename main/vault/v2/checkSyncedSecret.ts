import { resolve } from 'node:path';
import type { VaultSecret } from '../unlock';
import { nodeVaultFs, type VaultFs } from '../vaultFs';
import { parseMarker, readMarkerFile } from './marker';
import { readKeySlotFiles } from './readKeySlotFiles';
import { unlockSlots } from './unlockSlots';
import { zeroV2Keys } from './v2Keys';

/**
 * Checks that `secret` opens the format-2 vault in `dir` as it is on disk now (the newest key
 * slots of any device), without opening it: the key is unwrapped and discarded at once. Throws
 * 'wrong-passphrase' when it does not. Used before a change that needs the current passphrase.
 */
export async function checkSyncedSecret(
  dir: string,
  secret: VaultSecret,
  fs: VaultFs = nodeVaultFs,
): Promise<void> {
  const root = resolve(dir);
  const marker = parseMarker(await readMarkerFile(fs, root));
  if (marker.version !== 2) throw new Error('checkSyncedSecret reads format 2 only');
  const { files } = await readKeySlotFiles(fs, root);
  const unlocked = await unlockSlots(files, secret, marker.vaultId);
  zeroV2Keys(unlocked.keys);
  unlocked.vaultKey.fill(0);
}
