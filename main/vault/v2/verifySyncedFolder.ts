import { join, resolve } from 'node:path';
import type { VaultSecret } from '../unlock';
import { nodeVaultFs, type VaultFs } from '../vaultFs';
import { MergedState } from './MergedState';
import { MARKER_FILE, parseMarker } from './marker';
import { mergedStateProblems } from './mergedStateProblems';
import { RollbackEvidence } from './RollbackEvidence';
import { readAllLogs } from './readAllLogs';
import { readKeySlotFiles } from './readKeySlotFiles';
import type { SyncedVerifyReport } from './syncedVaultTypes';
import type { SyncProblem } from './types';
import { unlockSlots } from './unlockSlots';
import { zeroV2Keys } from './v2Keys';

/**
 * Checks a format-2 vault folder from outside, writing nothing (no device joins, no lock, no
 * audit entry): every device's frames authentic and chained, nothing waiting on a missing frame,
 * no fork, every audit chain intact, every device's claims met. For `attune verify` and for
 * checking a copy (a backup, a folder a sync app has just finished).
 */
export async function verifySyncedFolder(
  dir: string,
  secret: VaultSecret,
  options: { fs?: VaultFs } = {},
): Promise<SyncedVerifyReport> {
  const fs = options.fs ?? nodeVaultFs;
  const root = resolve(dir);
  const marker = parseMarker(await fs.readFile(join(root, MARKER_FILE)));
  if (marker.version !== 2) throw new Error('verifySyncedFolder reads format 2 only');
  const { files, problems: slotProblems } = await readKeySlotFiles(fs, root);
  const unlocked = await unlockSlots(files, secret, marker.vaultId);
  const state = new MergedState();
  try {
    const read = await readAllLogs({
      fs,
      vaultDir: root,
      vaultId: marker.vaultId,
      logKey: unlocked.keys.log,
      ownHex: null,
      state,
    });
    const name = (hex: string) => state.deviceName(hex) ?? `another computer (${hex.slice(0, 8)})`;
    const claims = await new RollbackEvidence().check({
      fs,
      dir: root,
      vaultId: marker.vaultId,
      seenKey: unlocked.keys.seen,
      ownHex: '',
      state,
      localSeen: undefined,
      maxEpoch: Math.max(...files.map((f) => f.slots.epoch)),
      name,
    });
    const problems: SyncProblem[] = [
      ...slotProblems,
      ...read.problems.filter((p) => p.type !== 'artefact'),
      ...claims,
      ...mergedStateProblems(state, name),
    ];
    return {
      // From outside, a claim not met is a change missing from the folder, whoever claimed it.
      ok: problems.length === 0,
      records: state.records().length,
      conflicts: state.conflicts().length,
      auditEntries: state.audit().length,
      problems,
    };
  } finally {
    state.wipe();
    zeroV2Keys(unlocked.keys);
  }
}
