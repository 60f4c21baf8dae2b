import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MergedState } from '../../../../main/vault/v2/MergedState';
import type { FramePayload, LogOp } from '../../../../main/vault/v2/types';
import { at, deviceHex, offerAll, prng, SimDevice, type SimFrame, shuffle, snapshot } from './mergeSim';

const RECORDS = 4;
const keys = Array.from({ length: RECORDS }, (_, i) => ({ kind: 'note', id: `r${i}` }));

const command = fc.oneof(
  fc.record({
    t: fc.constant('write' as const),
    d: fc.nat(3),
    recs: fc.uniqueArray(fc.nat(RECORDS - 1), { maxLength: 2 }),
    del: fc.nat(4),
    sec: fc.nat(5), // few distinct times, so ties of `at` are common
    value: fc.nat(1000),
  }),
  fc.record({
    t: fc.constant('receive' as const),
    d: fc.nat(3),
    from: fc.nat(3),
    count: fc.nat(12),
    seed: fc.nat(),
  }),
);
const history = fc.record({
  devices: fc.integer({ min: 2, max: 4 }),
  commands: fc.array(command, { maxLength: 40 }),
});

type History = typeof history extends fc.Arbitrary<infer H> ? H : never;

/** Runs a random history: devices write on what they have received so far. Frames in creation (causal) order. */
function play({ devices, commands }: History) {
  const sims = Array.from({ length: devices }, (_, i) => new SimDevice(deviceHex(i + 1)));
  const created: SimFrame[] = [];
  for (const c of commands) {
    const sim = sims[c.d % devices] as SimDevice;
    if (c.t === 'write') {
      const ops =
        c.recs.length === 0
          ? [{ op: 'device' as const, name: `computer ${c.value}` }]
          : c.recs.map((r) =>
              c.del === 0
                ? { op: 'delete' as const, kind: 'note', id: `r${r}` }
                : {
                    op: 'put' as const,
                    kind: 'note',
                    id: `r${r}`,
                    value: { by: sim.hex.slice(0, 2), v: c.value },
                  },
            );
      created.push(sim.write(ops, at(c.sec)));
    } else {
      const from = sims[c.from % devices] as SimDevice;
      if (from !== sim) sim.receive(shuffle(from.frames, prng(c.seed)).slice(0, c.count));
    }
  }
  return { sims, created };
}

/** Heads, winner and rev computed straight from the definitions of FORMAT.md §5, for comparison. */
function oracle(frames: SimFrame[]) {
  type Op = {
    opId: string;
    at: string;
    deleted: boolean;
    value: string | null;
    parents: string[];
    record: string;
  };
  const ops = new Map<string, Op>();
  for (const f of frames) {
    let put = 0;
    f.payload.ops.forEach((op: LogOp, index) => {
      if (op.op === 'device') return;
      const value = op.op === 'put' ? (f.payload.values[put++]?.toString('utf8') ?? null) : null;
      const id = `${f.deviceHex}:${f.frame.seq}:${index}`;
      ops.set(id, {
        opId: id,
        at: f.payload.at,
        deleted: op.op === 'delete',
        value,
        parents: op.parents,
        record: `${op.kind}/${op.id}`,
      });
    });
  }
  const named = new Set([...ops.values()].flatMap((o) => o.parents));
  const revs = new Map<string, number>();
  const rev = (id: string): number => {
    const known = revs.get(id);
    if (known) return known;
    const parents = ops.get(id)?.parents ?? [];
    const r = 1 + Math.max(0, ...parents.map(rev));
    revs.set(id, r);
    return r;
  };
  const out = new Map<string, { heads: string[]; winner: string; rev: number }>();
  for (const { kind, id } of keys) {
    const heads = [...ops.values()].filter((o) => o.record === `${kind}/${id}` && !named.has(o.opId));
    if (heads.length === 0) continue;
    const order = [...heads].sort((a, b) =>
      a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.opId < b.opId ? 1 : -1,
    );
    const winner = order.find((h) => !h.deleted) ?? (order[0] as Op);
    out.set(`${kind}/${id}`, {
      heads: heads.map((h) => h.opId).sort(),
      winner: winner.opId,
      rev: rev(winner.opId),
    });
  }
  return out;
}

describe('MergedState properties', () => {
  it('converges: any order, repeats and batches give the state of causal order, on every device', () => {
    fc.assert(
      fc.property(history, fc.nat(), fc.integer({ min: 1, max: 8 }), (h, seed, batches) => {
        const { sims, created } = play(h);
        const causal = new MergedState();
        for (const f of created) {
          offerAll(causal, [f]);
          causal.applyReady();
        }
        const expected = snapshot(causal, keys);
        expect(causal.pending()).toEqual([]);
        expect(causal.forks()).toEqual([]);

        const random = prng(seed);
        const repeated = shuffle([...created, ...created.filter(() => random() < 0.3)], random);
        const shuffled = new MergedState();
        const size = Math.ceil(repeated.length / batches) || 1;
        for (let i = 0; i < repeated.length; i += size) {
          offerAll(shuffled, repeated.slice(i, i + size));
          shuffled.applyReady();
        }
        expect(snapshot(shuffled, keys)).toEqual(expected);

        // Each simulated device got some frames early, in odd orders; once it has them all it agrees.
        for (const sim of sims) {
          sim.receive(shuffle(created, random));
          expect(snapshot(sim.state, keys)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loses nothing: the heads are exactly the ops no op of the record names, with the spec winner and rev', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { created } = play(h);
        const merged = new MergedState();
        offerAll(merged, [...created].reverse());
        merged.applyReady();
        const want = oracle(created);
        for (const { kind, id } of keys) {
          const view = merged.record(kind, id);
          const expected = want.get(`${kind}/${id}`);
          if (!expected) {
            expect(view).toBeUndefined();
            continue;
          }
          expect(view?.heads.map((x) => x.opId).sort()).toEqual(expected.heads);
          expect(view?.winner.opId).toBe(expected.winner);
          expect(view?.rev).toBe(expected.rev);
          expect(view?.conflict).toBe(expected.heads.length > 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('two devices that never see each other conflict on every record both wrote', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(RECORDS - 1), { minLength: 1 }),
        fc.nat(5),
        fc.nat(5),
        (recs, sa, sb) => {
          const a = new SimDevice(deviceHex(1));
          const b = new SimDevice(deviceHex(2));
          for (const r of recs) {
            a.write([{ op: 'put', kind: 'note', id: `r${r}`, value: `a${r}` }], at(sa));
            b.write([{ op: 'put', kind: 'note', id: `r${r}`, value: `b${r}` }], at(sb));
          }
          a.receive(b.frames);
          expect(a.state.conflicts().map((v) => v.id)).toEqual(recs.map((r) => `r${r}`).sort());
          for (const r of recs) {
            const view = a.state.record('note', `r${r}`);
            expect(view?.heads.map((x) => x.value?.toString('utf8')).sort()).toEqual([`"a${r}"`, `"b${r}"`]);
            // A resolving write names both heads and ends the conflict.
            a.write([{ op: 'put', kind: 'note', id: `r${r}`, value: 'merged' }], at(6));
            expect(a.state.record('note', `r${r}`)).toMatchObject({ conflict: false, rev: 2 });
          }
          expect(a.state.conflicts()).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('MergedState performance', () => {
  it('applies 30,000 frames (10,000 records, each put 3 times on 3 devices) quickly, in any order', () => {
    const devices = [1, 2, 3].map(deviceHex);
    const frames: SimFrame[] = [];
    const prev = devices.map(() => Buffer.alloc(32));
    for (let r = 0; r < 10_000; r++) {
      devices.forEach((hex, d) => {
        const value = Buffer.from(JSON.stringify({ r, d, text: 'x'.repeat(40) }), 'utf8');
        // Each device's put names the previous device's put of the record: a chain of three.
        const parents = d === 0 ? [] : [`${devices[d - 1]}:${r + 1}:0`];
        const ops: LogOp[] = [{ op: 'put', kind: 'note', id: `n${r}`, parents, size: value.length }];
        const payload: FramePayload = { at: at(d), ops, audit: [], values: [value] };
        const hash = createHash('sha256').update(`${hex}/${r}`).digest();
        frames.push({ deviceHex: hex, frame: { seq: r + 1, prev: prev[d] as Buffer, hash }, payload });
        prev[d] = hash;
      });
    }
    for (const [label, order] of [
      ['causal order', frames],
      ['shuffled', shuffle(frames, prng(7))],
      ['reversed', [...frames].reverse()],
    ] as const) {
      const merged = new MergedState();
      const cpu = process.cpuUsage();
      const start = performance.now();
      offerAll(merged, order);
      const applied = merged.applyReady();
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      // CPU time beside wall time: this 2-core machine is often shared, so wall time alone misleads.
      console.log(
        `MergedState: 30,000 frames, ${label}: ${ms.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, load ${loadavg()[0]?.toFixed(1)})`,
      );
      expect(applied).toHaveLength(30_000);
      expect(merged.records()).toHaveLength(10_000);
      expect(merged.conflicts()).toEqual([]);
      expect(merged.record('note', 'n9999')).toMatchObject({ rev: 3, conflict: false });
    }
  });
});
