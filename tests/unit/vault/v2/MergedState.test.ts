import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MergedState } from '../../../../main/vault/v2/MergedState';
import { mergedStateProblems } from '../../../../main/vault/v2/mergedStateProblems';
import type { FramePayload } from '../../../../main/vault/v2/types';
import { AttuneError } from '../../../../shared/errors';
import { at, deviceHex, offerAll, SimDevice, type SimFrame } from './mergeSim';

const A = deviceHex(0xaa);
const B = deviceHex(0xbb);
const C = deviceHex(0xcc);
const text = (b: Buffer | null | undefined) => b?.toString('utf8') ?? null;

describe('MergedState: heads, winner and conflicts', () => {
  it('two devices editing one record without seeing each other keep both values as heads (a conflict)', () => {
    const a = new SimDevice(A);
    const b = new SimDevice(B);
    const created = a.write([{ op: 'put', kind: 'note', id: 'n1', value: { v: 'base' } }], at(1));
    b.receive([created]);
    a.write([{ op: 'put', kind: 'note', id: 'n1', value: { v: 'from A' } }], at(5));
    b.write([{ op: 'put', kind: 'note', id: 'n1', value: { v: 'from B' } }], at(3));

    const merged = new MergedState();
    offerAll(merged, [...a.frames, ...b.frames]);
    merged.applyReady();
    const view = merged.record('note', 'n1');
    expect(view?.conflict).toBe(true);
    expect(view?.heads.map((h) => text(h.value)).sort()).toEqual(['{"v":"from A"}', '{"v":"from B"}']);
    // The winner is the latest `at` (A's, at 5 s), whichever device's files came first.
    expect(text(view?.winner.value)).toBe('{"v":"from A"}');
    expect(view?.rev).toBe(2);
    expect(merged.conflicts().map((v) => v.id)).toEqual(['n1']);
    expect(merged.records('note').map((v) => v.id)).toEqual(['n1']);
    expect(merged.parentsFor('note', 'n1')).toEqual([`${A}:2:0`, `${B}:1:0`]);
  });

  it('with equal `at`, the winner is the higher op id text', () => {
    const a = new SimDevice(A);
    const b = new SimDevice(B);
    a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'a' }], at(1));
    b.write([{ op: 'put', kind: 'note', id: 'n1', value: 'b' }], at(1));
    const merged = new MergedState();
    offerAll(merged, [...b.frames, ...a.frames]);
    merged.applyReady();
    expect(merged.record('note', 'n1')?.winner.opId).toBe(`${B}:1:0`);
  });

  it('a resolving op naming every head ends the conflict, with rev 1 + the longest parent chain', () => {
    const a = new SimDevice(A);
    const b = new SimDevice(B);
    const c1 = a.write([{ op: 'put', kind: 'note', id: 'n1', value: 1 }], at(1));
    const c2 = a.write([{ op: 'put', kind: 'note', id: 'n1', value: 2 }], at(2));
    const d1 = b.write([{ op: 'put', kind: 'note', id: 'n1', value: 'b' }], at(3));
    a.receive([d1]);
    expect(a.state.record('note', 'n1')?.conflict).toBe(true);
    const resolved = a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'both' }], at(4));
    expect(resolved.payload.ops[0]).toMatchObject({ parents: [`${A}:2:0`, `${B}:1:0`] });

    const merged = new MergedState();
    offerAll(merged, [resolved, d1, c2, c1]);
    merged.applyReady();
    const view = merged.record('note', 'n1');
    expect(view?.conflict).toBe(false);
    expect(view?.heads.map((h) => h.opId)).toEqual([`${A}:3:0`]);
    expect(text(view?.winner.value)).toBe('"both"');
    expect(view?.rev).toBe(3);
    expect(merged.conflicts()).toEqual([]);
  });

  it('a put beside a later delete is listed with the put as winner; deleting every head removes it from records()', () => {
    const a = new SimDevice(A);
    const b = new SimDevice(B);
    const created = a.write([{ op: 'put', kind: 'client', id: 'c1', value: 'x' }], at(1));
    b.receive([created]);
    a.write([{ op: 'put', kind: 'client', id: 'c1', value: 'edited' }], at(2));
    b.write([{ op: 'delete', kind: 'client', id: 'c1' }], at(9));
    a.receive(b.frames);
    const view = a.state.record('client', 'c1');
    expect(view?.conflict).toBe(true);
    expect(view?.deleted).toBe(false);
    expect(text(view?.winner.value)).toBe('"edited"');
    expect(a.state.records('client').map((v) => v.id)).toEqual(['c1']);

    a.write([{ op: 'delete', kind: 'client', id: 'c1' }], at(10));
    const gone = a.state.record('client', 'c1');
    expect(gone).toMatchObject({ deleted: true, conflict: false, rev: 3 });
    expect(gone?.winner.value).toBeNull();
    expect(a.state.records('client')).toEqual([]);
    expect(a.state.records()).toEqual([]);
  });

  it('keeps the put value as a view of the payload, not a copy', () => {
    const a = new SimDevice(A);
    const f = a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'v' }], at(1));
    expect(a.state.record('note', 'n1')?.winner.value).toBe(f.payload.values[0]);
  });
});

describe('MergedState: causal application', () => {
  it('a frame with a missing parent waits (pending) and applies as soon as the parent arrives', () => {
    const a = new SimDevice(A);
    const b = new SimDevice(B);
    const parent = a.write([{ op: 'put', kind: 'note', id: 'n1', value: 1 }], at(1));
    b.receive([parent]);
    const child = b.write([{ op: 'put', kind: 'note', id: 'n1', value: 2 }], at(2));

    const merged = new MergedState();
    merged.offer(B, child.frame, child.payload);
    expect(merged.applyReady()).toEqual([]);
    expect(merged.pending()).toEqual([{ deviceHex: B, seq: 1, waitingFor: [`${A}:1:0`] }]);
    expect(merged.record('note', 'n1')).toBeUndefined();

    merged.offer(A, parent.frame, parent.payload);
    expect(merged.applyReady()).toEqual([
      { deviceHex: A, seq: 1 },
      { deviceHex: B, seq: 1 },
    ]);
    expect(merged.pending()).toEqual([]);
    expect(merged.record('note', 'n1')).toMatchObject({ conflict: false, rev: 2 });
  });

  it('a frame waits for its predecessor, then the chain applies in order', () => {
    const a = new SimDevice(A);
    for (let i = 1; i <= 3; i++) a.write([{ op: 'put', kind: 'note', id: `n${i}`, value: i }], at(i));
    const merged = new MergedState();
    offerAll(merged, [a.frames[2], a.frames[1]] as SimFrame[]);
    expect(merged.applyReady()).toEqual([]);
    expect(merged.pending()).toEqual([
      { deviceHex: A, seq: 2, waitingFor: [`${A}:1`] },
      { deviceHex: A, seq: 3, waitingFor: [`${A}:2`] },
    ]);
    offerAll(merged, [a.frames[0]] as SimFrame[]);
    expect(merged.applyReady().map((f) => f.seq)).toEqual([1, 2, 3]);
    expect(merged.head(A)).toEqual({ seq: 3, hash: a.frames[2]?.frame.hash.toString('hex') });
    expect(merged.appliedHash(A, 2)).toBe(a.frames[1]?.frame.hash.toString('hex'));
    expect(merged.appliedHash(A, 4)).toBeNull();
    expect(merged.head(B)).toBeNull();
  });

  it('the same frame offered twice is applied once and is no fork', () => {
    const a = new SimDevice(A);
    const f = a.write([{ op: 'put', kind: 'note', id: 'n1', value: 1 }], at(1));
    const merged = new MergedState();
    offerAll(merged, [f, f]);
    expect(merged.applyReady()).toEqual([{ deviceHex: A, seq: 1 }]);
    offerAll(merged, [f]);
    expect(merged.applyReady()).toEqual([]);
    expect(merged.forks()).toEqual([]);
    expect(merged.record('note', 'n1')?.heads).toHaveLength(1);
  });

  it('a fork is reported and the chained frame wins', () => {
    const a = new SimDevice(A);
    a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'first' }], at(1));
    const good = a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'chained' }], at(2));
    // A frame 2 whose prev is not frame 1's hash (from another copy of this device's log).
    const stray = new SimDevice(A);
    stray.write([{ op: 'put', kind: 'other', id: 'x', value: 'elsewhere' }], at(1));
    const bad = stray.write([{ op: 'put', kind: 'note', id: 'n1', value: 'not chained' }], at(3));

    for (const order of [
      [a.frames[0], bad, good],
      [good, bad, a.frames[0]],
      [a.frames[0], good, bad],
    ] as SimFrame[][]) {
      const merged = new MergedState();
      offerAll(merged, order);
      merged.applyReady();
      expect(text(merged.record('note', 'n1')?.winner.value)).toBe('"chained"');
      expect(merged.appliedHash(A, 2)).toBe(good.frame.hash.toString('hex'));
      expect(merged.forks()).toEqual([
        {
          deviceHex: A,
          seq: 2,
          hashes: [good.frame.hash.toString('hex'), bad.frame.hash.toString('hex')].sort(),
        },
      ]);
      expect(merged.pending()).toEqual([]);
    }
  });

  it('of two frames that both chain (a fork), the lower hash applies when both are there', () => {
    // One device's folder used on two computers: the same frame 1, then two different frames 2.
    const left = new SimDevice(A);
    const right = new SimDevice(A);
    const l1 = left.write([{ op: 'put', kind: 'note', id: 'n1', value: 0 }], at(1));
    const r1 = right.write([{ op: 'put', kind: 'note', id: 'n1', value: 0 }], at(1));
    expect(l1.frame.hash).toEqual(r1.frame.hash);
    const l2 = left.write([{ op: 'put', kind: 'note', id: 'n1', value: 'left' }], at(2));
    const r2 = right.write([{ op: 'put', kind: 'note', id: 'n1', value: 'right' }], at(2));
    const lower = Buffer.compare(l2.frame.hash, r2.frame.hash) < 0 ? l2 : r2;
    for (const order of [
      [l1, l2, r2],
      [r2, l2, r1],
    ]) {
      const merged = new MergedState();
      offerAll(merged, order);
      merged.applyReady();
      expect(merged.appliedHash(A, 2)).toBe(lower.frame.hash.toString('hex'));
      expect(merged.forks()).toHaveLength(1);
    }
  });

  it('an op naming a parent of another record applies as a separate version and is reported', () => {
    const a = new SimDevice(A);
    const other = a.write([{ op: 'put', kind: 'note', id: 'other', value: 'o' }], at(1));
    a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'base' }], at(2));
    const otherOp = `${A}:${other.frame.seq}:0`;
    a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'odd', parents: [otherOp] }], at(3));
    a.write([{ op: 'put', kind: 'note', id: 'n2', value: 'later' }], at(4));

    const merged = new MergedState();
    offerAll(merged, a.frames);
    expect(merged.applyReady()).toHaveLength(4);
    const view = merged.record('note', 'n1');
    expect(view?.heads.map((h) => text(h.value)).sort()).toEqual(['"base"', '"odd"']);
    expect(view?.conflict).toBe(true);
    expect(merged.record('note', 'other')?.conflict).toBe(false);
    expect(view?.heads.find((h) => h.opId === `${A}:3:0`)?.rev).toBe(1);
    expect(merged.problems()).toHaveLength(1);
    expect(merged.problems()[0]?.deviceHex).toBe(A);
    expect(merged.problems()[0]?.message).toContain('note “n1”');
    expect(merged.problems()[0]?.message).toContain(otherOp);
    expect(merged.record('note', 'n2')).toBeDefined();
    // A check reports it as damage of the writing device's files (verify and the app's sync status).
    const reported = mergedStateProblems(merged, (hex) => hex).filter((p) => p.message.includes(otherOp));
    expect(reported).toEqual([
      { type: 'damage', file: `devices/${A}`, deviceHex: A, message: merged.problems()[0]?.message },
    ]);
  });

  it('an op naming an op its frame does not hold is reported as damage too', () => {
    const a = new SimDevice(A);
    a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'base' }], at(1));
    const missing = `${A}:1:99`;
    a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'odd', parents: [missing] }], at(2));
    const merged = new MergedState();
    offerAll(merged, a.frames);
    expect(merged.applyReady()).toHaveLength(2);
    expect(merged.record('note', 'n1')?.conflict).toBe(true);
    expect(mergedStateProblems(merged, (hex) => hex).map((p) => p.message)).toEqual([
      expect.stringContaining(missing),
    ]);
  });

  it('refuses a payload whose put values are missing', () => {
    const merged = new MergedState();
    const payload: FramePayload = {
      at: at(1),
      ops: [{ op: 'put', kind: 'note', id: 'n1', parents: [], size: 2 }],
      audit: [],
      values: [],
    };
    const hash = createHash('sha256').update('x').digest();
    expect(() => merged.offer(A, { seq: 1, prev: Buffer.alloc(32), hash }, payload)).toThrow(AttuneError);
  });
});

describe('MergedState: devices and the audit log', () => {
  it('names a device by its latest device op and lists every device with an offered frame', () => {
    const a = new SimDevice(A);
    a.write([{ op: 'device', name: 'Office iMac' }], at(1), ['vault-create']);
    a.write([{ op: 'device', name: 'Office iMac (new)' }], at(2), []);
    const b = new SimDevice(B);
    b.write([{ op: 'put', kind: 'note', id: 'x', value: 1, parents: [`${C}:1:0`] }], at(1));
    const merged = new MergedState();
    offerAll(merged, [...b.frames, ...a.frames]);
    merged.applyReady();
    expect(merged.deviceName(A)).toBe('Office iMac (new)');
    expect(merged.deviceName(B)).toBeUndefined();
    expect(merged.devices()).toEqual([A, B]);
    expect(merged.pending()).toEqual([{ deviceHex: B, seq: 1, waitingFor: [`${C}:1:0`] }]);
  });

  it('merges every device chain by at, then device, then seq, and accepts format 2 audit types', () => {
    const a = new SimDevice(A);
    const b = new SimDevice(B);
    a.write([{ op: 'device', name: 'A' }], at(1), ['vault-create', 'unlock']);
    b.write([{ op: 'device', name: 'B' }], at(1), ['device-join']);
    a.write([], at(3), ['lock']);
    b.write([{ op: 'put', kind: 'note', id: 'n', value: 1 }], at(2), ['conflict-resolved']);
    const merged = new MergedState();
    offerAll(merged, [...b.frames, ...a.frames]);
    merged.applyReady();
    const order = merged.audit().map((e) => {
      const entry = JSON.parse(e.text) as { type: string; seq: number };
      return `${e.deviceHex === A ? 'A' : 'B'}${entry.seq}:${entry.type}`;
    });
    expect(order).toEqual([
      'A1:vault-create',
      'A2:unlock',
      'B1:device-join',
      'B2:conflict-resolved',
      'A3:lock',
    ]);
    expect(merged.auditProblems()).toEqual([]);
  });

  it('reports a break in one device chain (an entry changed) without blaming the other device', () => {
    const a = new SimDevice(A);
    const b = new SimDevice(B);
    a.write([{ op: 'device', name: 'Laptop' }], at(1), ['unlock']);
    const f2 = a.write([], at(2), ['update']);
    a.write([], at(3), ['lock']);
    b.write([], at(1), ['unlock', 'lock']);
    // The second entry of A rewritten: its text changes, so entry 3 no longer follows it.
    const entry = f2.payload.audit[0] ?? '';
    const changed = { ...f2, payload: { ...f2.payload, audit: [entry.replace('"update"', '"delete"')] } };
    const merged = new MergedState();
    offerAll(merged, [a.frames[0], changed, a.frames[2], ...b.frames] as SimFrame[]);
    merged.applyReady();
    expect(merged.auditProblems()).toHaveLength(1);
    expect(merged.auditProblems()[0]).toContain('“Laptop”');
    expect(merged.auditProblems()[0]).toContain('entry 3 does not follow the one before it');
    expect(merged.audit()).toHaveLength(5);
  });

  it('reports a missing entry in a chain once, not at every later entry', () => {
    const a = new SimDevice(A);
    a.write([], at(1), ['unlock', 'update', 'update', 'lock']);
    const f = a.frames[0] as SimFrame;
    const audit = f.payload.audit.filter((_, i) => i !== 1);
    const merged = new MergedState();
    merged.offer(A, f.frame, { ...f.payload, audit });
    merged.applyReady();
    expect(merged.auditProblems()).toHaveLength(1);
    expect(merged.auditProblems()[0]).toContain('entry 2 is missing or out of order');
  });
});

describe('MergedState: wipe', () => {
  it('zeroes every value held, applied heads and frames still waiting, and forgets the state', () => {
    const a = new SimDevice(A);
    const b = new SimDevice(B);
    const applied = a.write([{ op: 'put', kind: 'note', id: 'n1', value: 'secret' }], at(1));
    const waiting = b.write(
      [{ op: 'put', kind: 'note', id: 'n2', value: 'also secret', parents: [`${C}:1:0`] }],
      at(1),
    );
    const merged = new MergedState();
    offerAll(merged, [applied, waiting]);
    merged.applyReady();
    merged.wipe();
    for (const v of [...applied.payload.values, ...waiting.payload.values]) {
      expect(v.length).toBeGreaterThan(0);
      expect(v.every((byte) => byte === 0)).toBe(true);
    }
    expect(merged.records()).toEqual([]);
    expect(merged.devices()).toEqual([]);
    expect(merged.audit()).toEqual([]);
  });
});
