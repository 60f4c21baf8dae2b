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

type StatusFilter = 'active' | 'closed' | 'all';

/** The client list with search and an active/closed filter, and the "New client" form. */
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
  // Open again with what was typed, if a new client was left unsaved (the screen left, or a lock).
  const [creating, setCreating] = useState(() => unsavedForms.has(clientFormKey()));

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (clients ?? []).filter(
      (c) => (status === 'all' || c.status === status) && (!q || clientHolds(c, q)),
    );
  }, [clients, query, status]);
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
      {clients === undefined ? (
        <p>Loading…</p>
      ) : shown.length === 0 ? (
        <p className="muted">
          {clients.length === 0 ? 'No clients yet. Add your first with “New client”.' : 'No client matches.'}
        </p>
      ) : (
        <table className="list">
          <caption className="visually-hidden">Clients</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Since</th>
              <th scope="col">Sessions</th>
              <th scope="col">Last session</th>
              <th scope="col">Status</th>
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
