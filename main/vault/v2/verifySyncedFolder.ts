import { resolve } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import type { VaultSecret } from '../unlock';
import { isNotFound, nodeVaultFs, type VaultFs } from '../vaultFs';
import { affectedRecords } from './affectedRecords';
import { backupListProblems, isBackupGeneration } from './backupListProblems';
import { unnamedDevice } from './checkClaims';
import { acknowledgementsOf, applyDamageRepairs } from './damageRepairs';
import { withoutForkEchoes } from './forkSummary';
import { MergedState } from './MergedState';
import { parseMarker, readMarkerFile } from './marker';
import { mergedStateProblems } from './mergedStateProblems';
import { RollbackEvidence } from './RollbackEvidence';
import { readAllLogs } from './readAllLogs';
import { readKeySlotFiles } from './readKeySlotFiles';
import { sayOtherVault, staleDevices, staleVaultIds } from './staleDeviceFolders';
import type { LocalSeenStore, LostFrames, SyncedVerifyReport } from './syncedVaultTypes';
import { blockingProblems, type SyncProblem } from './types';
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
  options: {
    fs?: VaultFs;
    /**
     * The computer checking (the CLI's): what it remembers having seen of this vault, kept
     * outside the folder, is checked too, so changes saved here and then lost from the folder (an
     * older copy put back over it) fail the check as they fail the open. Not for a backup
     * generation, which is older than what was seen by its nature.
     */
    thisComputer?: { hex: string; localSeen: LocalSeenStore };
  } = {},
): Promise<SyncedVerifyReport> {
  const fs = options.fs ?? nodeVaultFs;
  const root = resolve(dir);
  let markerRead: Buffer;
  try {
    markerRead = await readMarkerFile(fs, root);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new AttuneError(
      'not-a-vault',
      'This vault folder has not finished arriving from the sync service (its attune-vault.json is missing), so it cannot be checked yet. Wait for syncing to finish and check it again; if it has finished, restore the vault from a backup.',
    );
  }
  const marker = parseMarker(markerRead);
  if (marker.version !== 2) throw new Error('verifySyncedFolder reads format 2 only');
  const { files, problems: slotProblems } = await readKeySlotFiles(fs, root);
  const generation = await isBackupGeneration(fs, root, marker.vaultId.toString('hex'));
  const remembered = options.thisComputer && !generation ? options.thisComputer : undefined;
  const unlocked = await unlockSlots(files, secret, marker.vaultId);
  try {
    const report = await checkSyncedFolder({
      fs,
      dir: root,
      vaultId: marker.vaultId,
      keys: unlocked.keys,
      ownHex: null,
      evidence: new RollbackEvidence(),
      ...(remembered
        ? { localSeen: remembered.localSeen, claimsAs: remembered.hex }
        : { localSeen: undefined }),
      // Key files left from before a key rotation (another vault id) say nothing of this vault's epochs.
      maxEpoch: Math.max(
        ...files.filter((f) => f.slots.vaultId.equals(marker.vaultId)).map((f) => f.slots.epoch),
      ),
      name: () => undefined,
      stale: staleDevices(files, marker.vaultId),
      staleVaults: staleVaultIds(files, marker.vaultId),
    });
    // A backup generation is also checked as restore reads it: its list of files and their hashes.
    const listed = await backupListProblems(fs, root, marker.vaultId.toString('hex'));
    const found = [...slotProblems, ...report.problems];
    const problems = [...(generation ? found.map(asBackupProblem) : found), ...listed];
    // From outside, a claim not met is a change missing from the folder, whoever claimed it;
    // a loss a repair acknowledged is information (FORMAT.md §9.1).
    return { ...report, ok: problems.every((p) => p.type === 'repaired'), problems };
  } finally {
    zeroV2Keys(unlocked.keys);
  }
}

/**
 * Reads every device's files from scratch into a fresh state and checks them: frames authentic
 * and chained, nothing that can never apply, no fork, audit chains intact, every claim met.
 * Shared by the open vault's verify and the read-only check from outside. `ok` ignores claims
 * of other devices that are only ahead (files still arriving); the outside check counts them.
 */
export async function checkSyncedFolder(args: {
  fs: VaultFs;
  dir: string;
  vaultId: Buffer;
  keys: { log: Buffer; seen: Buffer };
  ownHex: string | null;
  evidence: RollbackEvidence;
  localSeen: LocalSeenStore | undefined;
  /** With `localSeen` and no `ownHex`: the device whose memory it is (a check from outside by that computer). */
  claimsAs?: string;
  maxEpoch: number;
  /** A device's name when its own frames do not give one. */
  name: (hex: string) => string | undefined;
  /** The open vault's own state: records it shows that the fresh read lost are reported as `affected`. */
  live?: MergedState;
  /** Device folders from before a key rotation: reported, not read. */
  stale?: ReadonlySet<string>;
  /** Their vault ids (staleVaultIds): one no rotation of this vault replaced is another vault's. */
  staleVaults?: ReadonlyMap<string, string>;
  /** Progress, in devices whose logs have been read. */
  onProgress?: (done: number, total: number) => void;
}): Promise<SyncedVerifyReport> {
  const state = new MergedState();
  try {
    const read = await readAllLogs({
      fs: args.fs,
      vaultDir: args.dir,
      vaultId: args.vaultId,
      logKey: args.keys.log,
      ownHex: args.ownHex,
      state,
      ...(args.onProgress ? { onDevice: args.onProgress } : {}),
      ...(args.stale ? { stale: args.stale } : {}),
    });
    const known = (hex: string) => state.deviceName(hex) ?? args.name(hex);
    const name = (hex: string) => known(hex) ?? unnamedDevice(hex);
    const claims = await args.evidence.check({
      fs: args.fs,
      dir: args.dir,
      vaultId: args.vaultId,
      seenKey: args.keys.seen,
      ownHex: args.ownHex ?? args.claimsAs ?? '',
      state,
      localSeen: args.localSeen,
      maxEpoch: args.maxEpoch,
      name: known,
      ...(args.stale ? { stale: args.stale } : {}),
    });
    const forks = state.forks();
    // Damage whose records a repair restored is reported as repaired, still listed (§9.1).
    const found = await applyDamageRepairs({
      fs: args.fs,
      dir: args.dir,
      problems: [
        // A forked log is one line (mergedStateProblems), not one per change number and file
        // from the reader, and what the claims say of it besides (withoutForkEchoes).
        ...withoutForkEchoes(read.problems, forks)
          .filter((p) => p.type !== 'artefact')
          .map((p) =>
            args.staleVaults
              ? sayOtherVault(p, args.staleVaults, state.audit(), args.vaultId.toString('hex'))
              : p,
          ),
        ...withoutForkEchoes(claims, forks, true),
        ...mergedStateProblems(state, name, read.problems),
      ],
      acknowledged: acknowledgementsOf(state.audit()),
      name,
    });
    const blocking = blockingProblems(found);
    return {
      ok: blocking.length === 0,
      records: state.records().length,
      conflicts: state.conflicts().length,
      auditEntries: state.audit().length,
      problems: [...blocking, ...found.filter((p) => p.type === 'waiting' || p.type === 'repaired')],
      ...(args.live
        ? { affected: affectedRecords(args.live, state), lost: lostFrames(args.live, state) }
        : {}),
    };
  } finally {
    state.wipe();
  }
}

/** Per device, the frames `live` has applied beyond what the fresh read `fresh` applies. */
function lostFrames(live: MergedState, fresh: MergedState): LostFrames[] {
  const out: LostFrames[] = [];
  for (const hex of live.devices()) {
    const had = live.head(hex)?.seq ?? 0;
    const now = fresh.head(hex)?.seq ?? 0;
    if (had > now) out.push({ deviceHex: hex, from: now + 1, to: had });
  }
  return out;
}

/**
 * In a backup generation nothing more arrives: changes another computer had made (its claims)
 * that the backup lacks are a gap in it, not changes to wait for with the sync app running.
 */
function asBackupProblem(problem: SyncProblem): SyncProblem {
  if (problem.type !== 'waiting') return problem;
  const changes = /^Waiting for (.+?) from (.+?): /.exec(problem.message);
  const keys = /^Waiting for a change of passphrase or recovery key made on (.+?): /.exec(problem.message);
  const what = changes
    ? `${changes[1]} from ${changes[2]}`
    : keys
      ? `a change of passphrase or recovery key made on ${keys[1]}`
      : 'changes its files say were made';
  return {
    ...problem,
    message: `This backup lacks ${what}: made before the backup, they had not reached the computer that wrote it, or a file of the backup is missing or cut short. Nothing more arrives in a backup; a later generation may hold them.`,
  };
}
