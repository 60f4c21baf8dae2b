import { ArrowDown, ArrowUp } from 'lucide-react';
import { useMemo, useState } from 'react';
import { clientsWithSharedCode } from '../../../../shared/domain/duplicateClientCodes';
import { useElevatedRisks } from '../../data/elevatedRisk';
import { useCaseloadChartSource, useClients } from '../../data/hooks';
import { unsavedForms } from '../../data/unsavedForms';
import { formatDate } from '../../format/dates';
import { caseloadFacts } from '../client/clientFacts';
import { RiskBadge } from '../risk/RiskBadge';
import { ClientForm, clientFormKey } from './ClientForm';
import { clientHolds } from './clientHolds';
import {
  byCode,
  type ClientSort,
  type ClientSortKey,
  clientCountText,
  nextSort,
  sortClients,
} from './clientSort';
import './clients.css';

/** The table's columns, in order; all but Status can sort the list. */
const columns: ReadonlyArray<{ label: string; sort?: ClientSortKey }> = [
  { label: 'Code', sort: 'code' },
  { label: 'Name', sort: 'name' },
  { label: 'Since', sort: 'since' },
  { label: 'Sessions', sort: 'sessions' },
  { label: 'Last session', sort: 'last' },
  { label: 'Status' },
];

type StatusFilter = 'active' | 'closed' | 'all';

/**
 * The client list with search, an active/closed filter and sortable columns (the header's
 * buttons), its count said in a live region, and the "New client" form.
 */
export function ClientList({ onOpen }: { onOpen: (clientId: string) => void }) {
  const clients = useClients();
  const caseload = useCaseloadChartSource();
  // The same sessions counted and the same last one as on each client's page (clientFacts).
  const facts = useMemo(
    () => caseload && caseloadFacts(caseload.sessions, caseload.notes, new Date()),
    [caseload],
  );
  const risks = useElevatedRisks();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [sort, setSort] = useState<ClientSort>(byCode);
  // Open again with what was typed, if a new client was left unsaved (the screen left, or a lock).
  const [creating, setCreating] = useState(() => unsavedForms.has(clientFormKey()));

  const inStatus = useMemo(
    () => (clients ?? []).filter((c) => status === 'all' || c.status === status),
    [clients, status],
  );
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return sortClients(
      inStatus.filter((c) => !q || clientHolds(c, q)),
      facts ?? undefined,
      sort,
    );
  }, [inStatus, query, facts, sort]);
  // Two computers can each create a client with the same code before they sync: both are kept.
  const sharedCode = useMemo(() => clientsWithSharedCode(clients ?? []), [clients]);

  return (
    <main className="page">
      <div className="page-head">
        <h1>Clients</h1>
        <button type="button" onClick={() => setCreating(true)} disabled={creating}>
          New client
        </button>
      </div>
      {creating && (
        <ClientForm
          onDone={(client) => {
            setCreating(false);
            if (client) onOpen(client.id);
          }}
        />
      )}
      <div className="filters">
        <label htmlFor="client-search">Search clients</label>
        <input id="client-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label htmlFor="client-status">Show</label>
        <select id="client-status" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="active">Active clients</option>
          <option value="closed">Closed clients</option>
          <option value="all">All clients</option>
        </select>
      </div>
      {/* Said as the list changes, also to a screen reader while typing in the search field. */}
      <p role="status" className="muted client-count">
        {clients === undefined || clients.length === 0
          ? ''
          : clientCountText(shown.length, inStatus.length, status, query)}
      </p>
      {clients === undefined ? (
        <p>Loading…</p>
      ) : clients.length === 0 ? (
        <p className="muted">No clients yet. Add your first with “New client”.</p>
      ) : shown.length === 0 ? null : (
        <table className="list">
          <caption className="visually-hidden">Clients</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <SortableHeader
                  key={column.label}
                  label={column.label}
                  sortKey={column.sort}
                  sort={sort}
                  onSort={(key) => setSort((now) => nextSort(now, key))}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => {
              const f = facts?.get(c.id);
              const risk = risks?.get(c.id);
              return (
                <tr key={c.id}>
                  <td>
                    <button type="button" className="link" onClick={() => onOpen(c.id)}>
                      {c.code}
                    </button>
                    {sharedCode.has(c.id) && (
                      <span className="shared-code"> Code used twice: change one</span>
                    )}
                    {risk && <RiskBadge risk={risk} />}
                  </td>
                  <td>{c.displayName ?? '—'}</td>
                  <td>{formatDate(c.startDate)}</td>
                  <td>{facts ? (f?.held ?? 0) : '…'}</td>
                  <td>{facts ? (f?.last ? formatDate(f.last) : '—') : '…'}</td>
                  <td>{c.status === 'active' ? 'Active' : 'Closed'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}

/** A column's header: a button that sorts by it (aria-sort on the sorted one), or plain text. */
function SortableHeader({
  label,
  sortKey,
  sort,
  onSort,
}: {
  label: string;
  sortKey: ClientSortKey | undefined;
  sort: ClientSort;
  onSort: (key: ClientSortKey) => void;
}) {
  if (!sortKey) return <th scope="col">{label}</th>;
  const sorted = sort.key === sortKey ? sort.direction : undefined;
  const Arrow = sorted === 'descending' ? ArrowDown : ArrowUp;
  return (
    <th scope="col" aria-sort={sorted}>
      <button type="button" className="sort-header" onClick={() => onSort(sortKey)}>
        {label}
        <Arrow aria-hidden="true" size={12} className={sorted ? undefined : 'unsorted'} />
      </button>
    </th>
  );
}
