/**
 * A compact posting list for the search thread's MiniSearch index, as one self-contained
 * function: the thread runs this very code as text (as it runs searchCore.ts), so nothing inside
 * may refer to anything outside it (a bundler may rename module-level names).
 *
 * Why: MiniSearch keeps, for each word and field, a Map from note number to how often the word
 * occurs there. At 10,000 demo notes that is 2.4 million Map entries, 128 MiB of the thread's
 * heap. The same facts as two typed arrays (note numbers in ascending order, counts) take 6 bytes
 * each: 27 MiB in all, room to grow included. The class answers the Map calls MiniSearch makes on a posting list (get,
 * has, set, delete, size, keys, entries, iteration while entries are deleted), with the same
 * values in the same order, so scores and results are unchanged.
 */

/** The Map calls MiniSearch makes on one word's notes in one field: note number → count. */
export interface PostingList extends Iterable<[number, number]> {
  readonly size: number;
  get(doc: number): number | undefined;
  has(doc: number): boolean;
  set(doc: number, count: number): PostingList;
  delete(doc: number): boolean;
  keys(): IterableIterator<number>;
  entries(): IterableIterator<[number, number]>;
  /** Each note number in ascending order, without an iterator (the search's collecting pass); `each` must not change the list. */
  forEachDoc(each: (doc: number) => void): void;
}

export function compactPostings(): new () => PostingList {
  /** Counts above this are kept as this (a word 65,535 times in one field of one note). */
  const MAX_COUNT = 0xffff;

  class Postings implements PostingList {
    private docs = new Int32Array(2);
    private counts = new Uint16Array(2);
    private count = 0;
    /** Changes with every insertion or removal, so an iterator knows to find its place again. */
    private shape = 0;

    get size(): number {
      return this.count;
    }

    /** Where `doc` is, or (as -1 - i) where it would go. Notes are numbered in order added, so usually last. */
    private find(doc: number): number {
      const docs = this.docs;
      let lo = 0;
      let hi = this.count - 1;
      if (hi >= 0 && docs[hi] === doc) return hi;
      if (hi >= 0 && (docs[hi] as number) < doc) return -1 - this.count;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = docs[mid] as number;
        if (at === doc) return mid;
        if (at < doc) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1 - lo;
    }

    get(doc: number): number | undefined {
      const i = this.find(doc);
      return i >= 0 ? this.counts[i] : undefined;
    }

    has(doc: number): boolean {
      return this.find(doc) >= 0;
    }

    set(doc: number, count: number): this {
      const value = Math.min(count, MAX_COUNT);
      const i = this.find(doc);
      if (i >= 0) {
        this.counts[i] = value;
        return this;
      }
      const at = -1 - i;
      if (this.count === this.docs.length) {
        const capacity = Math.max(4, Math.ceil(this.docs.length * 1.5));
        const docs = new Int32Array(capacity);
        docs.set(this.docs);
        const counts = new Uint16Array(capacity);
        counts.set(this.counts);
        this.docs = docs;
        this.counts = counts;
      }
      if (at < this.count) {
        this.docs.copyWithin(at + 1, at, this.count);
        this.counts.copyWithin(at + 1, at, this.count);
      }
      this.docs[at] = doc;
      this.counts[at] = value;
      this.count++;
      this.shape++;
      return this;
    }

    delete(doc: number): boolean {
      const i = this.find(doc);
      if (i < 0) return false;
      this.docs.copyWithin(i, i + 1, this.count);
      this.counts.copyWithin(i, i + 1, this.count);
      this.count--;
      this.shape++;
      // Give memory back once a list has shrunk to a quarter of its room.
      if (this.docs.length > 8 && this.count * 4 < this.docs.length) {
        this.docs = this.docs.slice(0, Math.max(4, this.count * 2));
        this.counts = this.counts.slice(0, this.docs.length);
      }
      return true;
    }

    /** In ascending order; an entry deleted meanwhile is skipped, as a Map's iterator does. */
    *entries(): IterableIterator<[number, number]> {
      for (const i of this.places()) yield [this.docs[i] as number, this.counts[i] as number];
    }

    /** As entries, without making a pair for each (MiniSearch's scoring walks every note of every matching word). */
    *keys(): IterableIterator<number> {
      for (const i of this.places()) yield this.docs[i] as number;
    }

    forEachDoc(each: (doc: number) => void): void {
      const docs = this.docs;
      for (let i = 0; i < this.count; i++) each(docs[i] as number);
    }

    /** Each entry's place, in ascending order of notes, finding its place again after a change. */
    private *places(): IterableIterator<number> {
      let i = 0;
      let shape = this.shape;
      let last = Number.NEGATIVE_INFINITY;
      while (true) {
        if (shape !== this.shape) {
          // Changed while iterating: carry on after the last note given.
          const found = this.find(last);
          i = found >= 0 ? found + 1 : -1 - found;
          shape = this.shape;
        }
        if (i >= this.count) return;
        last = this.docs[i] as number;
        yield i;
        i++;
      }
    }

    [Symbol.iterator](): IterableIterator<[number, number]> {
      return this.entries();
    }
  }
  return Postings;
}
