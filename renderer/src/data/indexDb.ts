import Dexie, { type EntityTable } from 'dexie';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { call } from './api';

/**
 * The renderer's index: summaries for lists, badges, search and charts. Not a store — the vault
 * in main is the source of truth. Filled at unlock, updated on every save, deleted at lock. The
 * window's session is in memory, so this IndexedDB never touches the disk.
 */
class AttuneIndex extends Dexie {
  clients!: EntityTable<Client, 'id'>;
  sessions!: EntityTable<Session, 'id'>;
  notes!: EntityTable<NoteSummary, 'id'>;

  constructor() {
    super('attune-index');
    this.version(1).stores({
      clients: 'id, code, status',
      sessions: 'id, clientId, startsAt',
      notes: 'id, &sessionId, clientId, status, updatedAt',
    });
  }
}

export const index = new AttuneIndex();

const pageSize = 1000;

export interface FillProgress {
  /** 0…1 over all records. */
  fraction: number;
  /** Every client is in: the client list can be used while sessions and notes keep arriving. */
  clientsReady: boolean;
}

/**
 * Fills the index from main page by page (clients first, then sessions, then note summaries),
 * reporting progress, so the client list is usable long before ten thousand notes are in.
 */
export async function fillIndex(onProgress: (progress: FillProgress) => void): Promise<void> {
  await clearIndex();
  let offset = 0;
  for (;;) {
    const page = await call('index:page', { offset, limit: pageSize });
    await index.transaction('rw', index.clients, index.sessions, index.notes, async () => {
      await index.clients.bulkPut(page.clients);
      await index.sessions.bulkPut(page.sessions);
      await index.notes.bulkPut(page.notes);
    });
    const received = page.clients.length + page.sessions.length + page.notes.length;
    offset += received;
    const done = offset >= page.total || received === 0;
    onProgress({
      fraction: page.total === 0 ? 1 : Math.min(1, offset / page.total),
      clientsReady: done || page.sessions.length > 0 || page.notes.length > 0,
    });
    if (done) return;
  }
}

/** Drops every summary; called at lock so no plaintext stays in the renderer. */
export async function clearIndex(): Promise<void> {
  await index.transaction('rw', index.clients, index.sessions, index.notes, async () => {
    await Promise.all([index.clients.clear(), index.sessions.clear(), index.notes.clear()]);
  });
}

export const putClient = (client: Client) => index.clients.put(client);
export const putSession = (session: Session) => index.sessions.put(session);
export const putNoteSummary = (summary: NoteSummary) => index.notes.put(summary);

/** The client a note belongs to, from the index (for opening a note from a caseload view). */
export async function clientIdOfNote(noteId: string): Promise<string | undefined> {
  return (await index.notes.get(noteId))?.clientId;
}
