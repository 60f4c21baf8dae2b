import type { FoldedNote } from './noteText';
import { searchGroups } from './noteText';

/**
 * How a query term matches a word of a note. The scan below and the full index (searchThread.ts)
 * apply these same rules to the same words (searchTerms of the same folded text), so both find
 * the same notes; only their order differs (the index ranks by relevance, the scan newest first).
 * Lengths are in UTF-16 units, as the index counts them.
 */
export const matchRules = {
  /** A term this long or longer also matches the words it begins (shorter: whole words only). */
  prefixFrom: 2,
  /** A term this long or longer also matches words one edit away (insert, delete or replace one unit). */
  fuzzyFrom: 4,
  /** The edit distance of a fuzzy match: one, whatever the term's length. */
  fuzzyDistance: 1,
} as const;

const W = '[\\p{L}\\p{N}\\p{M}]';

/** A query term compiled for scanning folded text. */
class TermMatcher {
  readonly #pattern: RegExp;
  /** Any word the term matches contains one of these (a cheap test before the pattern). */
  readonly #needles: string[];

  constructor(readonly term: string) {
    const length = term.length;
    const alternatives = [
      length >= matchRules.prefixFrom ? `${literal(term)}${W}*` : `${literal(term)}(?!${W})`,
    ];
    this.#needles = [term];
    if (length >= matchRules.fuzzyFrom) {
      // A word one edit away keeps either the term's head or its tail intact (the edit falls in
      // the other part), so candidates are whole words that start with the head or end with the
      // tail, no more than one unit longer than the term; each is then checked exactly. Lengths in
      // the pattern count code points, never more than units, so the bounds only widen the net.
      const split = splitPoint(term);
      const head = term.slice(0, split);
      const tail = term.slice(split);
      alternatives.push(
        `${literal(head)}${W}{0,${length + 1 - split}}(?!${W})`,
        `${W}{0,${split + 1}}${literal(tail)}(?!${W})`,
      );
      this.#needles = [head, tail];
    }
    // Every alternative starts at a word's start and takes the whole word.
    this.#pattern = new RegExp(`(?<!${W})(?:${alternatives.join('|')})`, 'gu');
  }

  /** True when some word of `text` matches the term. */
  matches(text: string): boolean {
    if (!this.#needles.some((needle) => text.includes(needle))) return false;
    return this.words(text, 1).length > 0;
  }

  /** The words of `text` the term matches, in text order (repeats included), at most `limit`. */
  words(text: string, limit = Number.POSITIVE_INFINITY): string[] {
    const found: string[] = [];
    const pattern = this.#pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m && found.length < limit; m = pattern.exec(text)) {
      if (this.#accepts(m[0])) found.push(m[0]);
    }
    return found;
  }

  #accepts(word: string): boolean {
    const { term } = this;
    if (term.length < matchRules.prefixFrom) return word === term;
    if (word.startsWith(term)) return true;
    return term.length >= matchRules.fuzzyFrom && withinOneEdit(word, term);
  }
}

/** Where to cut a term into head and tail: about the middle, never inside a surrogate pair. */
function splitPoint(term: string): number {
  const middle = Math.floor(term.length / 2);
  const code = term.charCodeAt(middle);
  return code >= 0xdc00 && code <= 0xdfff ? middle + 1 : middle;
}

/** Levenshtein distance of at most one, in UTF-16 units. */
export function withinOneEdit(a: string, b: string): boolean {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const extra = long.length - short.length;
  if (extra > 1) return false;
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  if (i === short.length) return true;
  return extra === 0 ? long.slice(i + 1) === short.slice(i + 1) : long.slice(i + 1) === short.slice(i);
}

// Terms hold only letters and digits; escaping guards the pattern should that ever change.
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface ScanEntry {
  /** Every group's folded text, joined by newlines (not a word character). */
  text: string;
  /** When the note last changed: the scan lists newest first. */
  updatedAt: string;
}

/**
 * Search by scanning the folded text of every note: ready as soon as the text is folded (once per
 * unlock), while the full index builds in its thread. A query is one pass of a compiled pattern
 * per term over each note's text.
 */
export class NoteScan {
  readonly #entries = new Map<string, ScanEntry>();

  /** Adds or replaces a note's text. */
  set(doc: FoldedNote, updatedAt: string): void {
    this.#entries.set(doc.id, { text: searchGroups.map((g) => doc[g]).join('\n'), updatedAt });
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The ids of the notes matching every term (folded search terms), newest first. */
  search(terms: readonly string[]): string[] {
    const matchers = [...new Set(terms)]
      .sort((a, b) => b.length - a.length) // longer terms rule out more notes, sooner
      .map((term) => new TermMatcher(term));
    if (matchers.length === 0) return [];
    const found: Array<[string, ScanEntry]> = [];
    for (const entry of this.#entries) {
      if (matchers.every((m) => m.matches(entry[1].text))) found.push(entry);
    }
    return found
      .sort(([a, x], [b, y]) =>
        x.updatedAt < y.updatedAt ? 1 : x.updatedAt > y.updatedAt ? -1 : a < b ? -1 : 1,
      )
      .map(([id]) => id);
  }

  /** The words of a note that the terms match, for its snippets (as the index reports them). */
  matchedWords(id: string, terms: readonly string[]): string[] {
    const entry = this.#entries.get(id);
    if (!entry) return [];
    const words = new Set<string>();
    for (const term of new Set(terms))
      for (const word of new TermMatcher(term).words(entry.text)) words.add(word);
    return [...words];
  }
}
