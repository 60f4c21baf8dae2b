import { unsavedForms } from '../../data/unsavedForms';

/**
 * The search page as the user left it: what is typed, the query last searched, how many of its
 * results were loaded, the result opened and how far the page was scrolled. Kept in memory with
 * the other typed forms (unsavedForms: forgotten when another vault is opened), so that coming
 * back to Search from a note it opened shows the same results, at the same place, with that
 * result focused. The results themselves are searched again, so a note edited meanwhile is shown
 * as it is now.
 */
export interface KeptSearch {
  typed: string;
  /** The query whose results were shown; null before the first search (or after an empty one). */
  searched: string | null;
  /** How many of its results were loaded ("Show more" loads more). */
  shown: number;
  /** The result opened from the list, focused again on coming back. */
  openedNoteId: string | null;
  /** The page's scroll position when a result was opened. */
  scrollY: number;
  /**
   * Where the opened result was in the window (its top, in px): put back there, since the rows
   * above it may not be laid out yet (search.css), so the same scroll position can show other rows.
   */
  openedTop: number;
}

const key = 'search';

export const keptSearch = {
  get: (): KeptSearch | undefined => unsavedForms.get<KeptSearch>(key),
  /** Changes what is kept (starting from an empty search page when nothing is). */
  update(change: Partial<KeptSearch>): void {
    const now = unsavedForms.get<KeptSearch>(key) ?? {
      typed: '',
      searched: null,
      shown: 0,
      openedNoteId: null,
      scrollY: 0,
      openedTop: 0,
    };
    unsavedForms.keep<KeptSearch>(key, { ...now, ...change });
  },
};
