import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../../shared/ipc/contract';
import { call, messageOf } from '../../data/api';
import { index } from '../../data/indexDb';
import { Highlighted } from './Highlighted';

/** Full-text search across the unlocked notes, with highlighted matches; a result opens its note. */
export function SearchPage({ onOpen }: { onOpen: (hit: SearchHit) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const context = useLiveQuery(async () => {
    const [clients, sessions] = await Promise.all([index.clients.toArray(), index.sessions.toArray()]);
    return {
      clients: new Map(clients.map((c) => [c.id, c])),
      sessions: new Map(sessions.map((s) => [s.id, s])),
    };
  }, []);

  useEffect(() => input.current?.focus(), []);

  async function search(event: FormEvent) {
    event.preventDefault();
    if (!query.trim()) return setError('Type something to search for.');
    setError(null);
    setSearching(true);
    try {
      setHits(await call('search:notes', { query, limit: 50 }));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setSearching(false);
    }
  }

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
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit">Search</button>
        </form>
      </search>
      {searching && (
        <p role="status" className="muted">
          Searching… The first search after unlocking waits for the search index to be built.
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {hits !== null && (
        <section aria-label="Search results">
          <p role="status">
            {hits.length === 0
              ? 'No note matches.'
              : `${hits.length} ${hits.length === 1 ? 'note' : 'notes'} found.`}
          </p>
          <ul className="results">
            {hits.map((hit) => {
              const client = context?.clients.get(hit.clientId);
              const session = context?.sessions.get(hit.sessionId);
              const title = `${client?.code ?? 'Client'} · ${session ? new Date(session.startsAt).toLocaleDateString() : 'session'}`;
              return (
                <li key={hit.noteId}>
                  <button type="button" className="link" onClick={() => onOpen(hit)}>
                    {title}
                  </button>
                  {hit.snippets.map((snippet) => (
                    <p key={`${snippet.field}:${snippet.text.slice(0, 20)}`} className="snippet">
                      <span className="muted">{snippet.field}: </span>
                      <Highlighted text={snippet.text} marks={snippet.marks} />
                    </p>
                  ))}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </main>
  );
}
