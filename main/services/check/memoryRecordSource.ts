import type { Services } from '../createServices';
import { kinds } from '../RecordStore';
import type { RecordSource } from './describeDamage';

/**
 * What the services still hold in memory from earlier in this unlock: a record damaged on disk
 * since it was read (a sync tool or a disk fault while the app was open) is still known by its
 * last saved value, enough to say which client and session it belongs to. Single look-ups only.
 */
export function memoryRecordSource(
  services: Pick<Services, 'clients' | 'sessions' | 'notes' | 'templates'>,
): RecordSource {
  const lookups: Record<string, ((id: string) => Promise<unknown>) | undefined> = {
    [kinds.client]: (id) => services.clients.get(id),
    [kinds.session]: (id) => services.sessions.require(id),
    [kinds.note]: (id) => services.notes.get(id),
    [kinds.template]: (id) => services.templates.require(id),
  };
  return {
    async get<T>(kind: string, id: string): Promise<T | undefined> {
      const lookup = lookups[kind];
      if (!lookup) return undefined;
      try {
        return (await lookup(id)) as T;
      } catch {
        return undefined; // not in memory, and not readable from disk either
      }
    },
    all: async () => [],
  };
}
