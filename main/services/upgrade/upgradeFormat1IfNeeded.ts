import { resolve } from 'node:path';
import { folderFormat } from '../../vault/folderFormat';
import type { VaultSecret } from '../../vault/unlock';
import { recoverInterruptedUpgrade } from '../../vault/v2/upgradeFolders';
import { type HeldKek, upgradeFormat1 } from '../../vault/v2/upgradeFormat1';
import { nodeVaultFs, type VaultFs } from '../../vault/vaultFs';

export type UpgradeOutcome =
  | { upgraded: true; records: number; keptCopy: string }
  | {
      upgraded: false;
      /** 'format-2': nothing to do. 'needs-passphrase': opened with the recovery key; the next unlock with the passphrase upgrades. 'not-a-vault': the open says what is wrong. */
      reason: 'format-2' | 'needs-passphrase' | 'not-a-vault';
    };

/**
 * Called at unlock, before the vault is opened: upgrades a format-1 vault at `location` to format 2
 * (FORMAT.md §14) as this computer (`device`: its id and name from its settings), reporting
 * records written as `onProgress(done, total)`. Whatever an interrupted upgrade left is finished
 * or undone first, whichever format is found. Only the passphrase upgrades (the new key slots are
 * made from it); with the recovery key the vault opens as it is and upgrades at a later unlock.
 * A failure leaves the format-1 vault as it was and says so; the caller may still open it.
 */
export async function upgradeFormat1IfNeeded(
  location: string,
  secret: VaultSecret,
  device: { hex: string; name: string },
  onProgress?: (done: number, total: number) => void,
  fs: VaultFs = nodeVaultFs,
  /** Given the passphrase's derived key once the upgrade is in place (see UpgradeOptions.keepKek). */
  keepKek?: (held: HeldKek) => void,
): Promise<UpgradeOutcome> {
  const dir = resolve(location);
  const recovered = await recoverInterruptedUpgrade(dir, fs);
  if (recovered === 'none') return { upgraded: false, reason: 'not-a-vault' };
  if ((await folderFormat(dir, fs)) === 2) return { upgraded: false, reason: 'format-2' };
  if (!('passphrase' in secret) || typeof secret.passphrase !== 'string') {
    return { upgraded: false, reason: 'needs-passphrase' };
  }
  const result = await upgradeFormat1(dir, secret.passphrase, device, {
    fs,
    ...(onProgress ? { onProgress } : {}),
    ...(keepKek ? { keepKek } : {}),
  });
  return result.upgraded ? result : { upgraded: false, reason: 'format-2' };
}
