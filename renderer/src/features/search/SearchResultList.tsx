import { memo, type Ref, useDeferredValue } from 'react';
import type { SearchHit } from '../../../../shared/ipc/contract';
import { useIndexLookup } from '../../data/hooks';
import { formatDate } from '../../format/dates';
import { Highlighted } from './Highlighted';

/** More results than a screen shows: rendered at once for a new search, the rest of the page after. */
const FIRST_SCREEN = 12;
const NO_HITS: readonly SearchHit[] = [];

interface SearchResultListProps {
  hits: readonly SearchHit[];
  onOpen: (hit: SearchHit) => void;
  listRef: Ref<HTMLUListElement>;
}

/**
 * The found notes, each with its labelled snippets. Memoised: typing the next query re-renders the
 * search page at every keystroke, and fifty results with their highlighted passages would be
 * rebuilt each time though none of them changed. A new search renders the first screen of results
 * at once and the rest of its page in a background render (a page of 50 took most of the
 * renderer's time per search); more of the same search ("Show more": its first hit unchanged)
 * renders at once, so the first new result can take focus.
 */
export const SearchResultList = memo(function SearchResultList({
  hits,
  onOpen,
  listRef,
}: SearchResultListProps) {
  const context = useIndexLookup();
  const later = useDeferredValue(hits, NO_HITS);
  const shown = later === hits || later[0] === hits[0] ? hits : hits.slice(0, FIRST_SCREEN);
  return (
    <ul className="results" ref={listRef}>
      {shown.map((hit) => {
        const client = context?.clients.get(hit.clientId);
        const session = context?.sessions.get(hit.sessionId);
        const title = `${client?.code ?? 'Client'} · ${session ? formatDate(session.startsAt) : 'session'}`;
        return (
          <li key={hit.noteId}>
            <button type="button" className="link" onClick={() => onOpen(hit)}>
              {title}
            </button>
            <dl className="snippets">
              {hit.snippets.map((snippet) => (
                <div key={snippet.field} className="snippet">
                  <dt>{snippet.label}:</dt>{' '}
                  <dd>
                    <Highlighted text={snippet.text} marks={snippet.marks} />
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
});
