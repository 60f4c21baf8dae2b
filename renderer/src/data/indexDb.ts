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

/** Fills the index from main page by page, reporting progress as a fraction 0…1. */
export async function fillIndex(onProgress: (fraction: number) => void): Promise<void> {
  await clearIndex();
  let offset = 0;
  for (;;) {
    const page = await call('index:page', { offset, limit: pageSize });
    await index.transaction('rw', index.clients, index.sessions, index.notes, async () => {
      await index.clients.bulkPut(page.clients);
      await index.sessions.bulkPut(page.sessions);
      await index.notes.bulkPut(page.notes);
    });
    offset += page.clients.length + page.sessions.length + page.notes.length;
    onProgress(page.total === 0 ? 1 : Math.min(1, offset / page.total));
    if (offset >= page.total || page.clients.length + page.sessions.length + page.notes.length === 0) return;
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
