import type { FoldedNote } from './noteText';
import { searchGroups } from './noteText';
import { WORD_PATTERN } from './searchText';

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

/**
 * Whether a word of a note matches a query term, by matchRules: a short term only the same word;
 * from `prefixFrom` letters, the words it begins; from `fuzzyFrom`, also the words one edit away
 * (only those at most one unit longer or shorter can be, so the length is checked first).
 */
export function termAccepts(term: string): (word: string) => boolean {
  const length = term.length;
  if (length < matchRules.prefixFrom) return (word) => word === term;
  if (length < matchRules.fuzzyFrom) return (word) => word.startsWith(term);
  return (word) =>
    word.startsWith(term) || (Math.abs(word.length - length) <= 1 && withinOneEdit(word, term));
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

const WORD = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);
/**
 * In text of printable ASCII, tabs, newlines and general punctuation (U+2000–U+206F: curly
 * quotes, dashes; none a letter, digit or mark), WORD's characters are ASCII letters and digits:
 * a plain pattern splits such text, most notes' text, about twice as fast.
 */
const PLAIN_WORD = /[A-Za-z0-9]+/g;
const NOT_PLAIN = /[^\t\n\r -~\u2000-\u206f]/;

/** The words of a folded text, as the index splits them. */
const wordsOf = (text: string): string[] => text.match(NOT_PLAIN.test(text) ? WORD : PLAIN_WORD) ?? [];

/**
 * Search over a vocabulary of the notes' words, ready as soon as the text is folded (once per
 * unlock), while the full index builds in its thread. Each distinct word (as the index splits
 * the same folded text: WORD_PATTERN) lists the notes that hold it, so a query term is checked
 * against the distinct words (at most tens of thousands) instead of every note's text (tens of millions
 * of characters), and the notes of the words it matches are counted.
 */
export class NoteScan {
  /** The words of a folded text as the vocabulary takes them (exported for tests). */
  static readonly wordsOf = wordsOf;

  /** Each note's slot (notes keep their slot when their text is replaced). */
  readonly #slots = new Map<string, number>();
  readonly #ids: string[] = [];
  /** When each note last changed: the scan lists newest first. */
  readonly #updatedAt: string[] = [];
  /** Each note's distinct words (vocabulary numbers), in the order they first occur. */
  readonly #noteWords: Uint32Array[] = [];
  /** The vocabulary: each distinct word, its number, and the slots of the notes holding it. */
  readonly #words: string[] = [];
  readonly #numbers = new Map<string, number>();
  readonly #postings: number[][] = [];
  /** Per word, the last `set` that listed it (so a note lists a word once). */
  #seenIn: Uint32Array = new Uint32Array(1024);
  #stamp = 0;

  /** Adds or replaces a note's text. */
  set(doc: FoldedNote, updatedAt: string): void {
    let slot = this.#slots.get(doc.id);
    if (slot === undefined) {
      slot = this.#ids.length;
      this.#slots.set(doc.id, slot);
      this.#ids.push(doc.id);
    } else {
      for (const number of this.#noteWords[slot]!) {
        const postings = this.#postings[number]!;
        postings.splice(postings.indexOf(slot), 1);
      }
    }
    this.#updatedAt[slot] = updatedAt;
    const stamp = ++this.#stamp;
    const own: number[] = [];
    for (const group of searchGroups) {
      for (const text of doc[group]) {
        for (const word of wordsOf(text)) {
          let number = this.#numbers.get(word);
          if (number === undefined) {
            number = this.#words.length;
            this.#numbers.set(word, number);
            this.#words.push(word);
            this.#postings.push([]);
            if (number >= this.#seenIn.length) {
              const grown = new Uint32Array(this.#seenIn.length * 2);
              grown.set(this.#seenIn);
              this.#seenIn = grown;
            }
          }
          if (this.#seenIn[number] === stamp) continue;
          this.#seenIn[number] = stamp;
          this.#postings[number]!.push(slot);
          own.push(number);
        }
      }
    }
    this.#noteWords[slot] = Uint32Array.from(own);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** The ids of the notes matching every term (folded search terms), newest first. */
  search(terms: readonly string[]): string[] {
    const unique = [...new Set(terms)];
    if (unique.length === 0) return [];
    // How many of the terms, in order, each note has matched so far: a note missing one stays behind.
    const matched = new Uint32Array(this.#ids.length);
    const words = this.#words;
    unique.forEach((term, k) => {
      const accepts = termAccepts(term);
      for (let number = 0; number < words.length; number++) {
        if (!accepts(words[number]!)) continue;
        for (const slot of this.#postings[number]!) if (matched[slot] === k) matched[slot] = k + 1;
      }
    });
    const found: number[] = [];
    for (let slot = 0; slot < matched.length; slot++) if (matched[slot] === unique.length) found.push(slot);
    const ids = this.#ids;
    const updatedAt = this.#updatedAt;
    return found
      .sort((a, b) => {
        const x = updatedAt[a]!;
        const y = updatedAt[b]!;
        return x < y ? 1 : x > y ? -1 : ids[a]! < ids[b]! ? -1 : 1;
      })
      .map((slot) => ids[slot]!);
  }

  /** The words of a note that the terms match, for its snippets (as the index reports them). */
  matchedWords(id: string, terms: readonly string[]): string[] {
    const slot = this.#slots.get(id);
    if (slot === undefined) return [];
    const words = new Set<string>();
    for (const term of new Set(terms)) {
      const accepts = termAccepts(term);
      for (const number of this.#noteWords[slot]!) {
        const word = this.#words[number]!;
        if (accepts(word)) words.add(word);
      }
    }
    return [...words];
  }
}
