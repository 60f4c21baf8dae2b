/**
 * Folding text and the scan over the notes' words, as one self-contained function: the index
 * thread (searchThread.ts) runs this very code, as text (the way recordCheckThread.ts hands its
 * functions over), so the main process and the thread fold and match alike. Nothing inside may
 * refer to anything outside but its argument: a bundler may rename module-level names.
 */

/** How a query term matches a word of a note (see termAccepts); the full index is set up by the same rules. */
export interface MatchRules {
  /** A term this long or longer also matches the words it begins (shorter: whole words only). */
  prefixFrom: number;
  /** A term this long or longer also matches words one edit away (insert, delete or replace one unit). */
  fuzzyFrom: number;
  /** The edit distance of a fuzzy match: one, whatever the term's length. */
  fuzzyDistance: number;
}

/** A note's text as the scan and the index take it: its id, and each group's fields (folded) by group name. */
export interface GroupedText {
  id: string;
}

/** The scan over the notes' words (see the class in searchCore). */
export interface NoteScanApi {
  /** Adds or replaces a note's text (folded). */
  set(doc: GroupedText, updatedAt: string): void;
  readonly size: number;
  /** The ids of the notes matching every term (folded search terms), newest first. */
  search(terms: readonly string[]): string[];
  /** The words of a note that the terms match, for its snippets (as the index reports them). */
  matchedWords(id: string, terms: readonly string[]): string[];
  /** The notes `include` names, with the words they use (numbered afresh), as this computer keeps them. */
  snapshot(include: (id: string) => boolean): ScanSnapshot;
  /** Adds (or replaces) the notes of a snapshot whose `use` is 1, as if each had been `set`; throws if it is malformed. */
  load(snapshot: ScanSnapshot, use: Uint8Array): void;
}

/**
 * Notes as the scan holds them, for this computer's kept copy (keptScan.ts): note i is `ids[i]`,
 * last changed at `updatedAt[i]`; `body` holds, for each note in turn, how many distinct words
 * it has, then those words' places in `words`, ascending, the first as it is and each next as
 * its difference from the one before, every number an unsigned LEB128 varint (most take a byte).
 */
export interface ScanSnapshot {
  ids: string[];
  updatedAt: string[];
  words: string[];
  body: Uint8Array<ArrayBuffer>;
}

export interface SearchCore {
  foldText(text: string): string;
  withinOneEdit(a: string, b: string): boolean;
  termAccepts(term: string): (word: string) => boolean;
  wordsOf(text: string): string[];
  /** A scan over the notes' text in these groups. */
  NoteScan: new (
    groups: readonly string[],
  ) => NoteScanApi;
  wordPattern: { source: string; flags: string };
}

export function searchCore(rules: MatchRules): SearchCore {
  // Printable ASCII, tabs, newlines and general punctuation (curly quotes, dashes: U+2000–U+206F,
  // none of them letters, digits, marks or cased) need only lower-casing; most notes are such
  // text, and Unicode normalisation is the slow part of folding. Anything else takes the full
  // path, which gives the same result on this text.
  const NEEDS_NORMALISING = /[^\t\n\r -~\u2000-\u206f]/;
  const MARKS = /\p{M}+/gu;
  /**
   * Letters that NFD does not split into a base and a mark, written as their usual spelling
   * without them: "strasse" finds "Straße", "oe" finds "œ", "o" finds "ø" (as a German, French
   * or Danish reader types them on a keyboard without). Final sigma is σ (the one
   * context-dependent lower-casing). One letter at a time, so whole texts and single words fold alike.
   */
  const SPELLED: Record<string, string> = {
    ß: 'ss',
    æ: 'ae',
    œ: 'oe',
    ø: 'o',
    ł: 'l',
    đ: 'd',
    þ: 'th',
    ς: 'σ',
  };
  const LETTERS_WITHOUT_MARKS = /[ßæœøłđþς]/g;
  /** A word: letters, digits and marks. */
  const WORD = /[\p{L}\p{N}\p{M}]+/gu;
  /**
   * In text of printable ASCII, tabs, newlines and general punctuation (none a letter, digit or
   * mark), WORD's characters are ASCII letters and digits: a plain pattern splits such text, most
   * notes' text, about twice as fast.
   */
  const PLAIN_WORD = /[A-Za-z0-9]+/g;
  const NOT_PLAIN = /[^\t\n\r -~\u2000-\u206f]/;
  /** Text the trie does not take: NOT_PLAIN's, and upper case (folded text has none; the trie has 36 letters and digits). */
  const NOT_TRIE_TEXT = /[^\t\n\r -@[-~\u2000-\u206f]/;
  const TRIE_WIDTH = 36;

  /**
   * Lower case without diacritics, so "Élan" and "elan" are the same term (and "Straße" and
   * "strasse", see SPELLED). Every step works one character at a time, so
   * folding a whole text and folding each of its words give the same words: the scan folds whole
   * fields, the highlighter folds single words.
   */
  function foldText(text: string): string {
    const lower = text.toLowerCase();
    if (!NEEDS_NORMALISING.test(lower)) return lower;
    return lower
      .normalize('NFD')
      .replace(MARKS, '')
      .replace(LETTERS_WITHOUT_MARKS, (letter) => SPELLED[letter] ?? letter);
  }

  /** Levenshtein distance of at most one, in UTF-16 units. */
  function withinOneEdit(a: string, b: string): boolean {
    const [long, short] = a.length >= b.length ? [a, b] : [b, a];
    const extra = long.length - short.length;
    if (extra > 1) return false;
    let i = 0;
    while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
    if (i === short.length) return true;
    return extra === 0 ? long.slice(i + 1) === short.slice(i + 1) : long.slice(i + 1) === short.slice(i);
  }

  /**
   * Whether a word of a note matches a query term, by the rules: a short term only the same word;
   * from `prefixFrom` letters, the words it begins; from `fuzzyFrom`, also the words one edit away
   * (only those at most one unit longer or shorter can be, so the length is checked first).
   */
  function termAccepts(term: string): (word: string) => boolean {
    const length = term.length;
    if (length < rules.prefixFrom) return (word) => word === term;
    if (length < rules.fuzzyFrom) return (word) => word.startsWith(term);
    return (word) =>
      word.startsWith(term) || (Math.abs(word.length - length) <= 1 && withinOneEdit(word, term));
  }

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
   * unlock), while the full index builds. Each note keeps the numbers of its distinct words (split
   * as the index splits the same folded text), so a query term is checked once against each
   * distinct word (at most tens of thousands), then each note against its few hundred word
   * numbers, instead of scanning every note's text (tens of millions of characters). Lists of
   * notes per word are not kept: filling them at unlock cost more than every query saves.
   */
  class NoteScan implements NoteScanApi {
    /** The groups of a note's text, in the order they are read. */
    readonly #groups: readonly string[];
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

    constructor(groups: readonly string[]) {
      this.#groups = groups;
    }

    /** Adds or replaces a note's text (folded). */
    set(doc: GroupedText, updatedAt: string): void {
      let slot = this.#slots.get(doc.id);
      if (slot === undefined) {
        slot = this.#ids.length;
        this.#slots.set(doc.id, slot);
        this.#ids.push(doc.id);
      }
      this.#updatedAt[slot] = updatedAt;
      const stamp = ++this.#stamp;
      const own: number[] = [];
      for (const group of this.#groups) {
        const texts = (doc as unknown as Record<string, readonly string[] | undefined>)[group] ?? [];
        for (const text of texts) {
          if (NOT_TRIE_TEXT.test(text)) {
            for (const word of wordsOf(text)) {
              const number = this.#number(word);
              if (this.#seenIn[number] === stamp) continue;
              this.#seenIn[number] = stamp;
              own.push(number);
            }
          } else this.#listPlainWords(text, stamp, own);
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
     * does), walking the trie of the words met so far: no string is made for a word already known
     * (splitting and looking up millions of words is most of the preparation).
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
          let next = children[at] as number;
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
          let number = (wordAt[node] as number) - 1;
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

    /** The notes `include` names, with the words they use (numbered afresh, so words no note uses any more go). */
    snapshot(include: (id: string) => boolean): ScanSnapshot {
      const renumbered = new Int32Array(this.#words.length).fill(-1);
      const ids: string[] = [];
      const updatedAt: string[] = [];
      const words: string[] = [];
      let body = new Uint8Array(1 << 16);
      let at = 0;
      const put = (n: number) => {
        if (at + 5 > body.length) {
          const longer = new Uint8Array(body.length * 2);
          longer.set(body);
          body = longer;
        }
        while (n >= 0x80) {
          body[at++] = (n & 0x7f) | 0x80;
          n >>>= 7;
        }
        body[at++] = n;
      };
      for (let slot = 0; slot < this.#ids.length; slot++) {
        const id = this.#ids[slot] as string;
        if (!include(id)) continue;
        ids.push(id);
        updatedAt.push(this.#updatedAt[slot] as string);
        const own = this.#noteWords[slot] as Uint32Array;
        const kept = new Uint32Array(own.length);
        for (let j = 0; j < own.length; j++) {
          const number = own[j] as number;
          if ((renumbered[number] as number) < 0) {
            renumbered[number] = words.length;
            words.push(this.#words[number] as string);
          }
          kept[j] = renumbered[number] as number;
        }
        kept.sort();
        put(kept.length);
        let previous = 0;
        for (let j = 0; j < kept.length; j++) {
          put(j === 0 ? (kept[0] as number) : (kept[j] as number) - previous);
          previous = kept[j] as number;
        }
      }
      return { ids, updatedAt, words, body: body.slice(0, at) };
    }

    /**
     * Adds (or replaces) the notes of a snapshot whose `use` is 1, as if each had been `set` with
     * its text: its words join the vocabulary. Throws, adding nothing, when the body does not
     * read as `ids.length` notes of words in `words` (each note's words ascending), with nothing
     * after them.
     */
    load(snapshot: ScanSnapshot, use: Uint8Array): void {
      const { ids, words, body } = snapshot;
      // Read (and checked) whole before anything is added. At least a byte per number.
      const numbers = new Uint32Array(body.length);
      const ends = new Uint32Array(ids.length);
      let at = 0;
      let count = 0;
      const next = () => {
        let n = 0;
        for (let shift = 0; shift < 35; shift += 7) {
          if (at >= body.length) throw new Error('the kept scan ends early');
          const byte = body[at++] as number;
          n += (byte & 0x7f) * 2 ** shift;
          if (byte < 0x80) return n;
        }
        throw new Error('the kept scan has a number too long');
      };
      for (let i = 0; i < ids.length; i++) {
        const own = next();
        let previous = -1;
        for (let j = 0; j < own; j++) {
          const number = j === 0 ? next() : previous + next();
          if (number <= previous || number >= words.length)
            throw new Error('the kept scan names a word it lacks');
          numbers[count++] = number;
          previous = number;
        }
        ends[i] = count;
      }
      if (at !== body.length) throw new Error('the kept scan has bytes after its notes');
      const numberOf = new Uint32Array(words.length);
      let same = true;
      for (let i = 0; i < words.length; i++) {
        numberOf[i] = this.#number(words[i] as string);
        same &&= numberOf[i] === i;
      }
      for (let i = 0; i < ids.length; i++) {
        if (use[i] !== 1) continue;
        const id = ids[i] as string;
        let slot = this.#slots.get(id);
        if (slot === undefined) {
          slot = this.#ids.length;
          this.#slots.set(id, slot);
          this.#ids.push(id);
        }
        this.#updatedAt[slot] = snapshot.updatedAt[i] as string;
        // Into an empty scan the copy's numbering is this scan's: each note's words stay a view.
        const own = numbers.subarray(i === 0 ? 0 : ends[i - 1], ends[i]);
        this.#noteWords[slot] = same ? own : own.map((n) => numberOf[n] as number);
      }
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
          accepted[number] = accepts(words[number] as string) ? 1 : 0;
        found = found.filter((slot) => {
          const own = this.#noteWords[slot] as Uint32Array;
          for (let j = 0; j < own.length; j++) if (accepted[own[j] as number] === 1) return true;
          return false;
        });
        if (found.length === 0) return [];
      }
      const ids = this.#ids;
      const updatedAt = this.#updatedAt;
      return found
        .sort((a, b) => {
          const x = updatedAt[a] as string;
          const y = updatedAt[b] as string;
          return x < y ? 1 : x > y ? -1 : (ids[a] as string) < (ids[b] as string) ? -1 : 1;
        })
        .map((slot) => ids[slot] as string);
    }

    /** The words of a note that the terms match, for its snippets (as the index reports them). */
    matchedWords(id: string, terms: readonly string[]): string[] {
      const slot = this.#slots.get(id);
      if (slot === undefined) return [];
      const found = new Set<string>();
      for (const term of new Set(terms)) {
        const accepts = termAccepts(term);
        for (const number of this.#noteWords[slot] as Uint32Array) {
          const word = this.#words[number] as string;
          if (accepts(word)) found.add(word);
        }
      }
      return [...found];
    }
  }

  return {
    foldText,
    withinOneEdit,
    termAccepts,
    wordsOf,
    NoteScan,
    wordPattern: { source: WORD.source, flags: WORD.flags },
  };
}

/** How a query term matches a word of a note: the scan and the full index apply these same rules. */
export const matchRules: MatchRules = {
  prefixFrom: 2,
  // One typo from five letters, as common search engines' defaults: at four, one edit away is
  // half the language ("cafe" found "came", "case", "care" in half the demo notes).
  fuzzyFrom: 5,
  fuzzyDistance: 1,
} as const;

/** The core as the main process uses it (the index thread makes its own from the same text). */
export const core = searchCore(matchRules);
