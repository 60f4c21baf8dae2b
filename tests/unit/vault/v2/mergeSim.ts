import { createHash } from 'node:crypto';
import { type AuditType, GENESIS_HASH, makeAuditEntry } from '../../../../main/vault/auditLog';
import type { AuditHead } from '../../../../main/vault/manifest';
import { MergedState, type RecordView } from '../../../../main/vault/v2/MergedState';
import type { FramePayload, LogOp, OpId } from '../../../../main/vault/v2/types';

/** A frame as MergedState is offered it. */
export interface SimFrame {
  deviceHex: string;
  frame: { seq: number; prev: Buffer; hash: Buffer };
  payload: FramePayload;
}

export type SimOp =
  | { op: 'put'; kind: string; id: string; value: unknown; parents?: OpId[] }
  | { op: 'delete'; kind: string; id: string; parents?: OpId[] }
  | { op: 'device'; name: string };

export const at = (second: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

/**
 * A simulated device: writes chained frames whose ops' parents are, unless given, the record's
 * heads in its own MergedState (what it has received and applied so far), as the app would.
 */
export class SimDevice {
  readonly state = new MergedState();
  readonly frames: SimFrame[] = [];
  private prev = Buffer.alloc(32);
  private auditHead: AuditHead = { seq: 0, hash: GENESIS_HASH };

  constructor(readonly hex: string) {}

  write(ops: SimOp[], when: string, auditTypes: string[] = ['update']): SimFrame {
    const seq = this.frames.length + 1;
    const values: Buffer[] = [];
    const logOps: LogOp[] = ops.map((op) => {
      if (op.op === 'device') return op;
      const parents = op.parents ?? this.state.parentsFor(op.kind, op.id);
      if (op.op === 'delete') return { op: 'delete', kind: op.kind, id: op.id, parents };
      const value = Buffer.from(JSON.stringify(op.value), 'utf8');
      values.push(value);
      return { op: 'put', kind: op.kind, id: op.id, parents, size: value.length };
    });
    const audit = auditTypes.map((type) => {
      const next = makeAuditEntry(this.auditHead, type as AuditType, { seq }, new Date(when));
      this.auditHead = next.head;
      return next.text;
    });
    const payload: FramePayload = { at: when, ops: logOps, audit, values };
    const hash = createHash('sha256')
      .update(this.prev)
      .update(JSON.stringify({ seq, ops: logOps, audit, at: when }))
      .update(Buffer.concat(values))
      .digest();
    const frame: SimFrame = { deviceHex: this.hex, frame: { seq, prev: this.prev, hash }, payload };
    this.prev = hash;
    this.frames.push(frame);
    this.receive([frame]);
    return frame;
  }

  receive(frames: SimFrame[]): void {
    for (const f of frames) this.state.offer(f.deviceHex, f.frame, f.payload);
    this.state.applyReady();
  }
}

/** A device id: 32 hex digits from a small number. */
export const deviceHex = (n: number): string => n.toString(16).padStart(2, '0').repeat(16);

export const offerAll = (state: MergedState, frames: SimFrame[]): void => {
  for (const f of frames) state.offer(f.deviceHex, f.frame, f.payload);
};

const headShape = (v: RecordView) =>
  v.heads.map((h) => ({
    opId: h.opId,
    deviceHex: h.deviceHex,
    at: h.at,
    deleted: h.deleted,
    value: h.value?.toString('utf8') ?? null,
    rev: h.rev,
  }));

/** Everything a device shows, in plain data, for comparing two states. */
export function snapshot(state: MergedState, keys: Array<{ kind: string; id: string }>) {
  const views = keys.map(({ kind, id }) => {
    const v = state.record(kind, id);
    return (
      v && {
        kind,
        id,
        heads: headShape(v),
        winner: v.winner.opId,
        conflict: v.conflict,
        deleted: v.deleted,
        rev: v.rev,
      }
    );
  });
  return {
    views,
    listed: state
      .records()
      .map((v) => `${v.kind}/${v.id}`)
      .sort(),
    conflicts: state.conflicts().map((v) => `${v.kind}/${v.id}`),
    parents: keys.map(({ kind, id }) => state.parentsFor(kind, id)),
    audit: state.audit(),
    auditProblems: state.auditProblems(),
    devices: state.devices().map((d) => ({ d, head: state.head(d), name: state.deviceName(d) })),
  };
}

/** A small deterministic PRNG (mulberry32), so a fast-check seed decides a shuffle. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
