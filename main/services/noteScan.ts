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

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** Whether the code point at `i` (a UTF-16 index, never inside a pair) is part of a word. */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  const cp = text.codePointAt(i) ?? c;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/** The UTF-16 index where the code point ending just before `i` starts. */
function previousStart(text: string, i: number): number {
  const low = text.charCodeAt(i - 1);
  const high = text.charCodeAt(i - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? i - 2 : i - 1;
}

/** Whether a word starts at `i`: nothing before it, or a code point that is not a word's. */
const startsWord = (text: string, i: number): boolean => i === 0 || !isWordAt(text, previousStart(text, i));

/** Where the word going on at `i` ends. */
function wordEnd(text: string, i: number): number {
  let end = i;
  while (end < text.length && isWordAt(text, end)) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  return end;
}

/**
 * A query term compiled for scanning folded text. A word one edit away from the term keeps
 * either the term's head or its tail intact (the edit falls in the other part), so fuzzy
 * candidates are words that start with the head or end with the tail: both found by plain
 * substring search, then checked exactly.
 */
class TermMatcher {
  /** What every matching word starts with, when it is not a fuzzy match ending in `#tail`. */
  readonly #head: string;
  readonly #tail: string | undefined;

  constructor(readonly term: string) {
    if (term.length >= matchRules.fuzzyFrom) {
      const split = splitPoint(term);
      this.#head = term.slice(0, split);
      this.#tail = term.slice(split);
    } else {
      this.#head = term;
    }
  }

  /** True when some word of `text` matches the term. */
  matches(text: string): boolean {
    return this.words(text, 1).length > 0;
  }

  /** The words of `text` the term matches (a word once per place it occurs), at most `limit`. */
  words(text: string, limit = Number.POSITIVE_INFINITY): string[] {
    const found: string[] = [];
    const head = this.#head;
    for (let at = text.indexOf(head); at >= 0 && found.length < limit; at = text.indexOf(head, at + 1)) {
      if (!startsWord(text, at)) continue;
      const word = text.slice(at, wordEnd(text, at + head.length));
      if (this.#accepts(word)) found.push(word);
    }
    const tail = this.#tail;
    if (tail === undefined) return found;
    // Words ending in the tail, whose part before it is at most one unit longer than the head.
    const before = this.term.length - tail.length + 1;
    for (let at = text.indexOf(tail); at >= 0 && found.length < limit; at = text.indexOf(tail, at + 1)) {
      const end = at + tail.length;
      if (end < text.length && isWordAt(text, end)) continue;
      let start = at;
      while (start > 0 && at - start <= before && isWordAt(text, previousStart(text, start))) {
        start = previousStart(text, start);
      }
      if (at - start > before || !startsWord(text, start)) continue;
      const word = text.slice(start, end);
      // Found already by its start (it begins with the head).
      if (!word.startsWith(head) && this.#accepts(word)) found.push(word);
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

interface ScanEntry {
  /** Every folded field (the index's strings, not copies: a word never spans two). */
  texts: string[];
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
    this.#entries.set(doc.id, { texts: searchGroups.flatMap((g) => doc[g]), updatedAt });
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
      const { texts } = entry[1];
      if (matchers.every((m) => texts.some((text) => m.matches(text)))) found.push(entry);
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
    for (const term of new Set(terms)) {
      const matcher = new TermMatcher(term);
      for (const text of entry.texts) for (const word of matcher.words(text)) words.add(word);
    }
    return [...words];
  }
}
