import { type FoldedNote, searchGroups } from './noteText';
import { core, matchRules } from './searchCore';

/**
 * How a query term matches a word of a note. The scan and the full index (searchThread.ts) apply
 * these same rules to the same words (searchTerms of the same folded text), so both find the
 * same notes; only their order differs (the index ranks by relevance, the scan newest first).
 * Lengths are in UTF-16 units, as the index counts them.
 */
export { matchRules };

/** Whether a word of a note matches a query term, by matchRules (searchCore.ts). */
export const termAccepts: (term: string) => (word: string) => boolean = core.termAccepts;

/** Levenshtein distance of at most one, in UTF-16 units. */
export const withinOneEdit: (a: string, b: string) => boolean = core.withinOneEdit;

/**
 * The scan over the notes' words (searchCore.ts) over a note's search groups. The index thread
 * holds one while its full index builds; the main process holds one only when no thread can run.
 */
export class NoteScan extends core.NoteScan {
  /** The words of a folded text as the vocabulary takes them (exported for tests). */
  static readonly wordsOf = core.wordsOf;

  constructor() {
    super(searchGroups);
  }

  /** Adds or replaces a note's folded text. */
  override set(doc: FoldedNote, updatedAt: string): void {
    super.set(doc, updatedAt);
  }
}
