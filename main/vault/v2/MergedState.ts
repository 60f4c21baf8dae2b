import { compareText } from '../../../shared/compareText';
import { AttuneError } from '../../../shared/errors';
import { type AuditLine, compareAuditLines, DeviceAuditChain } from './DeviceAuditChain';
import { parseOpId } from './parseOpId';
import { type HeadVersion, type RecordView, recordView } from './recordView';
import { type FramePayload, type HeadClaim, type LogOp, type OpId, opId } from './types';

export type { HeadVersion, RecordView } from './recordView';

/** The `prev` of a device's first frame (FORMAT.md §7). Hashes stay Buffers: hex only on demand. */
const ZERO_HASH = Buffer.alloc(32);

/** A frame offered and not yet applied. */
interface Offered {
  seq: number;
  prev: Buffer;
  hash: Buffer;
  payload: FramePayload;
  /** The parents its ops name, each with the frame that holds it (what the frame waits for). */
  parents: Array<{ opId: OpId; deviceHex: string; seq: number }>;
}

interface DeviceState {
  hex: string;
  /** Hashes of the applied frames; index seq − 1. Applied frames are always seq 1..n. */
  applied: Buffer[];
  /** Offered frames past the applied ones, by seq; more than one at a seq is a fork. */
  offered: Map<number, Offered[]>;
  /**
   * Frames passed over at a fork (another frame is applied at their seq), by seq: kept so that
   * the computer that wrote them can carry their changes over (unappliedBranch). Empty but for forks.
   */
  passed: Map<number, Offered[]>;
  name?: string;
  audit: DeviceAuditChain;
}

interface RecordState {
  kind: string;
  id: string;
  heads: Map<OpId, HeadVersion>;
}

/** An op that names as parent something that is not an earlier op of the same record. */
interface StrayParent {
  deviceHex: string;
  opId: OpId;
  parent: OpId;
  kind: string;
  id: string;
}

/**
 * The vault's state as the deterministic merge of every device's frames (FORMAT.md §5, §8, §12).
 * Frames are applied causally (a device's frames in chain order, each after the frames holding its
 * parents), so the state depends only on the set of frames applied, never on their arrival order.
 *
 * A put or delete whose parent is not an op of the same record (a device op, another record, or an
 * op id its frame does not hold) is damage. That parent is treated as satisfied but not superseding:
 * the frame still applies (so the device's later frames are not held up for ever), the op becomes
 * one more head beside the record's others (shown as a conflict, nothing hidden), and problems()
 * names it.
 *
 * Forks: of two different frames at one seq, the one whose `prev` is the hash of the applied frame
 * before it is applied. When both chain (one device's folder used on two computers), the one with
 * the lower hash is taken if both are here together; if the other was already applied, it stays
 * (payloads are released once applied, so it cannot be undone). Which one wins can then depend on
 * arrival order — the spec is silent on this case; forks() reports it either way.
 */
export class MergedState {
  private devicesByHex = new Map<string, DeviceState>();
  private recordsByKind = new Map<string, Map<string, RecordState>>();
  /** Every applied put/delete, for parents: its record and rev (superseded ones included). */
  private ops = new Map<OpId, { record: RecordState; rev: number }>();
  private conflicted = new Set<RecordState>();
  /** Devices whose next frame may now apply. */
  private ready = new Set<DeviceState>();
  /** `${deviceHex}:${seq}` of a frame not applied yet -> devices whose next frame waits for it. */
  private waiters = new Map<string, Set<DeviceState>>();
  /** deviceHex -> seq -> every distinct hash offered there, for seqs where there was more than one. */
  private forkHashes = new Map<string, Map<number, Set<string>>>();
  private strayParents: StrayParent[] = [];
  private auditCache: Array<{ deviceHex: string; text: string }> | null = null;

  offer(deviceHex: string, frame: { seq: number; prev: Buffer; hash: Buffer }, payload: FramePayload): void {
    let puts = 0;
    for (const op of payload.ops) if (op.op === 'put') puts++;
    if (puts !== payload.values.length) {
      throw new AttuneError(
        'integrity',
        'A saved change could not be read because its contents are incomplete. Run Verify on the vault to find the damaged file.',
      );
    }
    const dev = this.device(deviceHex);
    const { seq, prev, hash } = frame;
    const appliedHash = dev.applied[seq - 1];
    if (appliedHash !== undefined) {
      if (!appliedHash.equals(hash)) {
        this.noteFork(dev, seq, [appliedHash, hash]);
        this.pass(dev, { seq, prev, hash, payload, parents: [] });
      }
      return;
    }
    const alternatives = dev.offered.get(seq) ?? [];
    if (alternatives.some((alt) => alt.hash.equals(hash))) return;
    alternatives.push({
      seq,
      prev,
      hash,
      payload,
      parents: parentsOf(payload.ops),
    });
    dev.offered.set(seq, alternatives);
    if (alternatives.length > 1)
      this.noteFork(
        dev,
        seq,
        alternatives.map((alt) => alt.hash),
      );
    if (seq === dev.applied.length + 1) this.ready.add(dev);
  }

  applyReady(): Array<{ deviceHex: string; seq: number }> {
    const out: Array<{ deviceHex: string; seq: number }> = [];
    // A Set iterates over members added while iterating, so this runs until nothing more applies.
    for (const dev of this.ready) {
      this.ready.delete(dev);
      this.applyChain(dev, out);
    }
    return out;
  }

  head(deviceHex: string): HeadClaim | null {
    const applied = this.devicesByHex.get(deviceHex)?.applied;
    const hash = applied?.[applied.length - 1];
    return applied && hash !== undefined ? { seq: applied.length, hash: hash.toString('hex') } : null;
  }

  /**
   * Whether frames of the device are here but not applied: they wait for the frame before them or
   * for a parent in another device's log that is not here (yet, or any more).
   */
  holdsUnapplied(deviceHex: string): boolean {
    return (this.devicesByHex.get(deviceHex)?.offered.size ?? 0) > 0;
  }

  appliedHash(deviceHex: string, seq: number): string | null {
    return this.devicesByHex.get(deviceHex)?.applied[seq - 1]?.toString('hex') ?? null;
  }

  devices(): string[] {
    return [...this.devicesByHex.keys()].sort();
  }

  deviceName(deviceHex: string): string | undefined {
    return this.devicesByHex.get(deviceHex)?.name;
  }

  record(kind: string, id: string): RecordView | undefined {
    const rec = this.recordsByKind.get(kind)?.get(id);
    return rec ? recordView(rec.kind, rec.id, rec.heads.values()) : undefined;
  }

  records(kind?: string): RecordView[] {
    const groups = kind === undefined ? [...this.recordsByKind.values()] : [this.recordsByKind.get(kind)];
    const out: RecordView[] = [];
    for (const group of groups) {
      for (const rec of group?.values() ?? []) {
        const view = recordView(rec.kind, rec.id, rec.heads.values());
        if (!view.deleted) out.push(view);
      }
    }
    return out;
  }

  conflicts(): RecordView[] {
    return [...this.conflicted]
      .map((rec) => recordView(rec.kind, rec.id, rec.heads.values()))
      .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.id, b.id));
  }

  parentsFor(kind: string, id: string): OpId[] {
    return [...(this.recordsByKind.get(kind)?.get(id)?.heads.keys() ?? [])].sort();
  }

  /**
   * Each entry of `waitingFor` is either `<deviceHex>:<seq>`, the frame before it (not here yet, or
   * here with another hash than this frame's `prev` names), or the op id of a parent not applied yet.
   * The other frame of a fork is listed in forks().
   */
  pending(): Array<{ deviceHex: string; seq: number; waitingFor: string[] }> {
    const out: Array<{ deviceHex: string; seq: number; waitingFor: string[] }> = [];
    for (const dev of this.devicesByHex.values()) {
      for (const [seq, alternatives] of dev.offered) {
        for (const alt of alternatives) {
          const waitingFor = this.chains(dev, alt) ? [] : [`${dev.hex}:${seq - 1}`];
          for (const p of this.missingParents(dev, alt)) waitingFor.push(p.opId);
          out.push({ deviceHex: dev.hex, seq, waitingFor });
        }
      }
    }
    return out.sort((a, b) => compareText(a.deviceHex, b.deviceHex) || a.seq - b.seq);
  }

  /**
   * The branch of a device's log that holds `claim` (its seq and hash), from its first frame that
   * is not applied: the branch of a fork that lost, when another frame is applied at that first
   * seq (one computer's Attune data used on two computers, FORMAT.md §8). It runs on past the claim
   * while one frame, and only one, follows each (the claim can lag behind the last frame written:
   * it is saved at open and lock). [] when the claimed frame is applied, or when its branch only
   * waits (nothing else is applied in its place); null when a frame of the branch is not here.
   * Each frame comes with its hash (hex).
   */
  unappliedBranch(
    deviceHex: string,
    claim: HeadClaim,
  ): Array<{ seq: number; hash: string; payload: FramePayload }> | null {
    const dev = this.devicesByHex.get(deviceHex);
    if (!dev) return null;
    const at = (seq: number) => [...(dev.offered.get(seq) ?? []), ...(dev.passed.get(seq) ?? [])];
    const branch: Offered[] = [];
    let seq = claim.seq;
    let hash: Buffer = Buffer.from(claim.hash, 'hex');
    while (seq >= 1 && !dev.applied[seq - 1]?.equals(hash)) {
      const frame = at(seq).find((f) => f.hash.equals(hash));
      if (!frame) return null;
      branch.unshift(frame);
      seq--;
      hash = frame.prev;
    }
    const first = branch[0];
    if (!first || first.seq > dev.applied.length) return [];
    for (let last = branch[branch.length - 1]!; ; ) {
      const next = at(last.seq + 1).filter((f) => f.prev.equals(last.hash));
      if (next.length !== 1) break;
      last = next[0]!;
      branch.push(last);
    }
    return branch.map((f) => ({ seq: f.seq, hash: f.hash.toString('hex'), payload: f.payload }));
  }

  forks(): Array<{ deviceHex: string; seq: number; hashes: string[] }> {
    const out: Array<{ deviceHex: string; seq: number; hashes: string[] }> = [];
    for (const [deviceHex, bySeq] of this.forkHashes) {
      for (const [seq, hashes] of bySeq) out.push({ deviceHex, seq, hashes: [...hashes].sort() });
    }
    return out.sort((a, b) => compareText(a.deviceHex, b.deviceHex) || a.seq - b.seq);
  }

  /** Ops that name a parent which is not an earlier op of their record, in words for the user. */
  problems(): Array<{ deviceHex: string; message: string }> {
    return this.strayParents.map((s) => ({
      deviceHex: s.deviceHex,
      message: `A change to ${s.kind} “${s.id}” made on ${this.label(s.deviceHex)} refers to an earlier version that does not belong to it (${s.parent}), which points to damage in that computer's files. Attune kept the change as a separate version beside the others; run Verify, and restore a backup if the record looks wrong.`,
    }));
  }

  audit(): Array<{ deviceHex: string; text: string }> {
    if (!this.auditCache) {
      const lines: AuditLine[] = [];
      for (const dev of this.devicesByHex.values()) lines.push(...dev.audit.lines);
      this.auditCache = lines.sort(compareAuditLines).map(({ deviceHex, text }) => ({ deviceHex, text }));
    }
    return this.auditCache;
  }

  auditProblems(): string[] {
    const out: string[] = [];
    for (const hex of this.devices()) {
      const dev = this.devicesByHex.get(hex);
      for (const problem of dev?.audit.problems ?? []) {
        out.push(
          `The activity log written on ${this.label(hex)} is broken: ${problem}. Entries there may have been changed or removed outside Attune; if you did not expect this, restore a backup of the vault folder.`,
        );
      }
    }
    return out;
  }

  wipe(): void {
    for (const group of this.recordsByKind.values()) {
      for (const rec of group.values()) for (const head of rec.heads.values()) head.value?.fill(0);
    }
    for (const dev of this.devicesByHex.values()) {
      for (const alternatives of [...dev.offered.values(), ...dev.passed.values()]) {
        for (const alt of alternatives) for (const value of alt.payload.values) value.fill(0);
      }
    }
    this.devicesByHex.clear();
    this.recordsByKind.clear();
    this.ops.clear();
    this.conflicted.clear();
    this.ready.clear();
    this.waiters.clear();
    this.forkHashes.clear();
    this.strayParents = [];
    this.auditCache = null;
  }

  private device(hex: string): DeviceState {
    let dev = this.devicesByHex.get(hex);
    if (!dev) {
      dev = { hex, applied: [], offered: new Map(), passed: new Map(), audit: new DeviceAuditChain(hex) };
      this.devicesByHex.set(hex, dev);
    }
    return dev;
  }

  private label(hex: string): string {
    const name = this.devicesByHex.get(hex)?.name;
    return name ? `“${name}”` : `the computer ${hex.slice(0, 8)}`;
  }

  private noteFork(dev: DeviceState, seq: number, hashes: Buffer[]): void {
    const bySeq = this.forkHashes.get(dev.hex) ?? new Map<number, Set<string>>();
    this.forkHashes.set(dev.hex, bySeq);
    const set = bySeq.get(seq) ?? new Set<string>();
    for (const h of hashes) set.add(h.toString('hex'));
    bySeq.set(seq, set);
  }

  private pass(dev: DeviceState, frame: Offered): void {
    const passed = dev.passed.get(frame.seq) ?? [];
    if (!passed.some((p) => p.hash.equals(frame.hash))) passed.push(frame);
    dev.passed.set(frame.seq, passed);
  }

  private chains(dev: DeviceState, alt: Offered): boolean {
    const want = alt.seq === 1 ? ZERO_HASH : dev.applied[alt.seq - 2];
    return want !== undefined && alt.prev.equals(want);
  }

  /** Parents held by frames not applied yet. The frame's own earlier ops are there when it applies. */
  private missingParents(dev: DeviceState, alt: Offered, firstOnly = false): Offered['parents'] {
    const out: Offered['parents'] = [];
    for (const p of alt.parents) {
      // The device's earlier frames come with the chain (pending() names the frame before instead).
      if (p.deviceHex === dev.hex && p.seq <= alt.seq) continue;
      if ((this.devicesByHex.get(p.deviceHex)?.applied.length ?? 0) >= p.seq) continue;
      out.push(p);
      if (firstOnly) break;
    }
    return out;
  }

  /** Applies the device's next frames while they chain and their parents are applied. */
  private applyChain(dev: DeviceState, out: Array<{ deviceHex: string; seq: number }>): void {
    for (;;) {
      const seq = dev.applied.length + 1;
      let next: Offered | undefined;
      for (const alt of dev.offered.get(seq) ?? []) {
        // Of two chaining frames (a fork) the lower hash, so devices holding both choose alike.
        if (this.chains(dev, alt) && (!next || Buffer.compare(alt.hash, next.hash) < 0)) next = alt;
      }
      if (!next) return;
      const missing = this.missingParents(dev, next, true)[0];
      if (missing) {
        // Wait on one missing frame at a time: when it applies, this device is tried again.
        const key = `${missing.deviceHex}:${missing.seq}`;
        const set = this.waiters.get(key) ?? new Set<DeviceState>();
        this.waiters.set(key, set.add(dev));
        return;
      }
      // The other frames at this seq are forks, already noted; kept aside for unappliedBranch.
      for (const alt of dev.offered.get(seq) ?? []) if (alt !== next) this.pass(dev, alt);
      dev.offered.delete(seq);
      this.applyFrame(dev, next);
      out.push({ deviceHex: dev.hex, seq });
      const key = `${dev.hex}:${seq}`;
      for (const waiter of this.waiters.get(key) ?? []) if (waiter !== dev) this.ready.add(waiter);
      this.waiters.delete(key);
    }
  }

  private applyFrame(dev: DeviceState, frame: Offered): void {
    const { payload, seq } = frame;
    let putIndex = 0;
    payload.ops.forEach((op, index) => {
      if (op.op === 'device') {
        dev.name = op.name; // the latest one in the log wins
        return;
      }
      const value = op.op === 'put' ? (payload.values[putIndex++] ?? null) : null;
      this.applyRecordOp(dev.hex, opId(dev.hex, seq, index), payload.at, op, value);
    });
    for (const text of payload.audit) dev.audit.add(text, payload.at);
    if (payload.audit.length > 0) this.auditCache = null;
    dev.applied.push(frame.hash);
  }

  private applyRecordOp(
    deviceHex: string,
    id: OpId,
    at: string,
    op: Extract<LogOp, { op: 'put' | 'delete' }>,
    value: Buffer | null,
  ): void {
    const rec = this.recordState(op.kind, op.id);
    let rev = 1;
    for (const parent of op.parents) {
      const known = this.ops.get(parent);
      if (known?.record !== rec) {
        this.strayParents.push({ deviceHex, opId: id, parent, kind: op.kind, id: op.id });
        continue;
      }
      rev = Math.max(rev, known.rev + 1);
      rec.heads.delete(parent); // superseded: its value is released with it
    }
    rec.heads.set(id, { opId: id, deviceHex, at, deleted: op.op === 'delete', value, rev });
    this.ops.set(id, { record: rec, rev });
    if (rec.heads.size > 1) this.conflicted.add(rec);
    else this.conflicted.delete(rec);
  }

  private recordState(kind: string, id: string): RecordState {
    let group = this.recordsByKind.get(kind);
    if (!group) {
      group = new Map();
      this.recordsByKind.set(kind, group);
    }
    let rec = group.get(id);
    if (!rec) {
      rec = { kind, id, heads: new Map() };
      group.set(id, rec);
    }
    return rec;
  }
}

/** The distinct parents a frame's ops name, each with the frame holding it; unreadable ids are left to problems(). */
function parentsOf(ops: LogOp[]): Offered['parents'] {
  // A frame that only creates records (most of a log) names no parent: no map to build.
  if (ops.every((op) => op.op === 'device' || op.parents.length === 0)) return [];
  const seen = new Map<OpId, Offered['parents'][number]>();
  for (const op of ops) {
    if (op.op === 'device') continue;
    for (const parent of op.parents) {
      const parsed = seen.has(parent) ? null : parseOpId(parent);
      if (parsed) seen.set(parent, { opId: parent, deviceHex: parsed.deviceHex, seq: parsed.seq });
    }
  }
  return [...seen.values()];
}
