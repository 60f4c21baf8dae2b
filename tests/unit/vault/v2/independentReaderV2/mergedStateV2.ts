/**
 * Applying frames and computing the state (FORMAT.md §5, §8): causal application, heads,
 * conflicts and their winner, device names. From the text alone.
 */
import type { Frame } from './deviceLogV2';

export interface RecordVersion {
  opId: string;
  deviceHex: string;
  at: string;
  deleted: boolean;
  value?: unknown;
}

export interface RecordState {
  kind: string;
  id: string;
  value: unknown;
  /** §5: the length of the longest parent chain to the (winning) head, 1 for a new record. */
  rev: number;
}

export interface Conflict {
  kind: string;
  id: string;
  versions: RecordVersion[];
}

export interface Merged {
  applied: Frame[];
  /** Applied frames per device (its highest applied seq). */
  appliedSeq: Map<string, number>;
  records: RecordState[];
  conflicts: Conflict[];
  deviceNames: Map<string, string>;
  /** Chained frames that could not be applied (a parent never arrived). */
  waiting: Frame[];
}

interface AppliedOp {
  opId: string;
  deviceHex: string;
  at: string;
  parents: string[];
  deleted: boolean;
  value?: unknown;
}

function revision(head: AppliedOp, ops: AppliedOp[]): number {
  const byId = new Map(ops.map((o) => [o.opId, o]));
  const memo = new Map<string, number>();
  const rev = (o: AppliedOp): number => {
    const known = memo.get(o.opId);
    if (known !== undefined) return known;
    const parents = o.parents.map((p) => byId.get(p)).filter((p): p is AppliedOp => p !== undefined);
    const r = 1 + Math.max(0, ...parents.map(rev));
    memo.set(o.opId, r);
    return r;
  };
  return rev(head);
}

export function mergeLogs(chains: Map<string, Frame[]>): Merged {
  const appliedOps = new Set<string>();
  const next = new Map<string, number>([...chains.keys()].map((d) => [d, 0]));
  const applied: Frame[] = [];
  const byRecord = new Map<string, { kind: string; id: string; ops: AppliedOp[] }>();
  const names = new Map<string, { seq: number; name: string }>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const [d, frames] of chains) {
      for (let i = next.get(d) ?? 0; i < frames.length; i++) {
        const f = frames[i] as Frame;
        const parentsReady = f.payload.ops.every(
          (op) => op.op === 'device' || op.parents.every((p) => appliedOps.has(p)),
        );
        if (!parentsReady) break;
        f.payload.ops.forEach((op, index) => {
          const opId = `${d}:${f.seq}:${index}`;
          appliedOps.add(opId);
          if (op.op === 'device') {
            const known = names.get(d);
            if (!known || known.seq < f.seq) names.set(d, { seq: f.seq, name: op.name });
            return;
          }
          const key = `${op.kind}\u0000${op.id}`;
          const rec = byRecord.get(key) ?? { kind: op.kind, id: op.id, ops: [] };
          rec.ops.push({
            opId,
            deviceHex: d,
            at: f.payload.at,
            parents: op.parents,
            deleted: op.op === 'delete',
            value: f.payload.values[index],
          });
          byRecord.set(key, rec);
        });
        applied.push(f);
        next.set(d, i + 1);
        progress = true;
      }
    }
  }

  const records: RecordState[] = [];
  const conflicts: Conflict[] = [];
  for (const { kind, id, ops } of byRecord.values()) {
    const named = new Set(ops.flatMap((o) => o.parents));
    const heads = ops.filter((o) => !named.has(o.opId));
    const puts = heads.filter((h) => !h.deleted);
    // GUESS (§5): "ties broken by the op id's text" does not say which way; the higher text wins here.
    const winner = [...puts].sort((a, b) =>
      a.at === b.at ? (a.opId < b.opId ? 1 : -1) : a.at < b.at ? 1 : -1,
    )[0];
    if (winner) records.push({ kind, id, value: winner.value, rev: revision(winner, ops) });
    if (heads.length > 1) {
      conflicts.push({
        kind,
        id,
        versions: heads.map(({ opId, deviceHex, at, deleted, value }) =>
          deleted ? { opId, deviceHex, at, deleted } : { opId, deviceHex, at, deleted, value },
        ),
      });
    }
  }
  const appliedSeq = new Map([...chains.keys()].map((d) => [d, next.get(d) ?? 0]));
  const waiting = [...chains].flatMap(([d, frames]) => frames.slice(next.get(d) ?? 0));
  return {
    applied,
    appliedSeq,
    records,
    conflicts,
    deviceNames: new Map([...names].map(([d, n]) => [d, n.name])),
    waiting,
  };
}
