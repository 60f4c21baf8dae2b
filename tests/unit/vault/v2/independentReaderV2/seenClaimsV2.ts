/** `seen.bin` (FORMAT.md §9) and the check of its claims, from the text alone. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ascii, openSealed } from './bytes';
import type { Frame } from './deviceLogV2';

export interface Seen {
  at: string;
  epoch: number;
  heads: Record<string, { seq: number; hash: string }>;
}

export interface ClaimProblem {
  type: 'rollback' | 'waiting' | 'tamper' | 'keys-rollback' | 'damage';
  deviceHex: string;
  message: string;
}

/** Null when the device has no seen.bin; throws when it is there but does not open. */
export async function readSeen(
  dir: string,
  deviceHex: string,
  vaultId: Buffer,
  kSeen: Buffer,
): Promise<Seen | null> {
  const bytes = await readFile(join(dir, 'devices', deviceHex, 'seen.bin')).catch(() => null);
  if (!bytes) return null;
  if (!bytes.subarray(0, 4).equals(ascii('ATSN')) || bytes[4] !== 2)
    throw new Error(`seen.bin of ${deviceHex}: bad magic`);
  const ad = Buffer.concat([ascii('attune/v2/seen'), vaultId, Buffer.from(deviceHex, 'hex')]);
  const plain = openSealed(kSeen, bytes.subarray(5), ad);
  if (!plain) throw new Error(`seen.bin of ${deviceHex}: fails authentication`);
  return JSON.parse(plain.toString('utf8')) as Seen;
}

/**
 * Checks every claim against the applied frames. `self` is the device whose point of view the
 * reader takes: its own claims that exceed what is applied are a rollback, others' are "waiting".
 */
export function checkClaims(
  seens: Map<string, Seen>,
  applied: Map<string, Frame[]>,
  names: Map<string, string>,
  self: string | undefined,
  keysEpochs: Map<string, number>,
): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  for (const [claimant, seen] of seens) {
    for (const [d, claim] of Object.entries(seen.heads)) {
      const frames = applied.get(d) ?? [];
      const frame = frames[claim.seq - 1];
      const name = names.get(d) ?? d;
      if (frame) {
        if (frame.hash.toString('hex') !== claim.hash) {
          problems.push({
            type: 'tamper',
            deviceHex: d,
            message: `frame ${claim.seq} of ${name} is not the one ${claimant} saw`,
          });
        }
      } else if (claimant === self) {
        problems.push({
          type: 'rollback',
          deviceHex: d,
          message: `${claim.seq - frames.length} changes from ${name} that this computer had seen are gone from the folder`,
        });
      } else {
        problems.push({ type: 'waiting', deviceHex: d, message: `waiting for changes from ${name}` });
      }
    }
    // GUESS (§4/§9): "a keys.json with a lower epoch than one a device has recorded in its
    // seen.bin" is read as: the claimant's own keys.json, or every keys.json, below its claim.
    const own = keysEpochs.get(claimant);
    const highest = Math.max(0, ...keysEpochs.values());
    if ((own !== undefined && own < seen.epoch) || highest < seen.epoch) {
      problems.push({
        type: 'keys-rollback',
        deviceHex: claimant,
        message: `${names.get(claimant) ?? claimant} used key epoch ${seen.epoch}, but its keys.json says ${own ?? 'nothing'} (highest anywhere ${highest})`,
      });
    }
  }
  return problems;
}
