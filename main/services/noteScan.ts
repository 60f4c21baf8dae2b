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

/** Text the trie does not take: NOT_PLAIN's, and upper case (folded text has none; the trie has 36 letters and digits). */
const NOT_TRIE_TEXT = /[^\t\n\r -@[-~\u2000-\u206f]/;
const TRIE_WIDTH = 36;

/** The same numbers in a longer array (at least `length`, doubling). */
function grown(array: Uint32Array, length: number): Uint32Array {
  const longer = new Uint32Array(Math.max(length, array.length * 2));
  longer.set(array);
  return longer;
}

/** The words of a folded text, as the index splits them. */
const wordsOf = (text: string): string[] => text.match(NOT_PLAIN.test(text) ? WORD : PLAIN_WORD) ?? [];

/**
 * Search over a vocabulary of the notes' words, ready as soon as the text is folded (once per
 * unlock), while the full index builds in its thread. Each note keeps the numbers of its distinct
 * words (split as the index splits the same folded text: WORD_PATTERN), so a query term is
 * checked once against each distinct word (at most tens of thousands), then each note against
 * its few hundred word numbers, instead of scanning every note's text (tens of millions of
 * characters). Lists of notes per word are not kept: filling them at unlock cost more than
 * every query saves.
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
  /** The vocabulary: each distinct word and its number. */
  readonly #words: string[] = [];
  readonly #numbers = new Map<string, number>();
  /** Per word, the last `set` that listed it (so a note lists a word once). */
  #seenIn: Uint32Array = new Uint32Array(1024);
  /** A trie of the words of plain text: each node's child per letter or digit (0: none; 0 is the root). */
  #children: Uint32Array = new Uint32Array(TRIE_WIDTH * 1024);
  #nodes = 1;
  /** The word ending at each node of the trie: its number + 1 (0: none yet). */
  #wordAt: Uint32Array = new Uint32Array(1024);
  #stamp = 0;

  /** Adds or replaces a note's text. */
  set(doc: FoldedNote, updatedAt: string): void {
    let slot = this.#slots.get(doc.id);
    if (slot === undefined) {
      slot = this.#ids.length;
      this.#slots.set(doc.id, slot);
      this.#ids.push(doc.id);
    }
    this.#updatedAt[slot] = updatedAt;
    const stamp = ++this.#stamp;
    const own: number[] = [];
    const list = (number: number) => {
      if (this.#seenIn[number] === stamp) return;
      this.#seenIn[number] = stamp;
      own.push(number);
    };
    for (const group of searchGroups) {
      for (const text of doc[group]) {
        if (NOT_TRIE_TEXT.test(text)) for (const word of wordsOf(text)) list(this.#number(word));
        else this.#listPlainWords(text, stamp, own);
      }
    }
    this.#noteWords[slot] = new Uint32Array(own);
  }

  /** A word's number in the vocabulary, added if new. */
  #number(word: string): number {
    let number = this.#numbers.get(word);
    if (number === undefined) {
      number = this.#words.length;
      this.#numbers.set(word, number);
      this.#words.push(word);
      if (number >= this.#seenIn.length) this.#seenIn = grown(this.#seenIn, number + 1);
    }
    return number;
  }

  /**
   * Lists the words of a text of lower-case ASCII, digits and punctuation in `own` (as `set`
   * does), walking the trie of the words met so far: no string is made for a word
   * already known (splitting and looking up millions of words is most of the preparation).
   */
  #listPlainWords(text: string, stamp: number, own: number[]): void {
    // The hot loop of the preparation: fields read into locals (written back when they grow).
    let children = this.#children;
    let wordAt = this.#wordAt;
    let seenIn = this.#seenIn;
    let node = 0;
    let start = -1;
    const length = text.length;
    for (let i = 0; i <= length; i++) {
      const c = i < length ? text.charCodeAt(i) : 0;
      const k = c >= 0x61 && c <= 0x7a ? c - 0x61 + 10 : c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
      if (k >= 0) {
        if (start < 0) {
          start = i;
          node = 0;
        }
        const at = node * TRIE_WIDTH + k;
        let next = children[at]!;
        if (next === 0) {
          next = this.#nodes++;
          if ((next + 1) * TRIE_WIDTH > children.length) {
            children = grown(children, (next + 1) * TRIE_WIDTH);
            this.#children = children;
          }
          if (next >= wordAt.length) {
            wordAt = grown(wordAt, next + 1);
            this.#wordAt = wordAt;
          }
          children[at] = next;
        }
        node = next;
      } else if (start >= 0) {
        let number = wordAt[node]! - 1;
        if (number < 0) {
          number = this.#number(text.slice(start, i));
          wordAt[node] = number + 1;
          seenIn = this.#seenIn; // grown for the new word
        }
        start = -1;
        if (seenIn[number] === stamp) continue;
        seenIn[number] = stamp;
        own.push(number);
      }
    }
  }

  get size(): number {
    return this.#ids.length;
  }

  /** The ids of the notes matching every term (folded search terms), newest first. */
  search(terms: readonly string[]): string[] {
    const unique = [...new Set(terms)];
    if (unique.length === 0) return [];
    const words = this.#words;
    const accepted = new Uint8Array(words.length);
    let found = this.#ids.map((_, slot) => slot);
    for (const term of unique) {
      // The term against each distinct word, then each note that is still in against its words.
      const accepts = termAccepts(term);
      for (let number = 0; number < words.length; number++)
        accepted[number] = accepts(words[number]!) ? 1 : 0;
      found = found.filter((slot) => {
        const own = this.#noteWords[slot]!;
        for (let j = 0; j < own.length; j++) if (accepted[own[j]!] === 1) return true;
        return false;
      });
      if (found.length === 0) return [];
    }
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
