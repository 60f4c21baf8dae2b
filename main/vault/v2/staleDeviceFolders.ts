import { join } from 'node:path';
import { fsyncDir } from '../atomicWrite';
import { asideStamp } from '../switchVaultFolder';
import type { VaultFs } from '../vaultFs';
import { auditEntriesOf } from './auditEntriesOf';
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

/** Each stale folder's vault id (hex), as its own keys.json names it. */
export function staleVaultIds(
  files: Array<{ deviceHex: string; file: string; slots: KeySlots }>,
  vaultId: Buffer,
): Map<string, string> {
  const stale = staleDevices(files, vaultId);
  return new Map(
    files
      .filter((f) => stale.has(f.deviceHex) && f.file === `${DEVICES}/${f.deviceHex}/${KEYS_FILE}`)
      .map((f) => [f.deviceHex, f.slots.vaultId.toString('hex')]),
  );
}

/**
 * The reader's word on a stale folder (staleProblem) once the audit trail is read: a folder whose
 * key file names a vault no key rotation of this one replaced (its `key-rotation` entries name
 * each `previousVault`) is another vault's, copied or synced in by mistake, and said so by both
 * vault ids, rather than telling the user to open Attune on a computer that never used this
 * vault. Other problems pass through unchanged.
 */
export function sayOtherVault(
  problem: SyncProblem,
  staleVaults: ReadonlyMap<string, string>,
  audit: ReadonlyArray<{ deviceHex: string; text: string }>,
  vaultHex: string,
): SyncProblem {
  const other =
    problem.type === 'foreign' && problem.deviceHex ? staleVaults.get(problem.deviceHex) : undefined;
  if (other === undefined) return problem;
  if (auditEntriesOf(audit, 'key-rotation').some((e) => e.detail.previousVault === other)) return problem;
  return {
    ...problem,
    message: `The folder ${problem.file} belongs to another Attune vault: its key file names the vault ${other}, and this vault is ${vaultHex} (no key rotation of it replaced that one). Attune does not read it. It was probably copied or synced into this vault's folder by mistake: move it out of the vault folder.`,
  };
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
