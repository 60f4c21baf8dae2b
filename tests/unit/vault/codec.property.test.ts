import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, recordJson } from '../../../main/vault/recordCodec';
import { expectKindSync } from './kit';

const key = randomBytes(32);
const vaultId = randomBytes(16);
const ref = { kind: 'note', id: 'abc', rev: 3, born: 7 };
const encode = (value: unknown) => encodeRecord(key, vaultId, ref, recordJson(value));

// Every code unit, lone surrogates included, and whole code points (emoji, RTL, combining marks).
const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
);
const json = fc
  .jsonValue({ maxDepth: 4 })
  .chain((base) => fc.oneof(fc.constant(base), fc.dictionary(anyString, anyString), fc.array(anyString)));

describe('record codec', () => {
  it('decode(encode(x)) = x for arbitrary JSON, including any Unicode', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(decodeRecord(key, vaultId, ref, encode(value))).toStrictEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('keeps lone surrogates, emoji, RTL text and combining marks exactly', () => {
    const samples = [
      '\uD800',
      'a\uDFFFb',
      '\uDBFF\uD800',
      '👩🏽‍⚕️ שלום עליכם مرحبا',
      'e\u0301 n\u0303 \u0000 \u2028',
    ];
    for (const s of samples) {
      expect(decodeRecord(key, vaultId, ref, encode({ s, [s]: s }))).toEqual({ s, [s]: s });
    }
  });

  it('rejects every single-byte change of the file, and a change of vault, kind, id, revision or birth', () => {
    fc.assert(
      fc.property(json, fc.nat(), fc.integer({ min: 1, max: 255 }), (value, at, xor) => {
        const bytes = encode(value);
        const i = at % bytes.length;
        const altered = Buffer.from(bytes);
        altered[i] = altered[i]! ^ xor;
        expectKindSync(() => decodeRecord(key, vaultId, ref, altered), 'integrity');
      }),
      { numRuns: 500 },
    );
    const bytes = encode({ a: 1 });
    for (const other of [
      { ...ref, kind: 'client' },
      { ...ref, id: 'abd' },
      { ...ref, rev: 2 },
      { ...ref, born: 8 },
    ]) {
      expectKindSync(() => decodeRecord(key, vaultId, other, bytes), 'integrity');
    }
    expectKindSync(() => decodeRecord(key, randomBytes(16), ref, bytes), 'integrity');
    expectKindSync(() => decodeRecord(key, vaultId, ref, bytes.subarray(0, bytes.length - 1)), 'integrity');
    expectKindSync(
      () => decodeRecord(key, vaultId, ref, Buffer.concat([bytes, Buffer.from([0])])),
      'integrity',
    );
  });

  it('refuses values that are not JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [undefined, () => 1, Symbol('x'), 10n, cyclic]) {
      expectKindSync(() => recordJson(value), 'invalid-input');
    }
  });
});
