import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useElevatedRisks } from '../../data/elevatedRisk';
import { useClients } from '../../data/hooks';
import { clientHolds } from '../clients/clientHolds';
import { RiskBadge } from '../risk/RiskBadge';
import { filterWords, listKeyTarget } from './sidebarFilterKeys';

/** Height of one client row (CSS `.sidebar-client` keeps to it). */
const ROW_HEIGHT = 32;
/** Frames to wait for a row scrolled to to be drawn before focusing it. */
const FOCUS_FRAMES = 10;

/**
 * The sidebar's clients: a filter and a list of links, the open client marked current. Only the
 * rows in view are in the DOM (200 clients in a bench vault), so the list costs the same at any
 * size. Closed clients are left out unless the filter names them. By keyboard: Enter in the filter
 * opens the first match, ArrowDown goes into the list, the arrows (Home, End) move in it, and
 * Escape goes back to the filter (there, clears it); what the filter found is said politely.
 */
export function SidebarClients({
  currentClientId,
  onOpen,
}: {
  currentClientId: string | null;
  onOpen: (clientId: string) => void;
}) {
  const clients = useClients();
  const risks = useElevatedRisks();
  const [query, setQuery] = useState('');
  const filter = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (clients ?? []).filter((c) => (q ? clientHolds(c, q) : c.status === 'active'));
  }, [clients, query]);
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  // The row the arrows moved to: scrolled into the list's window, then focused once drawn. Only
  // while the focus is still in the list or its filter (or fell to the page when the row it was on
  // scrolled out): a key pressed before the frame (Escape back to the filter) or a click elsewhere wins.
  const [focusRow, setFocusRow] = useState<{ index: number } | null>(null);
  useEffect(() => {
    if (!focusRow) return;
    rows.scrollToIndex(focusRow.index);
    let frames = 0;
    let frame = requestAnimationFrame(function attempt() {
      const active = document.activeElement;
      const stillHere =
        !active || active === document.body || Boolean(filter.current?.parentElement?.contains(active));
      if (!stillHere) return;
      const link = scroller.current?.querySelector<HTMLElement>(`li[data-index="${focusRow.index}"] a`);
      if (link) link.focus();
      else if (++frames < FOCUS_FRAMES) frame = requestAnimationFrame(attempt);
    });
    return () => cancelAnimationFrame(frame);
  }, [focusRow, rows]);

  function onFilterKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      const first = shown[0];
      if (query.trim() && first) {
        event.preventDefault();
        onOpen(first.id);
      }
    } else if (event.key === 'ArrowDown') {
      if (shown.length === 0) return;
      event.preventDefault();
      setFocusRow({ index: 0 });
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  }

  function onRowKey(event: KeyboardEvent<HTMLAnchorElement>, index: number) {
    const target = listKeyTarget(event.key, index, shown.length);
    if (target === null) return;
    event.preventDefault();
    if (target === 'filter') {
      event.stopPropagation();
      // A row still waiting for its frame would take the focus back from the filter.
      setFocusRow(null);
      filter.current?.focus();
    } else setFocusRow({ index: target });
  }

  const words = clients === undefined ? '' : filterWords(clients.length, query, shown.length);
  return (
    <nav aria-label="Clients" className="sidebar-clients">
      <input
        ref={filter}
        type="search"
        className="sidebar-filter"
        aria-label="Filter clients"
        aria-describedby="sidebar-filter-said"
        placeholder="Filter clients"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onFilterKey}
      />
      {/* Always there (empty until something is to be said), so a screen reader hears each change. */}
      <p
        id="sidebar-filter-said"
        role="status"
        className={shown.length === 0 && words ? 'muted small sidebar-none' : 'visually-hidden'}
      >
        {words}
      </p>
      <div ref={scroller} className="sidebar-client-scroll">
        <ul style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((row) => {
            const client = shown[row.index];
            if (!client) return null;
            const current = client.id === currentClientId;
            const risk = risks?.get(client.id);
            return (
              <li key={client.id} data-index={row.index} style={{ transform: `translateY(${row.start}px)` }}>
                <a
                  href={`#client-${client.id}`}
                  className="sidebar-client"
                  aria-current={current ? 'page' : undefined}
                  title={client.displayName ? `${client.code} · ${client.displayName}` : client.code}
                  onClick={(event) => {
                    event.preventDefault();
                    onOpen(client.id);
                  }}
                  onKeyDown={(event) => onRowKey(event, row.index)}
                >
                  <span className="sidebar-client-code">{client.code}</span>
                  {client.displayName && <span className="sidebar-client-name"> {client.displayName}</span>}
                  {risk && <RiskBadge risk={risk} />}
                </a>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
