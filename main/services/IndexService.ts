import type { Client } from '../../shared/domain/clientSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../shared/summaries/noteSummary';
import { todaySlicePlan } from '../../shared/summaries/todaySlice';
import { noteSummaries } from './noteSummaries';
import { kinds, type RecordStore } from './RecordStore';

export interface IndexServiceOptions {
  /**
   * Called as the index first needs the note summaries (Today's slice, or all of them), before
   * they are computed: the app starts the search then, which takes each note's text in the same
   * pass (NoteSearch, RecordStore.readAlong) instead of parsing every note again afterwards.
   */
  beforePass?: () => void;
}

/** Today's sessions and their notes' summaries: a few dozen records of the caseload. */
export interface TodaySlice {
  sessions: Session[];
  notes: NoteSummary[];
  /** How many drafts of sessions before Today's window there are (the slice carries the oldest). */
  olderDrafts: number;
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
    return [...(await this.store.all<Client>(kinds.client)).values()];
  }

  async sessions(): Promise<Session[]> {
    return [...(await this.store.all<Session>(kinds.session)).values()];
  }

  async noteSummaries(): Promise<NoteSummary[]> {
    // Computed once per unlock as the notes are read and kept in step with saves (noteSummaries.ts).
    this.options.beforePass?.();
    return [...(await noteSummaries(this.store)).values()];
  }

  /**
   * What Today shows, asked for right after the clients: the sessions it can list and their
   * notes' summaries (`shared/summaries/todaySlice`), so Today is on screen without waiting for
   * every session and summary to cross. Main still summarizes every note first (the per-unlock
   * view, from which the slice is picked): the slice saves packing and transport, not parsing.
   * `now` is the renderer's time, the one Today's sections are computed at.
   */
  async today(now: Date): Promise<TodaySlice> {
    this.options.beforePass?.();
    const [sessions, notes] = await Promise.all([
      this.store.all<Session>(kinds.session),
      noteSummaries(this.store),
    ]);
    const { sessionIds: ids, olderDrafts } = todaySlicePlan(sessions.values(), notes.values(), now);
    const slice: TodaySlice = { sessions: [], notes: [], olderDrafts };
    for (const id of ids) {
      const session = sessions.get(id);
      if (session) slice.sessions.push(session);
    }
    for (const note of notes.values()) if (ids.has(note.sessionId)) slice.notes.push(note);
    return slice;
  }
}
