import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { Measure } from '../../../shared/measures/measureSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';

/** A session with its note summary, if it has a note. */
export interface SessionRow {
  session: Session;
  note: NoteSummary | undefined;
}

/** How many sessions a client has had, and the start of the latest. */
export interface ClientActivity {
  sessions: number;
  last: string | null;
}

/** Every session and note summary of the caseload, with each client's code. */
export interface CaseloadSource {
  sessions: Session[];
  notes: NoteSummary[];
  clientCodes: Map<string, string>;
}

/** One client's sessions and note summaries, with the client's code for export file names. */
export interface ClientSource {
  clientCode: string | null;
  sessions: Session[];
  notes: NoteSummary[];
}

/** What Today is computed from: its slice until every session and summary has arrived, then all. */
export interface TodaySource {
  sessions: readonly Session[];
  notes: readonly NoteSummary[];
  /** While only the slice is in: how many sessions before Today's window lack a signed note (draft or none). */
  olderUnfinished?: number;
}

/**
 * What a fill delivers, one part at a time: each replaces the part it names, except `today`
 * (Today's sessions and their notes, sent before the rest), which only adds to the maps.
 */
export interface IndexPart {
  clients?: readonly Client[];
  today?: { sessions: readonly Session[]; notes: readonly NoteSummary[]; olderUnfinished: number };
  sessions?: readonly Session[];
  notes?: readonly NoteSummary[];
  /** Every outcome measure (answers only, a few numbers each). */
  measures?: readonly Measure[];
}

type Kind = 'clients' | 'today' | 'sessions' | 'notes' | 'measures';

/**
 * The renderer's index: the clients, sessions and note summaries that lists, badges and charts
 * need, in plain maps in memory. Not a store (the vault in main is the source of truth): filled
 * at unlock in a few large parts, updated by every save's response, emptied at lock.
 *
 * Readers get views derived from the maps (the sorted client list, a client's session rows, the
 * caseload's arrays). Each is computed on first read after a change and then handed out as the
 * same object until the next change, so React can compare it by identity and the analytics can
 * remember their results over it (`shared/analytics/memoizedMetrics`).
 */
export class SummaryIndex {
  #clients = new Map<string, Client>();
  #sessions = new Map<string, Session>();
  #notes = new Map<string, NoteSummary>();
  #measures = new Map<string, Measure>();
  /** Which parts have arrived since the last clear: until then, views of them are undefined. */
  #loaded = new Set<Kind>();
  /** Records saved since the last clear: a fill's older copy never replaces them. */
  #saved = new Set<string>();
  /** Bumped by every clear, so a fill that began before a lock cannot refill the index after it. */
  #generation = 0;
  #views = new Map<string, unknown>();
  /** From Today's slice: the older sessions without a signed note in all (the slice carries the first few). */
  #olderUnfinished = 0;
  #listeners = new Set<() => void>();

  /** Calls `listener` after every change; returns its unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** Empties the index (at lock, or before a fresh fill); returns the new generation. */
  clear(): number {
    this.#clients.clear();
    this.#sessions.clear();
    this.#notes.clear();
    this.#measures.clear();
    this.#loaded.clear();
    this.#saved.clear();
    this.#generation += 1;
    this.#changed();
    return this.#generation;
  }

  /**
   * Starts a fill that keeps showing what the index holds until each part arrives (changes from
   * another computer, while the lists are on screen); returns its generation, as `clear` does.
   * A record saved from now on keeps its saved version over the fill's.
   */
  refill(): number {
    this.#saved.clear();
    this.#generation += 1;
    return this.#generation;
  }

  /** False once the index was cleared or refilled since `generation` began: that fill's parts are dropped. */
  isCurrent(generation: number): boolean {
    return generation === this.#generation;
  }

  /**
   * Takes a part of a fill begun at `generation` (from `clear` or `refill`); drops it, answering false, if
   * the index was cleared since. A record saved since that clear keeps its saved version.
   */
  load(part: IndexPart, generation: number): boolean {
    if (generation !== this.#generation) return false;
    if (part.clients) this.#replace('clients', this.#clients, part.clients);
    if (part.today && !this.#summariesLoaded()) {
      this.#add('sessions', this.#sessions, part.today.sessions);
      this.#add('notes', this.#notes, part.today.notes);
      this.#loaded.add('today');
      this.#olderUnfinished = part.today.olderUnfinished;
    }
    if (part.sessions) this.#replace('sessions', this.#sessions, part.sessions);
    if (part.notes) this.#replace('notes', this.#notes, part.notes);
    if (part.measures) this.#replace('measures', this.#measures, part.measures);
    this.#changed();
    return true;
  }

  putClient(client: Client): void {
    this.#put('clients', this.#clients, client);
  }

  putSession(session: Session): void {
    this.#put('sessions', this.#sessions, session);
  }

  putNote(summary: NoteSummary): void {
    this.#put('notes', this.#notes, summary);
  }

  putMeasure(measure: Measure): void {
    this.#put('measures', this.#measures, measure);
  }

  /** Drops a measure deleted in main (a fill's older copy does not bring it back). */
  removeMeasure(id: string): void {
    this.#measures.delete(id);
    this.#saved.add(`measures:${id}`);
    this.#changed();
  }

  /** Every measure, earliest administration first; undefined until the measures have arrived. */
  measures(): readonly Measure[] | undefined {
    if (!this.#loaded.has('measures')) return undefined;
    return this.#view('measures', () => [...this.#measures.values()].sort(byAdministered));
  }

  /** One client's measures, earliest first; undefined until the measures have arrived. */
  clientMeasures(clientId: string): readonly Measure[] | undefined {
    const all = this.measures();
    return all && this.#view(`measures:${clientId}`, () => all.filter((m) => m.clientId === clientId));
  }

  /** How many records the index holds (for tests and the lock check). */
  get size(): number {
    return this.#clients.size + this.#sessions.size + this.#notes.size + this.#measures.size;
  }

  /** Every client, sorted by code; undefined until the clients have arrived. */
  clients(): Client[] | undefined {
    if (!this.#loaded.has('clients')) return undefined;
    return this.#view('clients', () => [...this.#clients.values()].sort((a, b) => compare(a.code, b.code)));
  }

  /** Every client by id; undefined until the clients have arrived. */
  clientMap(): ReadonlyMap<string, Client> | undefined {
    if (!this.#loaded.has('clients')) return undefined;
    // A copy per change, so readers re-render (a few hundred entries).
    return this.#view('client-map', () => new Map(this.#clients));
  }

  /** One client; undefined until the clients have arrived, null if there is no such client. */
  client(clientId: string): Client | null | undefined {
    if (!this.#loaded.has('clients')) return undefined;
    return this.#clients.get(clientId) ?? null;
  }

  /** The client a note belongs to, once the note summaries have arrived. */
  clientIdOfNote(noteId: string): string | undefined {
    return this.#notes.get(noteId)?.clientId;
  }

  /** The session a note was written for, once sessions and note summaries have arrived. */
  sessionOfNote(noteId: string): Session | undefined {
    const note = this.#notes.get(noteId);
    return note && this.#sessions.get(note.sessionId);
  }

  /** Session counts and the latest session per client; undefined until the sessions have arrived. */
  activity(): ReadonlyMap<string, ClientActivity> | undefined {
    if (!this.#loaded.has('sessions')) return undefined;
    return this.#view('activity', () => {
      const activity = new Map<string, ClientActivity>();
      for (const s of this.#sessions.values()) {
        const entry = activity.get(s.clientId) ?? { sessions: 0, last: null };
        entry.sessions += 1;
        if (!entry.last || s.startsAt > entry.last) entry.last = s.startsAt;
        activity.set(s.clientId, entry);
      }
      return activity;
    });
  }

  /** A client's sessions in date order with their notes; undefined until both have arrived. */
  sessionRows(clientId: string): SessionRow[] | undefined {
    if (!this.#summariesLoaded()) return undefined;
    return this.#view(`rows:${clientId}`, () => {
      const { sessions, notes } = this.#byClient().get(clientId) ?? { sessions: [], notes: [] };
      const noteOf = new Map(notes.map((n) => [n.sessionId, n]));
      return [...sessions]
        .sort((a, b) => compare(a.startsAt, b.startsAt))
        .map((session) => ({ session, note: noteOf.get(session.id) }));
    });
  }

  /** One client's chart data; undefined until sessions and note summaries have arrived. */
  clientSource(clientId: string): ClientSource | undefined {
    if (!this.#summariesLoaded() || !this.#loaded.has('clients')) return undefined;
    return this.#view(`source:${clientId}`, () => {
      const { sessions, notes } = this.#byClient().get(clientId) ?? { sessions: [], notes: [] };
      return { clientCode: this.#clients.get(clientId)?.code ?? null, sessions, notes };
    });
  }

  /** The whole caseload's chart data; undefined until everything has arrived. */
  caseloadSource(): CaseloadSource | undefined {
    if (!this.#summariesLoaded() || !this.#loaded.has('clients')) return undefined;
    return this.#view('caseload', () => ({
      sessions: [...this.#sessions.values()],
      notes: [...this.#notes.values()],
      clientCodes: new Map([...this.#clients.values()].map((c) => [c.id, c.code])),
    }));
  }

  /**
   * Today's sessions and notes: every one once both parts have arrived, before that the slice
   * main sent for Today (with what was saved since); undefined until either has arrived.
   */
  todaySource(): TodaySource | undefined {
    if (!this.#summariesLoaded() && !this.#loaded.has('today')) return undefined;
    const all = this.#summariesLoaded();
    return this.#view('today', () => ({
      sessions: [...this.#sessions.values()],
      notes: [...this.#notes.values()],
      ...(all ? {} : { olderUnfinished: this.#olderUnfinished }),
    }));
  }

  /** Every client and session by id (search results name them); undefined until both have arrived. */
  lookup(): { clients: ReadonlyMap<string, Client>; sessions: ReadonlyMap<string, Session> } | undefined {
    if (!this.#loaded.has('clients') || !this.#loaded.has('sessions')) return undefined;
    // A new object per change (so readers re-render) over the live maps (no copy of 10,000 sessions).
    return this.#view('lookup', () => ({ clients: this.#clients, sessions: this.#sessions }));
  }

  #summariesLoaded(): boolean {
    return this.#loaded.has('sessions') && this.#loaded.has('notes');
  }

  /** Sessions and notes grouped by client, shared by every per-client view of one state. */
  #byClient(): Map<string, { sessions: Session[]; notes: NoteSummary[] }> {
    return this.#view('by-client', () => {
      const groups = new Map<string, { sessions: Session[]; notes: NoteSummary[] }>();
      const group = (clientId: string) => {
        const found = groups.get(clientId) ?? { sessions: [], notes: [] };
        groups.set(clientId, found);
        return found;
      };
      for (const s of this.#sessions.values()) group(s.clientId).sessions.push(s);
      for (const n of this.#notes.values()) group(n.clientId).notes.push(n);
      return groups;
    });
  }

  #replace<T extends { id: string }>(kind: Kind, records: Map<string, T>, incoming: readonly T[]): void {
    const kept = [...records.values()].filter((r) => this.#saved.has(`${kind}:${r.id}`));
    records.clear();
    for (const record of incoming) records.set(record.id, record);
    for (const record of kept) records.set(record.id, record);
    this.#loaded.add(kind);
  }

  /** Adds records a fill sent ahead (Today's slice), never over one saved since the clear. */
  #add<T extends { id: string }>(kind: Kind, records: Map<string, T>, incoming: readonly T[]): void {
    for (const record of incoming)
      if (!this.#saved.has(`${kind}:${record.id}`)) records.set(record.id, record);
  }

  #put<T extends { id: string }>(kind: Kind, records: Map<string, T>, record: T): void {
    records.set(record.id, record);
    this.#saved.add(`${kind}:${record.id}`);
    this.#changed();
  }

  #view<T>(key: string, compute: () => T): T {
    if (!this.#views.has(key)) this.#views.set(key, compute());
    return this.#views.get(key) as T;
  }

  #changed(): void {
    this.#views.clear();
    for (const listener of [...this.#listeners]) listener();
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byAdministered = (a: Measure, b: Measure) =>
  compare(a.administeredAt, b.administeredAt) || compare(a.instrument, b.instrument) || compare(a.id, b.id);

/** The one index of this window. */
export const summaryIndex = new SummaryIndex();

/** Updates from a save's response, so lists and charts show it without a refill. */
export const putClient = (client: Client): void => summaryIndex.putClient(client);
export const putSession = (session: Session): void => summaryIndex.putSession(session);
export const putNoteSummary = (summary: NoteSummary): void => summaryIndex.putNote(summary);
export const putMeasure = (measure: Measure): void => summaryIndex.putMeasure(measure);
export const removeMeasure = (id: string): void => summaryIndex.removeMeasure(id);

/** The client a note belongs to, from the index (for opening a note from a caseload view). */
export const clientIdOfNote = (noteId: string): string | undefined => summaryIndex.clientIdOfNote(noteId);
