import type { PostingList } from './compactPostings';
import type { MatchRules } from './searchCore';

/**
 * Scores and matched words for one page of notes, as MiniSearch's `search` gives them, as one
 * self-contained function: the search thread runs this very code, as text (as it runs
 * compactPostings.ts), so nothing inside may refer to anything outside but its arguments.
 *
 * Why: the page lists notes newest first, so the thread finds them without scoring (notesOf in
 * searchThread.ts), and scores only the page. Asking MiniSearch to score just those notes still
 * walks every note of every word the query derives (a common word with its prefixes and typos
 * meets nearly all 10,000 notes): 10–25 ms a query. Here each page note is looked up in each
 * derived word's posting lists (a binary search), which is the same sum in the same order, so
 * scores are equal to the last bit (searchThreadRanking.test.ts holds it to MiniSearch).
 *
 * MiniSearch 7's search, restated for a page (its `executeQuerySpec`, `termResults`, the AND
 * combinator and `search`), with its default weights and BM25+ parameters:
 * - each query word (duplicates too) derives: itself (weight 1); if prefixes apply, each longer
 *   word it begins (weight 0.375 · len / (len + 0.3 · extra letters)); if typos apply, each word
 *   one edit away that is not one of those (weight 0.45 · len / (len + distance));
 * - each derived word, in each field that has it for the note, adds weight · BM25+(its count
 *   there, the notes having it there, all notes, the note's field length, the average);
 * - a note's score is the sum over the query's words, times how many distinct query words there
 *   are; its matched words are the derived words in the order they first matched it.
 * Where MiniSearch has notes replaced since they were added (it cleans their postings lazily),
 * a word's notes are counted without them, as a fresh index over the same notes counts them.
 */

/** The parts of a MiniSearch index read here (its own fields, as searchThread.ts reads them). */
export interface ScoredIndex {
  _index: {
    get(term: string): Map<number, PostingList> | undefined;
    atPrefix(prefix: string): Iterable<[string, Map<number, PostingList>]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [Map<number, PostingList>, number]>;
  };
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _fieldLength: Map<number, number[]>;
  _documentCount: number;
}

/** A word a query word derives, with its weight and its posting lists by field (if any). */
export interface Derived {
  term: string;
  weight: number;
  fields: Map<number, PostingList> | undefined;
}

export interface PageScore {
  doc: number;
  score: number;
  terms: string[];
}

export interface PageScoring {
  /** The words `term` derives, in the order MiniSearch scores them. */
  derive(index: ScoredIndex, term: string): Derived[];
  /**
   * The page's notes (MiniSearch's numbers), each scored for the query's words (every one of
   * them must match each note); `replaced` holds numbers of notes since replaced or removed.
   */
  scorePage(
    index: ScoredIndex,
    words: readonly string[],
    page: readonly number[],
    derivedOf: (term: string) => Derived[],
    replaced: ReadonlySet<number>,
  ): PageScore[];
}

export function pageScoring(rules: MatchRules, fields: readonly string[]): PageScoring {
  // MiniSearch reads a fuzzy setting below 1 as a fraction of the word's length; this restates
  // only the whole-number case the search uses.
  if (!Number.isInteger(rules.fuzzyDistance) || rules.fuzzyDistance < 1)
    throw new RangeError('pageScoring restates fuzzy matching by a whole number of edits only');
  // MiniSearch's defaults: search weights and BM25+ parameters.
  const PREFIX_WEIGHT = 0.375;
  const FUZZY_WEIGHT = 0.45;
  const K = 1.2;
  const B = 0.7;
  const D = 0.5;

  // Written as MiniSearch's calcBM25Score is, so the float operations are the same.
  const bm25 = (termFreq: number, matching: number, total: number, fieldLength: number, avg: number) => {
    const invDocFreq = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
    return invDocFreq * (D + (termFreq * (K + 1)) / (termFreq + K * (1 - B + (B * fieldLength) / avg)));
  };

  function derive(index: ScoredIndex, term: string): Derived[] {
    const derived: Derived[] = [{ term, weight: 1, fields: index._index.get(term) }];
    const fuzzy =
      term.length >= rules.fuzzyFrom ? index._index.fuzzyGet(term, rules.fuzzyDistance) : undefined;
    if (term.length >= rules.prefixFrom) {
      for (const [word, wordFields] of index._index.atPrefix(term)) {
        const distance = word.length - term.length;
        if (!distance) continue;
        // A word both begins with the term and is one edit away counts as a prefix, once.
        fuzzy?.delete(word);
        derived.push({
          term: word,
          weight: (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * distance),
          fields: wordFields,
        });
      }
    }
    if (fuzzy) {
      for (const [word, [wordFields, distance]] of fuzzy) {
        if (!distance) continue;
        derived.push({
          term: word,
          weight: (FUZZY_WEIGHT * word.length) / (word.length + distance),
          fields: wordFields,
        });
      }
    }
    return derived;
  }

  interface Result {
    score: number;
    sources: string[];
    match: Record<string, true>;
  }

  function scorePage(
    index: ScoredIndex,
    words: readonly string[],
    page: readonly number[],
    derivedOf: (term: string) => Derived[],
    replaced: ReadonlySet<number>,
  ): PageScore[] {
    let combined: Map<number, Result> | undefined;
    for (const source of words) {
      const results = new Map<number, Result>();
      for (const { term, weight, fields: wordFields } of derivedOf(source)) {
        if (wordFields == null) continue;
        for (const field of fields) {
          const fieldId = index._fieldIds[field] as number;
          const postings = wordFields.get(fieldId);
          if (postings == null) continue;
          // Counted once a page note is found here (most derived words have none of them).
          let matching = -1;
          const avg = index._avgFieldLength[fieldId] as number;
          for (const doc of page) {
            const termFreq = postings.get(doc);
            if (termFreq === undefined) continue;
            if (matching < 0) {
              matching = postings.size;
              for (const gone of replaced) if (postings.has(gone)) matching--;
            }
            const fieldLength = (index._fieldLength.get(doc) as number[])[fieldId] as number;
            const weighted = weight * bm25(termFreq, matching, index._documentCount, fieldLength, avg);
            const result = results.get(doc);
            if (result) {
              result.score += weighted;
              if (!result.sources.includes(source)) result.sources.push(source);
              // A plain object, as MiniSearch's `match`: its keys' order (number-like words first) is the matched words' order.
              result.match[term] = true;
            } else {
              results.set(doc, { score: weighted, sources: [source], match: { [term]: true } });
            }
          }
        }
      }
      combined = combined === undefined ? results : both(combined, results);
    }
    return page.flatMap((doc) => {
      const result = combined?.get(doc);
      if (!result) return [];
      return [{ doc, score: result.score * (result.sources.length || 1), terms: Object.keys(result.match) }];
    });
  }

  /** The notes both matched, their scores added (MiniSearch's AND). */
  function both(a: Map<number, Result>, b: Map<number, Result>): Map<number, Result> {
    const combined = new Map<number, Result>();
    for (const [doc, next] of b) {
      const existing = a.get(doc);
      if (existing == null) continue;
      for (const source of next.sources)
        if (!existing.sources.includes(source)) existing.sources.push(source);
      combined.set(doc, {
        score: existing.score + next.score,
        sources: existing.sources,
        match: Object.assign(existing.match, next.match),
      });
    }
    return combined;
  }

  return { derive, scorePage };
}
