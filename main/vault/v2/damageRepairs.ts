import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../binary';
import type { VaultFs } from '../vaultFs';
import type { LostFrames } from './syncedVaultTypes';
import type { SyncProblem } from './types';

/**
 * Acknowledged damage (FORMAT.md §9.1). Once Check the vault has restored every record a
 * device's lost frames held, the 'restore' audit entry names that loss exactly: the device, the
 * frames this computer had and the folder no longer gives (`from`–`to`), and each damaged
 * stretch of its log (file, byte offset, SHA-256 of the bytes from there to the file's end).
 * A later check reports a problem that an acknowledgement covers exactly as `repaired`
 * (information, still listed), and every other problem as before: more frames lost, other
 * bytes damaged, another device's log, a fork. Nothing is erased: the damaged bytes stay, the
 * claims are never lowered, and the acknowledgement is one more entry in the hash-chained log.
 */

export const REPAIRED_DAMAGE_FIELD = 'repairedDamage';

const damageRepairSchema = z.strictObject({
  device: z.string().regex(/^[0-9a-f]{32}$/),
  from: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  to: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  damage: z.array(
    z.strictObject({
      file: z.string().regex(/^devices\/[0-9a-f]{32}\/[^/]+$/),
      offset: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type DamageRepair = z.infer<typeof damageRepairSchema>;

/** An acknowledgement with the entry that made it: when, and on which device. */
interface Acknowledged extends DamageRepair {
  at: string;
  byHex: string;
}

const auditLineSchema = z.object({
  at: z.string(),
  type: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** Every acknowledgement in the merged audit log; an entry that does not parse acknowledges nothing. */
export function acknowledgementsOf(audit: Array<{ deviceHex: string; text: string }>): Acknowledged[] {
  const out: Acknowledged[] = [];
  for (const line of audit) {
    if (!line.text.includes(REPAIRED_DAMAGE_FIELD)) continue;
    try {
      const entry = auditLineSchema.parse(JSON.parse(line.text));
      const field = entry.detail[REPAIRED_DAMAGE_FIELD];
      if (entry.type !== 'restore' || typeof field !== 'string') continue;
      for (const repair of z.array(damageRepairSchema).parse(JSON.parse(field)))
        out.push({ ...repair, at: entry.at, byHex: line.deviceHex });
    } catch {
      // Not an acknowledgement: the problems it might have covered stay reported.
    }
  }
  return out;
}

/** The bytes of `file` from `offset` to its end, hashed; null when the file cannot be read there. */
async function tailHash(fs: VaultFs, dir: string, file: string, offset: number): Promise<string | null> {
  const bytes = await fs.readFile(join(dir, file)).catch(() => null);
  return bytes && bytes.length >= offset ? sha256Hex(bytes.subarray(offset)) : null;
}

/**
 * The problems with those an acknowledgement covers exactly turned into `repaired`: damaged bytes
 * at the same place of the same file, still the very bytes that were damaged then; a claim not
 * met (rollback, or frames another device saw) starting at the same frame and ending within the
 * acknowledged range. Anything else is left as it was.
 */
export async function applyDamageRepairs(args: {
  fs: VaultFs;
  dir: string;
  problems: SyncProblem[];
  acknowledged: Acknowledged[];
  name: (hex: string) => string;
}): Promise<SyncProblem[]> {
  if (args.acknowledged.length === 0) return args.problems;
  const out: SyncProblem[] = [];
  for (const problem of args.problems) {
    const by = await coveringAck(args, problem);
    if (!by) {
      out.push(problem);
      continue;
    }
    const who = args.name(problem.deviceHex ?? by.device);
    const what =
      problem.offset !== undefined
        ? `Part of ${who}’s changes (${problem.file.split('/').at(-1)} from byte ${problem.offset}) is damaged`
        : `Changes ${by.from} to ${by.to} saved on ${who} are missing from the vault folder`;
    out.push({
      type: 'repaired',
      file: problem.file,
      ...(problem.deviceHex ? { deviceHex: problem.deviceHex } : {}),
      ...(problem.offset !== undefined ? { offset: problem.offset } : {}),
      ...(problem.frames ? { frames: problem.frames } : {}),
      repairedAt: by.at,
      repairedBy: args.name(by.byHex),
      message: `${what}. The records they held were restored from backups on ${by.at.slice(0, 10)} on ${args.name(by.byHex)}; nothing else needs doing. This stays listed as a record of the repair.`,
    });
  }
  return out;
}

async function coveringAck(
  args: { fs: VaultFs; dir: string; acknowledged: Acknowledged[] },
  problem: SyncProblem,
): Promise<Acknowledged | null> {
  const hex = problem.deviceHex;
  if (!hex) return null;
  if (problem.type === 'damage' && problem.offset !== undefined) {
    const tail = await tailHash(args.fs, args.dir, problem.file, problem.offset);
    return (
      args.acknowledged.find(
        (a) =>
          a.device === hex &&
          a.damage.some((d) => d.file === problem.file && d.offset === problem.offset && d.sha256 === tail),
      ) ?? null
    );
  }
  if ((problem.type === 'rollback' || problem.type === 'waiting') && problem.frames) {
    const { from, to } = problem.frames;
    return args.acknowledged.find((a) => a.device === hex && a.from === from && to <= a.to) ?? null;
  }
  return null;
}

/**
 * What a repair may acknowledge (FORMAT.md §9.1). `before` is the open vault's check made before
 * the repair, while it still held the lost frames (`lost`: per device, the frames it had applied
 * that the folder no longer gives); `after` is the check after the repair reopened the vault,
 * just before it writes. Closing the vault may append to this computer's old log (its lock)
 * after the damage: those frames are this computer's own and unreadable past the damage like
 * the rest, so the range is taken from the claims after. A device is acknowledged when every
 * problem after is damaged bytes at a place already damaged before (hashed now, from there to
 * the file's end) or a claim from the first lost frame on; with any other problem (a fork, a
 * file skipped whole, damage elsewhere, frames this computer never had) its loss stays reported.
 */
export async function damageRepairsFor(args: {
  fs: VaultFs;
  dir: string;
  before: { problems: SyncProblem[]; lost?: LostFrames[]; ownHex: string };
  after: { problems: SyncProblem[] };
}): Promise<DamageRepair[]> {
  const out: DamageRepair[] = [];
  for (const lost of args.before.lost ?? []) {
    const hex = lost.deviceHex;
    const seen = new Set(
      args.before.problems
        .filter((p) => p.deviceHex === hex && p.type === 'damage' && p.offset !== undefined)
        .map((p) => `${p.file}@${p.offset}`),
    );
    const damage: DamageRepair['damage'] = [];
    let to = lost.to;
    let covered = true;
    for (const p of args.after.problems) {
      if (p.deviceHex !== hex || p.type === 'artefact') continue;
      if (p.type === 'damage' && p.offset !== undefined && seen.has(`${p.file}@${p.offset}`)) {
        const sha256 = await tailHash(args.fs, args.dir, p.file, p.offset);
        if (sha256 === null) covered = false;
        else damage.push({ file: p.file, offset: p.offset, sha256 });
      } else if ((p.type === 'rollback' || p.type === 'waiting') && p.frames?.from === lost.from) {
        // Beyond what this computer had applied only for its own old log (its closing frames).
        if (p.frames.to > lost.to && hex !== args.before.ownHex) covered = false;
        to = Math.max(to, p.frames.to);
      } else covered = false;
    }
    if (covered) out.push({ device: hex, from: lost.from, to, damage });
  }
  return out;
}
