import { memo, type Ref } from 'react';
import type { Client } from '../../../../shared/domain/clientSchema';
import type { Session } from '../../../../shared/domain/sessionSchema';
import type { SearchHit } from '../../../../shared/ipc/contract';
import { useIndexLookup } from '../../data/hooks';
import { formatDate } from '../../format/dates';
import { Highlighted } from './Highlighted';

interface SearchResultListProps {
  hits: readonly SearchHit[];
  /** `button` is the result's, for the page to find it again on coming back. */
  onOpen: (hit: SearchHit, button: HTMLElement) => void;
  listRef: Ref<HTMLUListElement>;
}

/**
 * The found notes, each with its labelled snippets, each row rendered once (a background render
 * of part of the page only added a second render of every row before the first frame; the search
 * page instead gives a new search's first rows alone to its first frame, then all of them).
 * Memoised, as each row: typing the next query re-renders the search page at every keystroke
 * without touching the results, and completing the first frame's rows or "Show more" renders only
 * the new rows, so the first of them can take focus at once.
 */
export const SearchResultList = memo(function SearchResultList({
  hits,
  onOpen,
  listRef,
}: SearchResultListProps) {
  const context = useIndexLookup();
  return (
    <ul className="results" ref={listRef}>
      {hits.map((hit) => (
        <SearchResult
          key={hit.noteId}
          hit={hit}
          client={context?.clients.get(hit.clientId)}
          session={context?.sessions.get(hit.sessionId)}
          onOpen={onOpen}
        />
      ))}
    </ul>
  );
});

/** One found note: a button naming its client and session, then its snippets. */
const SearchResult = memo(function SearchResult({
  hit,
  client,
  session,
  onOpen,
}: {
  hit: SearchHit;
  client: Client | undefined;
  session: Session | undefined;
  onOpen: (hit: SearchHit, button: HTMLElement) => void;
}) {
  const title = `${client?.code ?? 'Client'} · ${session ? formatDate(session.startsAt) : 'session'}`;
  return (
    <li>
      <button type="button" className="link" onClick={(event) => onOpen(hit, event.currentTarget)}>
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
});
