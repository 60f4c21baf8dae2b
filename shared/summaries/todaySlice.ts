import type { NoteStatus } from '../domain/noteSchema';
import type { Session } from '../domain/sessionSchema';

const DAY = 24 * 60 * 60 * 1000;

/** How far back Today looks for sessions still without a signed note. */
export const UNSIGNED_WINDOW_DAYS = 14;
/** How far back "recently signed" goes. */
export const RECENT_SIGNED_DAYS = 7;

/** What Today needs to know of a note to place its session: a summary, or the note itself. */
export interface TodayNoteFacts {
  sessionId: string;
  status: NoteStatus;
  signedAt: string | null;
}

/**
 * The sessions Today can show, from every session and note: those of the last
 * UNSIGNED_WINDOW_DAYS and later (notes to write, upcoming), those with a draft note (other
 * drafts), and those whose note was signed in the last RECENT_SIGNED_DAYS. A superset of Today's
 * rows, whatever the sections' limits, so Today computed over this slice (and those sessions'
 * notes) equals Today computed over the whole caseload: main sends it right after the clients,
 * and Today is on screen before ten thousand summaries have crossed.
 */
export function todaySessionIds(
  sessions: Iterable<Session>,
  notes: Iterable<TodayNoteFacts>,
  now: Date,
): Set<string> {
  const nowMs = now.getTime();
  const ids = new Set<string>();
  for (const note of notes) {
    const recentlySigned =
      note.status === 'signed' && note.signedAt !== null && nowMs - Date.parse(note.signedAt) <= RECENT_SIGNED_DAYS * DAY;
    if (note.status === 'draft' || recentlySigned) ids.add(note.sessionId);
  }
  for (const session of sessions) {
    if (nowMs - Date.parse(session.startsAt) <= UNSIGNED_WINDOW_DAYS * DAY) ids.add(session.id);
  }
  return ids;
}
