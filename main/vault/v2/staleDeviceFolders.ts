import { join } from 'node:path';
import { fsyncDir } from '../atomicWrite';
import { asideStamp } from '../switchVaultFolder';
import type { VaultFs } from '../vaultFs';
import { KEYS_FILE, type KeySlots } from './keySlotsCodec';
import type { SyncProblem } from './types';

const DEVICES = 'devices';

/**
 * Device folders left from before the vault key was rotated (FORMAT.md §13): the device's own
 * keys.json belongs to the vault that was replaced (another vault id). A sync app brings one back
 * when a computer saved in it while the rotation was crossing; its files are under the old key,
 * so they are not read as part of this vault, and they are never deleted.
 */
export function staleDevices(
  files: Array<{ deviceHex: string; file: string; slots: KeySlots }>,
  vaultId: Buffer,
): Set<string> {
  const stale = new Set<string>();
  for (const f of files) {
    if (f.file === `${DEVICES}/${f.deviceHex}/${KEYS_FILE}` && !f.slots.vaultId.equals(vaultId)) {
      stale.add(f.deviceHex);
    }
  }
  return stale;
}

/** What a reader says of a stale device folder: information, with what to do. */
export function staleProblem(deviceHex: string): SyncProblem {
  return {
    type: 'foreign',
    file: `${DEVICES}/${deviceHex}`,
    deviceHex,
    message:
      `The folder of ${deviceHex}'s changes is from before the vault key was rotated, so Attune ` +
      `does not read it as part of this vault. Open Attune on ${deviceHex}: it joins the vault ` +
      'again and keeps that folder aside; changes saved there after the rotation stay in it.',
  };
}

/**
 * Puts this computer's own stale folder aside (only this computer writes in it), as
 * `devices/<id>.before-key-rotation-YYYY-MM-DD HH-MM`, so it can join the rotated vault afresh.
 * The name is not a device folder's, so no reader takes it for one. Returns the new path.
 */
export async function putAsideStaleFolder(fs: VaultFs, vaultDir: string, deviceHex: string, now: Date) {
  const from = join(vaultDir, DEVICES, deviceHex);
  const base = `${deviceHex}.before-key-rotation-${asideStamp(now)}`;
  let to = join(vaultDir, DEVICES, base);
  for (
    let n = 2;
    await fs.stat(to).then(
      () => true,
      () => false,
    );
    n++
  ) {
    to = join(vaultDir, DEVICES, `${base} ${n}`);
  }
  await fs.rename(from, to);
  await fsyncDir(fs, join(vaultDir, DEVICES));
  return to;
}
