import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { matchRules } from '../../../main/services/noteScan';
import { type FoldedNote, type SearchGroup, searchGroups } from '../../../main/services/noteText';
import { SearchThread } from '../../../main/services/searchThread';
import { foldText, WORD_PATTERN } from '../../../main/services/searchText';

/**
 * The index thread answers a query of several words by first narrowing to the notes every word
 * matches, then scoring only those (searchThread.ts). These tests hold it to what MiniSearch alone
 * answers with the same options: the same notes, the same order, the same scores, the same words.
 */

/** MiniSearch as the thread configures it, queried plainly (no narrowing). */
function plainIndex(): MiniSearch<FoldedNote> {
  const word = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);
  return new MiniSearch<FoldedNote>({
    fields: [...searchGroups],
    extractField: (doc, field) => (field === 'id' ? doc.id : doc[field as SearchGroup].join('\n')),
    tokenize: (text) => text.match(word) ?? [],
    processTerm: (term) => term,
    searchOptions: {
      combineWith: 'AND',
      prefix: (term) => term.length >= matchRules.prefixFrom,
      fuzzy: (term) => (term.length >= matchRules.fuzzyFrom ? matchRules.fuzzyDistance : false),
    },
  });
}

// Common words (in most notes, with prefixes and one-edit neighbours of their own) beside rare ones.
const COMMON = ['about', 'abouts', 'bout', 'session', 'sessions', 'felt', 'fell', 'the', 'then', 'they'];
const RARE = ['argument', 'arguments', 'money', 'monkey', 'commute', 'café', 'naïve', 'Ὀδυσσεύς', '日本語'];
const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...COMMON) }, fc.constantFrom(...RARE));
const text = fc.array(word, { minLength: 1, maxLength: 20 }).map((words) => words.join(' '));
const queryWord = fc.oneof(
  word,
  fc.tuple(fc.constantFrom(...COMMON, ...RARE), fc.nat()).map(([w, n]) => w.slice(0, 1 + (n % w.length))),
  fc.tuple(fc.constantFrom(...COMMON, ...RARE), fc.nat()).map(([w, n]) => {
    const at = n % w.length;
    return w.slice(0, at) + w.slice(at + 1); // one letter missing
  }),
);
const query = fc.array(queryWord, { minLength: 2, maxLength: 4 }).map((words) => words.join(' '));

function doc(id: string, texts: readonly string[]): FoldedNote {
  const folded = { id } as FoldedNote;
  for (const g of searchGroups) folded[g] = [];
  texts.forEach((t, i) => {
    folded[searchGroups[i % 3]!].push(foldText(t));
  });
  return folded;
}

/**
 * One empty thread for a whole property, its index built (each run upserts notes of its own ids,
 * so statistics build up as in the plain index beside it), stopped at the end however it went.
 */
async function onOneThread(check: (thread: SearchThread) => Promise<void>): Promise<void> {
  const thread = new SearchThread([]);
  try {
    await thread.built;
    await check(thread);
  } finally {
    await thread.stop();
  }
}

/** The thread's order among notes of the same time (here none has one): by id. */
const byId = (a: { id: unknown }, b: { id: unknown }) =>
  String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0;

describe('the index thread, for queries of several words', () => {
  it('finds and scores exactly as MiniSearch alone does (notes, scores, matched words), in the scan’s order', async () => {
    // One thread and one plain index for every run, given the same notes in the same order, so
    // their statistics (and so their scores) agree; every answer is compared whole.
    const plain = plainIndex();
    let run = 0;
    let compared = 0;
    await onOneThread(async (thread) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 15 }),
          fc.array(query, { minLength: 1, maxLength: 6 }),
          async (notes, queries) => {
            const prefix = `r${run++}-`;
            for (const [i, texts] of notes.entries()) {
              const d = doc(`${prefix}${i}`, texts);
              thread.upsert(d);
              plain.add(d);
            }
            for (const q of queries) {
              const folded = foldText(q);
              const expected = plain
                .search(folded)
                .map((r) => ({ id: r.id as string, score: r.score, terms: r.terms }))
                // Newest first as the scan lists them; these notes carry no time, so by id.
                .sort(byId);
              const { total, hits } = await thread.search(folded, 1_000_000, 0);
              expect({ q, total, hits }).toEqual({ q, total: expected.length, hits: expected });
              if (expected.length > 0) compared++;
            }
          },
        ),
        { numRuns: 120 },
      );
      // The property means little if no query ever matched.
      expect(compared).toBeGreaterThan(50);
    });
  }, 120_000);

  it('pages the answer: total, limit and offset as before', async () => {
    const texts = ['about money', 'about the argument about money', 'money about', 'the argument'];
    const thread = new SearchThread(texts.map((t, i) => doc(`n${i}`, [t])));
    try {
      await thread.built;
      const plain = plainIndex();
      plain.addAll(texts.map((t, i) => doc(`n${i}`, [t])));
      const all = plain
        .search('about money')
        .sort(byId)
        .map((r) => r.id);
      expect(all).toHaveLength(3);
      const page = await thread.search('about money', 2, 1);
      expect(page.total).toBe(3);
      expect(page.hits.map((h) => h.id)).toEqual(all.slice(1, 3));
      expect((await thread.search('about nothingmatches', 10, 0)).total).toBe(0);
    } finally {
      await thread.stop();
    }
  });

  it('pages exactly as MiniSearch alone, newest first, for any page: the page kept as notes come equals the sorted slice', async () => {
    // The thread keeps only the newest offset + limit notes as it meets them (no sort of every
    // match); notes here carry times from a few values, so ties fall back to the id.
    const plain = plainIndex();
    const times = ['2025-01-01T10:00:00.000Z', '2025-02-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z'];
    const at = new Map<string, string>();
    const newestFirst = (a: { id: unknown }, b: { id: unknown }) => {
      const x = at.get(String(a.id)) ?? '';
      const y = at.get(String(b.id)) ?? '';
      return x < y ? 1 : x > y ? -1 : byId(a, b);
    };
    let run = 0;
    let paged = 0;
    await onOneThread(async (thread) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(text, fc.nat(times.length - 1)), { minLength: 1, maxLength: 25 }),
          fc.array(fc.tuple(query, fc.integer({ min: 1, max: 8 }), fc.nat(12)), {
            minLength: 1,
            maxLength: 4,
          }),
          async (notes, queries) => {
            const prefix = `p${run++}-`;
            for (const [i, [t, time]] of notes.entries()) {
              const d = { ...doc(`${prefix}${i}`, [t]), updatedAt: times[time]! };
              at.set(d.id, d.updatedAt);
              thread.upsert(d);
              plain.add(d);
            }
            for (const [q, limit, offset] of queries) {
              const folded = foldText(q);
              const all = plain
                .search(folded)
                .map((r) => ({ id: r.id as string, score: r.score, terms: r.terms }))
                .sort(newestFirst);
              const page = await thread.search(folded, limit, offset);
              expect({ q, limit, offset, ...page }).toEqual({
                q,
                limit,
                offset,
                engine: 'index',
                total: all.length,
                hits: all.slice(offset, offset + limit),
              });
              if (all.length > limit) paged++;
            }
          },
        ),
        { numRuns: 120 },
      );
      // The property means little unless pages were cut from longer answers.
      expect(paged).toBeGreaterThan(20);
    });
  }, 120_000);

  it('scores notes saved again as a fresh index over the same notes does, though MiniSearch still holds their old words', async () => {
    // MiniSearch keeps a replaced note's old postings until it cleans them; the thread counts a
    // word's notes without them. A fresh index over the notes as they are now is the reference
    // (its average field lengths are summed in another order: equal to 10 digits, not to the bit;
    // and its word tree, grown in another order, lists a query's typos and prefixes in another
    // order, so the matched words are compared as sets).
    const now = new Map<string, FoldedNote>();
    let run = 0;
    let compared = 0;
    await onOneThread(async (thread) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
          fc.array(fc.tuple(fc.nat(11), fc.array(text, { minLength: 1, maxLength: 3 })), { maxLength: 8 }),
          fc.array(query, { minLength: 1, maxLength: 4 }),
          async (notes, saves, queries) => {
            const prefix = `s${run++}-`;
            const put = (d: FoldedNote) => {
              thread.upsert(d);
              now.set(d.id, d);
            };
            for (const [i, texts] of notes.entries()) put(doc(`${prefix}${i}`, texts));
            for (const [i, texts] of saves) put(doc(`${prefix}${i % notes.length}`, texts));
            const fresh = plainIndex();
            fresh.addAll([...now.values()]);
            for (const q of queries) {
              const folded = foldText(q);
              const expected = fresh.search(folded).sort(byId);
              const { total, hits } = await thread.search(folded, 1_000_000, 0);
              const sets = (terms: string[][]) => terms.map((t) => [...t].sort());
              expect({ q, total, ids: hits.map((h) => h.id), terms: sets(hits.map((h) => h.terms)) }).toEqual(
                {
                  q,
                  total: expected.length,
                  ids: expected.map((r) => r.id),
                  terms: sets(expected.map((r) => r.terms)),
                },
              );
              for (const [i, hit] of hits.entries()) expect(hit.score).toBeCloseTo(expected[i]!.score, 10);
              if (saves.length > 0 && expected.length > 0) compared++;
            }
          },
        ),
        { numRuns: 60 },
      );
      expect(compared).toBeGreaterThan(20);
    });
  }, 120_000);
});
