import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useElevatedRisks } from '../../data/elevatedRisk';
import { useClients } from '../../data/hooks';
import { RiskBadge } from '../risk/RiskBadge';
import { clientHolds } from '../clients/clientHolds';

/** Height of one client row (CSS `.sidebar-client` keeps to it). */
const ROW_HEIGHT = 32;

/**
 * The sidebar's clients: a filter and a list of links, the open client marked current. Only the
 * rows in view are in the DOM (200 clients in a bench vault), so the list costs the same at any
 * size. Closed clients are left out unless the filter names them.
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

  return (
    <nav aria-label="Clients" className="sidebar-clients">
      <input
        type="search"
        className="sidebar-filter"
        aria-label="Filter clients"
        placeholder="Filter clients"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {clients !== undefined && shown.length === 0 && (
        <p className="muted small sidebar-none">
          {clients.length === 0 ? 'No clients yet.' : 'No client matches.'}
        </p>
      )}
      <div ref={scroller} className="sidebar-client-scroll">
        <ul style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((row) => {
            const client = shown[row.index];
            if (!client) return null;
            const current = client.id === currentClientId;
            const risk = risks?.get(client.id);
            return (
              <li key={client.id} style={{ transform: `translateY(${row.start}px)` }}>
                <a
                  href={`#client-${client.id}`}
                  className="sidebar-client"
                  aria-current={current ? 'page' : undefined}
                  title={client.displayName ? `${client.code} · ${client.displayName}` : client.code}
                  onClick={(event) => {
                    event.preventDefault();
                    onOpen(client.id);
                  }}
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
