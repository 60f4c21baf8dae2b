import type { Client } from '../../../../shared/domain/clientSchema';

/**
 * Whether `client`'s code or display name holds `q`, a query already trimmed and lower-cased: how
 * every client filter matches (the sidebar, the Clients list, Today's picker, search's offer).
 */
export function clientHolds(client: Client, q: string): boolean {
  return client.code.toLowerCase().includes(q) || (client.displayName ?? '').toLowerCase().includes(q);
}
