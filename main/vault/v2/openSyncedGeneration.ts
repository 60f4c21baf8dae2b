import type { GenerationOnDisk } from '../generationsOnDisk';
import type { KdfParams } from '../kdf';
import { deriveKek } from '../kdf';
import type { VaultSecret } from '../unlock';
import type { VaultFs } from '../vaultFs';
import type { VerifyReport } from '../vaultTypes';
import { MergedState } from './MergedState';
import { parseMarker, readMarkerFile } from './marker';
import { RollbackEvidence } from './RollbackEvidence';
import { readAllLogs } from './readAllLogs';
import { readKeySlotFiles } from './readKeySlotFiles';
import type { SeenState } from './seenFile';
import { blockingProblems } from './types';
import { unlockSlots } from './unlockSlots';
import type { V2Keys } from './v2Keys';
import { checkSyncedFolder } from './verifySyncedFolder';
import { asVerifyProblems } from './writeSyncedGeneration';

/** The vault id a generation's marker states when it is a format-2 vault; null otherwise (format 1, or unreadable). */
export async function syncedGenerationId(fs: VaultFs, dir: string): Promise<Buffer | null> {
  try {
    const marker = parseMarker(await readMarkerFile(fs, dir));
    return marker.version === 2 ? marker.vaultId : null;
  } catch {
    return null;
  }
}

/**
 * A passphrase's key derivations remembered by salt and parameters while listing generations:
 * generations made under one passphrase share their key slots, so Argon2 runs once, not per
 * generation. Each use gets a copy (the unlock zeroes what it is given); `dispose` zeroes the rest.
 */
export function rememberedDerivations(): {
  derive: (passphrase: string, salt: Buffer, params: KdfParams) => Promise<Buffer>;
  dispose: () => void;
} {
  const known = new Map<string, Promise<Buffer>>();
  return {
    derive: async (passphrase, salt, params) => {
      const key = `${salt.toString('hex')}:${params.memoryKiB}:${params.iterations}:${params.parallelism}`;
      let kek = known.get(key);
      if (!kek) {
        kek = deriveKek(passphrase, salt, params);
        known.set(key, kek);
      }
      return Buffer.from(await kek);
    },
    dispose: () => {
      for (const kek of known.values())
        void kek.then(
          (k) => k.fill(0),
          () => undefined,
        );
      known.clear();
    },
  };
}

/** Unlocks a format-2 generation (or a restored copy) with its newest key slots. */
export async function unlockSyncedFolder(
  fs: VaultFs,
  dir: string,
  vaultId: Buffer,
  secret: VaultSecret,
  derive?: (passphrase: string, salt: Buffer, params: KdfParams) => Promise<Buffer>,
): Promise<{ keys: V2Keys; maxEpoch: number; slotProblems: VerifyReport['problems'] }> {
  const { files, problems } = await readKeySlotFiles(fs, dir);
  const unlocked = await unlockSlots(files, secret, vaultId, derive);
  return {
    keys: unlocked.keys,
    maxEpoch: Math.max(0, ...files.map((f) => f.slots.epoch)),
    slotProblems: asVerifyProblems(problems),
  };
}

/** The full check of a format-2 folder from outside, as a backup's check: what blocks using it. */
export async function checkSyncedCopy(
  fs: VaultFs,
  dir: string,
  vaultId: Buffer,
  unlocked: { keys: V2Keys; maxEpoch: number; slotProblems: VerifyReport['problems'] },
): Promise<VerifyReport> {
  const report = await checkSyncedFolder({
    fs,
    dir,
    vaultId,
    keys: unlocked.keys,
    ownHex: null,
    evidence: new RollbackEvidence(),
    localSeen: undefined,
    maxEpoch: unlocked.maxEpoch,
    name: () => undefined,
  });
  const problems = [...unlocked.slotProblems, ...asVerifyProblems(blockingProblems(report.problems))];
  return { ok: problems.length === 0, records: report.records, auditEntries: report.auditEntries, problems };
}

/** How many records of each kind a format-2 generation holds (every device's log read and merged). */
export async function countSyncedRecords(
  fs: VaultFs,
  g: GenerationOnDisk,
  vaultId: Buffer,
  keys: V2Keys,
): Promise<{ clients: number; sessions: number; notes: number; records: number }> {
  const state = new MergedState();
  try {
    await readAllLogs({ fs, vaultDir: g.dir, vaultId, logKey: keys.log, ownHex: null, state });
    const count = (kind: string) => state.records(kind).length;
    return {
      clients: count('client'),
      sessions: count('session'),
      notes: count('note'),
      records: state.records().length,
    };
  } finally {
    state.wipe();
  }
}

/** What a restored copy holds of every device's log, and its newest key epoch: the claims a computer may keep after restoring it. */
export async function restoredSeen(
  fs: VaultFs,
  dir: string,
  vaultId: Buffer,
  unlocked: { keys: V2Keys; maxEpoch: number },
  at: Date,
): Promise<SeenState> {
  const state = new MergedState();
  try {
    await readAllLogs({ fs, vaultDir: dir, vaultId, logKey: unlocked.keys.log, ownHex: null, state });
    const heads: SeenState['heads'] = {};
    for (const hex of state.devices()) {
      const head = state.head(hex);
      if (head) heads[hex] = head;
    }
    return { at: at.toISOString(), epoch: unlocked.maxEpoch, heads };
  } finally {
    state.wipe();
  }
}
