import type { Client } from '../../../../shared/domain/clientSchema';
import { useClients } from '../../data/hooks';
import { clientHolds } from '../clients/clientHolds';

/** At most this many clients are offered: a query matching more is not looking for one client. */
const MOST = 5;

/** The clients whose code or display name holds `query` (case-insensitive), best first: exact codes. */
export function clientsNamed(clients: readonly Client[], query: string): Client[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return clients
    .filter((c) => clientHolds(c, q))
    .sort((a, b) => Number(b.code.toLowerCase() === q) - Number(a.code.toLowerCase() === q))
    .slice(0, MOST);
}

/**
 * Shown when no note matches: the clients the query names (a code such as "C-014" is in no note's
 * text, since notes are linked to clients, not written with their codes), so the user is not left
 * thinking the client has no notes. Mounted only then, so searches that find notes pay nothing.
 */
export function ClientsNamed({ query, onOpen }: { query: string; onOpen: (clientId: string) => void }) {
  const named = clientsNamed(useClients() ?? [], query);
  if (named.length === 0) return null;
  return (
    <div className="clients-named">
      <p>Search looks in what notes say, not in client codes. These clients match “{query.trim()}”:</p>
      <ul>
        {named.map((client) => (
          <li key={client.id}>
            <button type="button" className="link" onClick={() => onOpen(client.id)}>
              {client.displayName ? `${client.code} · ${client.displayName}` : client.code}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
