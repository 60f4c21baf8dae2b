import type { Client } from '../../shared/domain/clientSchema';
import type { Note } from '../../shared/domain/noteSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import { type NoteSummary, summarizeNote } from '../../shared/summaries/noteSummary';
import { todaySlicePlan } from '../../shared/summaries/todaySlice';
import { noteFacts } from './noteFacts';
import { noteSummaries } from './noteSummaries';
import { kinds, type RecordStore } from './RecordStore';

export interface IndexServiceOptions {
  /**
   * Called each time the index has answered with the clients (the first part of every fill, right
   * after unlock): the app starts preparing the search then (NoteSearch.warmUp, on the next turn so
   * the answer goes out first), so the search thread parses the notes on the other core while main
   * answers Today.
   */
  onIndexRead?: () => void;
}

/** Today's sessions and their notes' summaries: a few dozen records of the caseload. */
export interface TodaySlice {
  sessions: Session[];
  notes: NoteSummary[];
  /** How many sessions before Today's window lack a signed note, a draft or none (the slice carries the oldest). */
  olderUnfinished: number;
}

/**
 * What the renderer's index holds, one kind per call so each crosses in one message: the
 * clients first (a small message that decrypts only clients: the client list is usable before
 * ten thousand notes are read), then every session, then every note's summary (never its text,
 * never a process note). Each answer is the state when it was asked for; the renderer learns
 * of later writes from their own responses.
 */
export class IndexService {
  constructor(
    private readonly store: RecordStore,
    private readonly options: IndexServiceOptions = {},
  ) {}

  async clients(): Promise<Client[]> {
    // Values are handed out as stored, not copied: they cross IPC (a copy) or are only read.
    const clients = [...(await this.store.all<Client>(kinds.client)).values()];
    this.options.onIndexRead?.();
    return clients;
  }

  async sessions(): Promise<Session[]> {
    return [...(await this.store.all<Session>(kinds.session)).values()];
  }

  async noteSummaries(): Promise<NoteSummary[]> {
    // Computed once per unlock as the notes are read and kept in step with saves (noteSummaries.ts).
    return [...(await noteSummaries(this.store)).values()];
  }

  /**
   * What Today shows, asked for right after the clients: the sessions it can list and their
   * notes' summaries (`shared/summaries/todaySlice`), so Today is on screen without waiting for
   * every session and summary to cross. The slice is picked from the notes' facts (a small view
   * this computer keeps between unlocks, noteFacts.ts) and only its notes are read for their
   * summaries: nothing here waits for ten thousand notes to be parsed or summarized.
   * `now` is the renderer's time, the one Today's sections are computed at.
   */
  async today(now: Date): Promise<TodaySlice> {
    const [sessions, facts] = await Promise.all([
      this.store.all<Session>(kinds.session),
      noteFacts(this.store),
    ]);
    const { sessionIds: ids, olderUnfinished } = todaySlicePlan(sessions.values(), facts.values(), now);
    const slice: TodaySlice = { sessions: [], notes: [], olderUnfinished };
    for (const id of ids) {
      const session = sessions.get(id);
      if (session) slice.sessions.push(session);
    }
    const notes = await this.store.all<Note>(kinds.note);
    for (const [id, note] of facts) {
      if (!ids.has(note.sessionId)) continue;
      const stored = notes.get(id);
      if (stored) slice.notes.push(summarizeNote(stored));
    }
    return slice;
  }
}
