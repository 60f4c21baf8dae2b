import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { padme, padPayload, unpadPayload } from '../../../../main/vault/v2/padme';

describe('Padmé padding', () => {
  it('matches the PURBs formula on known values', () => {
    const table: Array<[number, number]> = [
      [0, 0],
      [1, 1],
      [2, 2],
      [7, 7],
      [9, 10],
      [100, 104],
      [1000, 1024],
      [1100, 1152],
      [1024, 1024],
      [1025, 1088],
      [2 ** 20 + 1, 2 ** 20 + 2 ** 15],
      [2 ** 32 + 1, 2 ** 32 + 2 ** 26],
    ];
    for (const [length, padded] of table) expect(padme(length), String(length)).toBe(padded);
  });

  it('never shrinks, adds at most 12 %, is idempotent and monotonic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 52 }), fc.nat(1000), (length, more) => {
        const padded = padme(length);
        expect(padded).toBeGreaterThanOrEqual(length);
        expect(padded - length).toBeLessThanOrEqual(length * 0.12);
        expect(padme(padded)).toBe(padded);
        expect(padme(length + more)).toBeGreaterThanOrEqual(padded);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses lengths that are not counts', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) expect(() => padme(bad)).toThrow(RangeError);
  });

  it('pads to padme(max(4 + P, 1024)) and unpads to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => {
        const payload = Buffer.from(bytes);
        const plain = padPayload(payload);
        expect(plain.length).toBe(padme(Math.max(4 + payload.length, 1024)));
        expect(plain.readUInt32BE(0)).toBe(payload.length);
        expect(unpadPayload(plain)).toEqual(payload);
      }),
    );
    // Small payloads all look alike: an unlock, a lock and a short save are 1 KiB each.
    expect(padPayload(Buffer.alloc(0)).length).toBe(1024);
    expect(padPayload(Buffer.alloc(1020)).length).toBe(1024);
    expect(padPayload(Buffer.alloc(1021)).length).toBe(1088);
  });

  it('rejects a padding byte that is not zero, a wrong total length and an impossible stated length', () => {
    const plain = padPayload(Buffer.from('hello'));
    for (const at of [9, 500, plain.length - 1]) {
      const altered = Buffer.from(plain);
      altered[at] = 1;
      expect(unpadPayload(altered), `byte ${at}`).toBeNull();
    }
    expect(unpadPayload(plain.subarray(0, plain.length - 1))).toBeNull();
    expect(unpadPayload(Buffer.concat([plain, Buffer.alloc(64)]))).toBeNull();
    const tooLong = Buffer.from(plain);
    tooLong.writeUInt32BE(plain.length, 0);
    expect(unpadPayload(tooLong)).toBeNull();
    // All zeros after a stated length that fits, but 10 bytes pad to 1024, not to this 1088.
    const wrongTotal = Buffer.alloc(1088);
    wrongTotal.writeUInt32BE(10, 0);
    expect(padPayload(Buffer.alloc(1021)).length).toBe(1088);
    expect(unpadPayload(wrongTotal)).toBeNull();
    expect(unpadPayload(Buffer.alloc(3))).toBeNull();
  });
});
