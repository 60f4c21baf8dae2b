import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { u32 } from '../../../../main/vault/binary';
import { decodeFramePayload, encodeFramePayload } from '../../../../main/vault/v2/framePayload';
import type { FramePayload, LogOp } from '../../../../main/vault/v2/types';
import { AttuneError } from '../../../../shared/errors';

// Every code unit, lone surrogates included, and whole code points (emoji, RTL, combining marks).
const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
);
const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const kind = fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/);
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/);
const opId = fc
  .tuple(hex(32), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.nat(1000))
  .map(([device, seq, index]) => `${device}:${seq}:${index}`);
const parents = fc.array(opId, { maxLength: 4 });
const at = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2200, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

/** Ops and their values: each put's size is its value's length. */
const opWithValue: fc.Arbitrary<{ op: LogOp; value?: Buffer }> = fc.oneof(
  fc
    .tuple(
      kind,
      id,
      parents,
      fc.oneof(
        anyString.map((s) => JSON.stringify({ s, [s]: [s] })),
        fc.json(),
      ),
    )
    .map(([k, i, p, json]) => {
      const value = Buffer.from(json, 'utf8');
      return { op: { op: 'put', kind: k, id: i, parents: p, size: value.length } as LogOp, value };
    }),
  fc
    .tuple(kind, id, parents)
    .map(([k, i, p]) => ({ op: { op: 'delete', kind: k, id: i, parents: p } as LogOp })),
  anyString
    .filter((name) => name.length >= 1 && name.length <= 100)
    .map((name) => ({ op: { op: 'device', name } as LogOp })),
);
const payload: fc.Arbitrary<FramePayload> = fc
  .tuple(at, fc.array(opWithValue, { maxLength: 6 }), fc.array(anyString, { maxLength: 3 }))
  .map(([when, items, audit]) => ({
    at: when,
    ops: items.map((item) => item.op),
    audit,
    values: items.flatMap((item) => (item.value ? [item.value] : [])),
  }));

function expectIntegrity(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AttuneError);
    expect((error as AttuneError).kind).toBe('integrity');
    expect((error as AttuneError).message).toMatch(/Check the vault/);
    return;
  }
  throw new Error('expected an integrity error');
}

/** Either an integrity error, or a payload that is itself valid (it encodes back to the same bytes). */
function integrityOrValid(bytes: Buffer): void {
  let decoded: FramePayload;
  try {
    decoded = decodeFramePayload(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(AttuneError);
    expect((error as AttuneError).kind).toBe('integrity');
    return;
  }
  expect(decodeFramePayload(encodeFramePayload(decoded))).toEqual(decoded);
}

describe('frame payload codec', () => {
  it('decode(encode(p)) equals p, for any valid payload', () => {
    fc.assert(
      fc.property(payload, (p) => {
        expect(decodeFramePayload(encodeFramePayload(p))).toStrictEqual(p);
      }),
      { numRuns: 300 },
    );
    const empty: FramePayload = { at: '2026-03-01T10:00:00.000Z', ops: [], audit: [], values: [] };
    expect(decodeFramePayload(encodeFramePayload(empty))).toStrictEqual(empty);
  });

  it('lays out u32(M) || meta JSON || values, the values as views of the payload', () => {
    const value = Buffer.from('{"title":"Séance"}');
    const bytes = encodeFramePayload({
      at: '2026-03-01T10:00:00.000Z',
      ops: [{ op: 'put', kind: 'note', id: 'n1', parents: [], size: 0 }],
      audit: ['{"seq":1}'],
      values: [value],
    });
    const metaLength = bytes.readUInt32BE(0);
    expect(JSON.parse(bytes.subarray(4, 4 + metaLength).toString('utf8'))).toEqual({
      at: '2026-03-01T10:00:00.000Z',
      ops: [{ op: 'put', kind: 'note', id: 'n1', parents: [], size: value.length }],
      audit: ['{"seq":1}'],
    });
    expect(bytes.subarray(4 + metaLength)).toEqual(value);
    const decoded = decodeFramePayload(bytes);
    expect(decoded.values[0]?.buffer).toBe(bytes.buffer);
  });

  it('turns any single flipped byte of the meta, or any cut, into an integrity error or another valid payload', () => {
    fc.assert(
      fc.property(payload, fc.nat(), fc.integer({ min: 1, max: 255 }), (p, where, xor) => {
        const bytes = encodeFramePayload(p);
        const metaEnd = 4 + bytes.readUInt32BE(0);
        const altered = Buffer.from(bytes);
        const at = where % metaEnd;
        altered[at] = altered[at]! ^ xor;
        integrityOrValid(altered);
        integrityOrValid(bytes.subarray(0, where % bytes.length));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses malformed metas with an integrity error', () => {
    const meta = (value: unknown, tail: Buffer = Buffer.alloc(0)) => {
      const json = Buffer.from(JSON.stringify(value));
      return Buffer.concat([u32(json.length), json, tail]);
    };
    const base = { at: '2026-03-01T10:00:00.000Z', ops: [], audit: [] };
    const put = { op: 'put', kind: 'note', id: 'n1', parents: [], size: 2 };
    const cases: Buffer[] = [
      Buffer.alloc(0),
      Buffer.from([0, 0, 0]),
      u32(10),
      Buffer.concat([u32(3), Buffer.from('{"a')]),
      Buffer.concat([u32(2), Buffer.from([0xc3, 0x28])]), // not UTF-8
      meta(null),
      meta([]),
      meta({ ...base, at: '2026-03-01T10:00:00Z' }), // no milliseconds
      meta({ ...base, at: '2026-03-01T10:00:00.000+01:00' }),
      meta({ ...base, at: 'yesterday' }),
      meta({ ...base, extra: 1 }),
      meta({ at: base.at, ops: [] }),
      meta({ ...base, audit: [1] }),
      meta({ ...base, ops: [{ op: 'rename', kind: 'note', id: 'n1' }] }),
      meta({ ...base, ops: [{ ...put, kind: 'Note' }] }, Buffer.from('{}')),
      meta({ ...base, ops: [{ ...put, id: '-n1' }] }, Buffer.from('{}')),
      meta({ ...base, ops: [{ ...put, id: 'x'.repeat(129) }] }, Buffer.from('{}')),
      meta({ ...base, ops: [{ ...put, parents: ['abc:1:0'] }] }, Buffer.from('{}')),
      meta({ ...base, ops: [{ ...put, parents: [`${'a'.repeat(32)}:0:0`] }] }, Buffer.from('{}')),
      meta({ ...base, ops: [{ ...put, parents: [`${'a'.repeat(32)}:1:01`] }] }, Buffer.from('{}')),
      meta(
        { ...base, ops: [{ ...put, parents: [`${'a'.repeat(32)}:99999999999999999:0`] }] },
        Buffer.from('{}'),
      ),
      meta({ ...base, ops: [{ ...put, parents: [`${'A'.repeat(32)}:1:0`] }] }, Buffer.from('{}')),
      meta({ ...base, ops: [{ ...put, size: -1 }] }),
      meta({ ...base, ops: [{ ...put, size: 1.5 }] }, Buffer.from('{}')),
      meta({ ...base, ops: [{ ...put, extra: true }] }, Buffer.from('{}')),
      meta({ ...base, ops: [put] }, Buffer.from('{')), // values shorter than stated
      meta({ ...base, ops: [put] }, Buffer.from('{}}')), // bytes that belong to no value
      meta({ ...base, ops: [{ ...put, size: Number.MAX_SAFE_INTEGER }, put] }, Buffer.from('{}')),
      meta(base, Buffer.from('x')),
      meta({ ...base, ops: [{ op: 'delete', kind: 'note', id: 'n1', parents: [], size: 0 }] }),
      meta({ ...base, ops: [{ op: 'device', name: '' }] }),
      meta({ ...base, ops: [{ op: 'device', name: 'x'.repeat(101) }] }),
    ];
    cases.forEach((bytes, i) => {
      expectIntegrity(() => {
        decodeFramePayload(bytes);
        throw new Error(`case ${i} was accepted`);
      });
    });
  });

  it('sets each put’s size from its value, and refuses to write what readers would refuse', () => {
    const value = Buffer.from('{"a":1}');
    const bytes = encodeFramePayload({
      at: '2026-03-01T10:00:00.000Z',
      ops: [{ op: 'put', kind: 'note', id: 'n1', parents: [], size: 999 }],
      audit: [],
      values: [value],
    });
    expect(decodeFramePayload(bytes).ops[0]).toEqual({
      op: 'put',
      kind: 'note',
      id: 'n1',
      parents: [],
      size: 7,
    });
    const good: FramePayload = { at: '2026-03-01T10:00:00.000Z', ops: [], audit: [], values: [] };
    const kindOf = (p: FramePayload) => {
      try {
        encodeFramePayload(p);
      } catch (error) {
        return error instanceof AttuneError ? error.kind : 'other';
      }
      return 'accepted';
    };
    expect(kindOf({ ...good, values: [value] })).toBe('internal');
    expect(kindOf({ ...good, ops: [{ op: 'put', kind: 'note', id: 'n1', parents: [], size: 0 }] })).toBe(
      'internal',
    );
    expect(kindOf({ ...good, at: 'now' })).toBe('invalid-input');
    expect(kindOf({ ...good, ops: [{ op: 'device', name: 'x'.repeat(101) }] })).toBe('invalid-input');
    expect(kindOf({ ...good, ops: [{ op: 'delete', kind: 'note', id: 'n1', parents: ['x'] }] })).toBe(
      'invalid-input',
    );
  });
});
