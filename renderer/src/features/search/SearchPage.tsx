import { type FormEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SearchHit, SearchResults } from '../../../../shared/ipc/contract';
import { parseJsonText } from '../../../../shared/ipc/jsonText';
import { call, messageOf } from '../../data/api';
import { ClientsNamed } from './ClientsNamed';
import { type KeptSearch, keptSearch } from './keptSearch';
import { SearchResultList } from './SearchResultList';
import { markSearch } from './searchTiming';
import './search.css';

/**
 * How many results a search brings: about a screenful (main builds each one's snippets, and every
 * result crosses IPC and is laid out before the first is painted); "Show more" brings more at once.
 * search.css names it too: rows after it are laid out only near the viewport.
 */
const FIRST_PAGE = 15;
const PAGE_SIZE = 50;
/**
 * How many of a new search's results go into its first frame: more than a tall window shows. The
 * rest of the page follows in the next frame, so the first screen is not held back by laying out
 * and painting results below it.
 */
const FIRST_FRAME = 8;
/**
 * "Searching…" shows only for an answer slower than this: most come within a frame or two, and a
 * status line that flashes on and off at every search is noise (and one more render and paint
 * before the results). The first search after unlocking can wait for the notes to be prepared.
 */
const SLOW_MS = 300;
/**
 * A search that comes back puts its opened result back in place each frame until it has stayed
 * put for STILL_FRAMES frames in a row, for PLACING_FRAMES at most (about a second): rows above it
 * are laid out only as they come near the window, a frame or more later on a busy machine.
 */
const PLACING_FRAMES = 60;
const STILL_FRAMES = 3;
/** What the user does that ends the placing: the page is theirs to scroll from then on. */
const USER_MOVES = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
/** The longest query main searches (search:notes in shared/ipc/contracts/noteContract.ts). */
const MAX_QUERY = 200;
/** The most results one search asks for (the contract's limit): a search brought back shows at most these. */
const MAX_LIMIT = 200;

/** The results of one query: the notes loaded so far, and how many match in all. */
interface Results {
  query: string;
  total: number;
  hits: SearchHit[];
  /** Only the first FIRST_FRAME hits are rendered yet (a new search, until its first frame). */
  firstFrame?: boolean;
}

/** One page of the notes matching `query`, best first (main sends it as one JSON text). */
async function searchNotes(query: string, limit: number, offset?: number): Promise<SearchResults> {
  markSearch('asked');
  const answer = await call('search:notes', { query, limit, offset });
  markSearch('answered');
  return parseJsonText(answer);
}

/**
 * Full-text search across the unlocked notes, with highlighted matches; a result opens its note.
 * `initialQuery` (from the command palette) is searched at once; without one, the page comes back
 * as it was left (keptSearch): the query, its results, the scroll position and the result opened.
 */
export function SearchPage({
  onOpen,
  onOpenClient,
  initialQuery,
}: {
  onOpen: (hit: SearchHit) => void;
  /** Opens a client's page: offered when no note matches but a client's code or name does. */
  onOpenClient?: (clientId: string) => void;
  initialQuery?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [kept] = useState(() => (initialQuery === undefined ? keptSearch.get() : undefined));
  const [query, setQuery] = useState(initialQuery ?? kept?.typed ?? '');
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  /** After "Show more", the first new result takes focus, so the keyboard carries on from there. */
  const [focusAt, setFocusAt] = useState<number | null>(null);
  /** Coming back to a kept search: where the page was, and the result opened, once its results show. */
  const returnTo = useRef<Pick<KeptSearch, 'openedNoteId' | 'scrollY' | 'openedTop'> | null>(null);
  /** The latest search asked: an older answer arriving after it is dropped. */
  const latest = useRef(0);
  // The results keep one callback for their whole life, so a new one from the page above does
  // not re-render every result.
  const opener = useRef(onOpen);
  useLayoutEffect(() => {
    opener.current = onOpen;
  });
  const open = useCallback((hit: SearchHit, button: HTMLElement) => {
    const openedTop = button.getBoundingClientRect().top;
    keptSearch.update({ openedNoteId: hit.noteId, scrollY: window.scrollY, openedTop });
    opener.current(hit);
  }, []);

  useEffect(() => input.current?.focus(), []);
  // Once per new list of results: completing the first frame's list keeps the same hits.
  const hits = results?.hits;
  useLayoutEffect(() => {
    if (hits) markSearch('committed');
  }, [hits]);
  // After the frame showing a new search's first results, the rest of them: asked for as they are
  // committed (a passive effect can run after that frame), the frame's callback comes before its
  // painting and the timer after it.
  useLayoutEffect(() => {
    if (!results?.firstFrame) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setResults((now) => (now === results ? { ...now, firstFrame: false } : now)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [results]);
  useEffect(() => {
    const to = returnTo.current;
    if (!to || !results || results.firstFrame) return;
    returnTo.current = null;
    const index = results.hits.findIndex((h) => h.noteId === to.openedNoteId);
    const opened = list.current?.querySelectorAll<HTMLButtonElement>('li > button')[index];
    if (!opened) {
      // The note opened is no longer found (its text changed): the page where it was.
      if (to.openedNoteId) window.scrollTo(0, to.scrollY);
      return;
    }
    // The result opened back where it was in the window, and focused: the keyboard carries on from it.
    // Again over the next frames, until it stays put: rows coming near the window are laid out then
    // and move it. Whatever the user does first (a scroll, a key) ends it.
    const place = (): number => {
      const off = opened.getBoundingClientRect().top - to.openedTop;
      if (Math.abs(off) >= 0.5) window.scrollBy(0, off);
      return Math.abs(off);
    };
    place();
    opened.focus({ preventScroll: true });
    let frames = 0;
    let still = 0;
    let frame = 0;
    const stop = () => {
      cancelAnimationFrame(frame);
      for (const move of USER_MOVES) window.removeEventListener(move, stop, true);
    };
    for (const move of USER_MOVES) window.addEventListener(move, stop, true);
    frame = requestAnimationFrame(function again() {
      still = place() < 0.5 ? still + 1 : 0;
      if (++frames < PLACING_FRAMES && still < STILL_FRAMES) frame = requestAnimationFrame(again);
      else stop();
    });
    return stop;
  }, [results]);
  useEffect(() => {
    if (focusAt === null) return;
    list.current?.querySelectorAll<HTMLButtonElement>('li > button')[focusAt]?.focus();
    setFocusAt(null);
  }, [focusAt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the palette's query, or the kept one, is searched once, on opening.
  useEffect(() => {
    if (initialQuery?.trim()) {
      // Kept as typed too: a note opened from these results closes back to Search as it was left.
      keptSearch.update({ typed: initialQuery });
      void runSearch(initialQuery);
    } else if (kept?.searched) {
      returnTo.current = {
        openedNoteId: kept.openedNoteId,
        scrollY: kept.scrollY,
        openedTop: kept.openedTop,
      };
      void runSearch(kept.searched, Math.min(MAX_LIMIT, Math.max(FIRST_PAGE, kept.shown)));
    }
  }, []);

  async function search(event: FormEvent) {
    event.preventDefault();
    await runSearch(query);
  }

  /** Searches `text` for its first `limit` results (more when a kept search comes back). */
  async function runSearch(text: string, limit = FIRST_PAGE) {
    const asked = ++latest.current;
    const refused = refusal(text);
    if (refused) {
      // The results of an earlier query would read as this one's: only the message shows, and a
      // search still on its way is dropped (it is no longer the latest).
      setResults(null);
      setSearching(false);
      keptSearch.update({ searched: null, shown: 0, openedNoteId: null });
      return setError(refused);
    }
    setError(null);
    const slow = setTimeout(() => latest.current === asked && setSearching(true), SLOW_MS);
    try {
      const page = await searchNotes(text, limit);
      if (latest.current === asked) {
        // A kept search coming back is drawn whole at once: its place on the page is below the first frame.
        setResults({
          query: text,
          ...page,
          firstFrame: limit === FIRST_PAGE && page.hits.length > FIRST_FRAME,
        });
        keptSearch.update({ searched: text, shown: page.hits.length });
      }
    } catch (failure) {
      if (latest.current === asked) {
        // As for an empty query: the earlier query's results are not this one's.
        setResults(null);
        returnTo.current = null;
        keptSearch.update({ searched: null, shown: 0, openedNoteId: null });
        setError(messageOf(failure));
      }
    } finally {
      clearTimeout(slow);
      if (latest.current === asked) setSearching(false);
    }
  }

  async function showMore() {
    if (!results) return;
    setError(null);
    setLoadingMore(true);
    const of = latest.current;
    try {
      const { query: asked, hits } = results;
      const page = await searchNotes(asked, PAGE_SIZE, hits.length);
      if (latest.current !== of) return; // a new search was asked meanwhile
      // A note saved meanwhile can move between pages: keep each note once.
      const seen = new Set(hits.map((h) => h.noteId));
      const more = [...hits, ...page.hits.filter((h) => !seen.has(h.noteId))];
      setResults({ query: asked, total: page.total, hits: more });
      keptSearch.update({ shown: more.length });
      setFocusAt(hits.length);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setLoadingMore(false);
    }
  }

  const remaining = results ? Math.max(0, results.total - results.hits.length) : 0;
  return (
    <main className="page">
      <h1>Search notes</h1>
      <search>
        <form onSubmit={search} className="filters">
          <label htmlFor="note-search">Search in notes</label>
          <input
            ref={input}
            id="note-search"
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              keptSearch.update({ typed: e.target.value });
            }}
          />
          <button type="submit">Search</button>
        </form>
      </search>
      {searching && (
        <p role="status" className="muted">
          Searching… The first search after unlocking can take a few seconds while the notes are prepared.
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {results !== null && (
        <section aria-label="Search results">
          <p role="status">{statusText(results)}</p>
          {results.total === 0 && onOpenClient && (
            <ClientsNamed query={results.query} onOpen={onOpenClient} />
          )}
          <SearchResultList
            hits={results.firstFrame ? results.hits.slice(0, FIRST_FRAME) : results.hits}
            onOpen={open}
            listRef={list}
          />
          {remaining > 0 && (
            <button type="button" className="secondary" onClick={showMore} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : `Show ${Math.min(PAGE_SIZE, remaining)} more`}
            </button>
          )}
        </section>
      )}
    </main>
  );
}

/** Why `text` is not searched, in words; null when it can be. */
export function refusal(text: string): string | null {
  const length = text.trim().length;
  if (length === 0) return 'Type something to search for.';
  if (length > MAX_QUERY)
    return `Search for at most ${MAX_QUERY} characters; this search has ${length.toLocaleString('en-US')}. Shorten it to the words you are looking for.`;
  return null;
}

/** "No note matches.", "3 notes found." or, while more are left to load, "Showing 50 of 73 notes." */
function statusText({ total, hits }: Results): string {
  if (total === 0) return 'No note matches.';
  if (hits.length >= total) return `${total} ${total === 1 ? 'note' : 'notes'} found.`;
  return `Showing ${hits.length} of ${total} notes.`;
}
