import type { Client } from '../../../../shared/domain/clientSchema';
import type { ClientFacts } from '../client/clientFacts';

/** The client list's columns it can be sorted by. */
export type ClientSortKey = 'code' | 'name' | 'since' | 'sessions' | 'last';

export interface ClientSort {
  key: ClientSortKey;
  direction: 'ascending' | 'descending';
}

/** The list's order when it opens: by code, as the sidebar lists clients. */
export const byCode: ClientSort = { key: 'code', direction: 'ascending' };

const codeOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A client's value in the column, or null where it has none (no name, no session held yet). */
function columnValue(
  client: Client,
  facts: ClientFacts | undefined,
  key: ClientSortKey,
): string | number | null {
  switch (key) {
    case 'code':
      return client.code;
    case 'name':
      return client.displayName?.trim() || null;
    case 'since':
      return client.startDate;
    case 'sessions':
      return facts?.held ?? 0;
    case 'last':
      return facts?.last ?? null;
  }
}

/**
 * The clients in the order `sort` asks for; clients without a value there (no name, never seen)
 * come last either way, and ties go by code, so the order never jumps between renders.
 */
export function sortClients(
  clients: readonly Client[],
  facts: ReadonlyMap<string, ClientFacts> | undefined,
  sort: ClientSort,
): Client[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : codeOrder.compare(String(a), String(b));
  return [...clients].sort((a, b) => {
    const va = columnValue(a, facts?.get(a.id), sort.key);
    const vb = columnValue(b, facts?.get(b.id), sort.key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const order = compare(va, vb);
      if (order !== 0) return sign * order;
    }
    return codeOrder.compare(a.code, b.code);
  });
}

/** The sort after the column `key`'s header is pressed: that column ascending, or the other way if it was already. */
export function nextSort(now: ClientSort, key: ClientSortKey): ClientSort {
  if (now.key !== key) return { key, direction: 'ascending' };
  return { key, direction: now.direction === 'ascending' ? 'descending' : 'ascending' };
}

const statusWords = { active: 'active clients', closed: 'closed clients', all: 'clients' } as const;

/**
 * What the list shows, in words for everyone and a screen reader's live region: "17 active
 * clients.", "3 of 17 active clients match “C-01”.", "No client matches “zz”."
 */
export function clientCountText(
  shown: number,
  inStatus: number,
  status: keyof typeof statusWords,
  query: string,
): string {
  const q = query.trim();
  const words = inStatus === 1 ? statusWords[status].replace(/s$/, '') : statusWords[status];
  if (!q) return inStatus === 0 ? `No ${statusWords[status]}.` : `${inStatus} ${words}.`;
  if (shown === 0) return `No client matches “${q}”.`;
  return `${shown} of ${inStatus} ${words} ${shown === 1 ? 'matches' : 'match'} “${q}”.`;
}
