import { memo, type Ref } from 'react';
import type { SearchHit } from '../../../../shared/ipc/contract';
import { useIndexLookup } from '../../data/hooks';
import { formatDate } from '../../format/dates';
import { Highlighted } from './Highlighted';

interface SearchResultListProps {
  hits: readonly SearchHit[];
  onOpen: (hit: SearchHit) => void;
  listRef: Ref<HTMLUListElement>;
}

/**
 * The found notes, each with its labelled snippets. Memoised: typing the next query re-renders the
 * search page at every keystroke, and fifty results with their highlighted passages would be
 * rebuilt each time though none of them changed.
 */
export const SearchResultList = memo(function SearchResultList({
  hits,
  onOpen,
  listRef,
}: SearchResultListProps) {
  const context = useIndexLookup();
  return (
    <ul className="results" ref={listRef}>
      {hits.map((hit) => {
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
