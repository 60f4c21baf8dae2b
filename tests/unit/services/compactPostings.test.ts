import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactPostings } from '../../../main/services/compactPostings';

const Postings = compactPostings();

type Op = { type: 'add'; count: number } | { type: 'bump'; pick: number } | { type: 'delete'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('add' as const), count: fc.integer({ min: 1, max: 70_000 }) }),
  fc.record({ type: fc.constant('bump' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('compact posting lists answer as the Map they replace in MiniSearch', () => {
  it('same entries, sizes and order as a Map when notes are numbered in the order added (as MiniSearch does)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const map = new Map<number, number>();
        const compact = new Postings();
        let next = 0;
        for (const o of ops) {
          const keys = [...map.keys()];
          if (o.type === 'add') {
            next += 1 + (o.count % 3);
            map.set(next, Math.min(o.count, 0xffff));
            compact.set(next, o.count);
          } else if (keys.length > 0) {
            const doc = keys[o.pick % keys.length] as number;
            if (o.type === 'bump') {
              map.set(doc, Math.min((map.get(doc) ?? 0) + 1, 0xffff));
              compact.set(doc, (compact.get(doc) ?? 0) + 1);
            } else expect(compact.delete(doc)).toBe(map.delete(doc));
          }
          expect(compact.size).toBe(map.size);
        }
        expect([...compact]).toEqual([...map]);
        expect([...compact.keys()]).toEqual([...map.keys()]);
        for (const doc of [0, 1, 2, next, next + 1]) {
          expect(compact.get(doc)).toBe(map.get(doc));
          expect(compact.has(doc)).toBe(map.has(doc));
        }
      }),
    );
  });

  it('an entry added out of order is kept in ascending order; deleting while iterating skips nothing left (MiniSearch removes discarded notes mid-loop)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 5000 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (docs, seed) => {
          const compact = new Postings();
          for (const doc of docs) compact.set(doc, (doc % 7) + 1);
          const sorted = [...docs].sort((a, b) => a - b);
          expect([...compact.keys()]).toEqual(sorted);
          // Delete some notes while walking, the one under the cursor included, as termResults does.
          const gone = new Set(sorted.filter((doc, i) => (doc + seed + i) % 3 === 0));
          const seen: number[] = [];
          for (const [doc, count] of compact) {
            expect(count).toBe((doc % 7) + 1);
            seen.push(doc);
            if (gone.has(doc)) compact.delete(doc);
          }
          expect(seen).toEqual(sorted);
          expect([...compact.keys()]).toEqual(sorted.filter((doc) => !gone.has(doc)));
          expect(compact.size).toBe(sorted.length - gone.size);
          expect(compact.delete(-1)).toBe(false);
        },
      ),
    );
  });
});
