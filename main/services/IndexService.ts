import type { Client } from '../../shared/domain/clientSchema';
import type { Note } from '../../shared/domain/noteSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import type { IndexPage } from '../../shared/ipc/contract';
import { summarizeNote } from '../../shared/summaries/noteSummary';
import { kinds, type RecordStore } from './RecordStore';

/** The kinds the renderer's index holds, in the order a pass delivers them. */
const indexedKinds = [kinds.client, kinds.session, kinds.note] as const;
type IndexedKind = (typeof indexedKinds)[number];

const ORDER = Symbol('index-order');

export interface IndexServiceOptions {
  /** Called once a pass has delivered its last page (the app warms the search index then). */
  afterPass?: () => void;
}

/**
 * Pages of everything the renderer's index holds: clients, then sessions, then note summaries
 * (never process notes). The order is fixed from the vault's list of ids when a pass starts
 * (offset 0) and kept for the later pages of that pass, so records written meanwhile cannot
 * shift a page and make the pass skip or repeat one; the renderer learns of those writes from
 * their own responses. A page decrypts only the kinds it covers, so the first pages (the
 * client list) arrive before ten thousand notes are read.
 */
export class IndexService {
  constructor(
    private readonly store: RecordStore,
    private readonly options: IndexServiceOptions = {},
  ) {}

  async page(offset: number, limit: number): Promise<IndexPage> {
    const holder = this.store.local(ORDER, (): { order?: Array<[IndexedKind, string]> } => ({}));
    if (offset === 0 || !holder.order) {
      holder.order = indexedKinds.flatMap((kind) =>
        this.store
          .ids(kind)
          .sort()
          .map((id): [IndexedKind, string] => [kind, id]),
      );
    }
    const slice = holder.order.slice(offset, offset + limit);
    const needed = new Set(slice.map(([kind]) => kind));
    const [clients, sessions, notes] = await Promise.all([
      needed.has(kinds.client) ? this.store.all<Client>(kinds.client) : undefined,
      needed.has(kinds.session) ? this.store.all<Session>(kinds.session) : undefined,
      needed.has(kinds.note) ? this.store.all<Note>(kinds.note) : undefined,
    ]);
    // Values are handed out as stored, not copied: pages cross IPC (a copy) or are only read.
    const page: IndexPage = { total: holder.order.length, clients: [], sessions: [], notes: [] };
    for (const [kind, id] of slice) {
      if (kind === kinds.client) {
        const client = clients?.get(id);
        if (client) page.clients.push(client);
      } else if (kind === kinds.session) {
        const session = sessions?.get(id);
        if (session) page.sessions.push(session);
      } else {
        const note = notes?.get(id);
        if (note) page.notes.push(summarizeNote(note));
      }
    }
    if (offset + limit >= page.total) this.options.afterPass?.();
    return page;
  }
}
