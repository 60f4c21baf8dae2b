import { resolve } from 'node:path';
import { moveVaultFolder } from '../../vault/moveVaultFolder';
import { parseMarker, readMarkerFile } from '../../vault/v2/marker';
import { moveSyncedFolder } from '../../vault/v2/moveSyncedFolder';
import { nodeVaultFs, type VaultFs } from '../../vault/vaultFs';
import type { DeviceConfigStore } from '../device/DeviceConfigStore';

/**
 * Moves the (closed) vault from `from` to `to` and records the new place in this computer's
 * settings; that write is the move's commit point (moveVaultFolder). The old copy is listed in
 * the settings until the user removes it: first under its old path, then under the dated name
 * it is renamed to.
 */
export async function moveVaultTo(
  config: DeviceConfigStore,
  from: string,
  to: string,
  passphrase: string,
  defaultLocation: string,
  options: { fs?: VaultFs; now?: Date; deviceHex?: string; formerIds?: readonly string[] } = {},
): Promise<{ keptAside: string }> {
  const isDefault = resolve(to) === resolve(defaultLocation);
  const fs = options.fs ?? nodeVaultFs;
  const format = parseMarker(await readMarkerFile(fs, from)).version;
  const commit = async () => {
    await config.update((c) => ({
      ...c,
      vaultDir: isDefault ? null : to,
      oldVaultCopies: [...c.oldVaultCopies.filter((p) => p !== from), from],
    }));
  };
  const { keptAside } =
    format === 2
      ? await moveSyncedFolder(from, to, { passphrase }, commit, options)
      : await moveVaultFolder(from, to, passphrase, commit, options);
  if (keptAside !== from) {
    await config
      .update((c) => ({ ...c, oldVaultCopies: c.oldVaultCopies.map((p) => (p === from ? keptAside : p)) }))
      .catch(() => undefined); // the old path is then listed while it no longer exists; harmless
  }
  return { keptAside };
}
