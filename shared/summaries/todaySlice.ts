import type { NoteStatus } from '../domain/noteSchema';
import type { Session } from '../domain/sessionSchema';

const DAY = 24 * 60 * 60 * 1000;

/** How far back Today looks for sessions still without a signed note. */
export const UNSIGNED_WINDOW_DAYS = 14;
/** How far back "recently signed" goes. */
export const RECENT_SIGNED_DAYS = 7;
/** How many of the drafts of older sessions Today's slice carries (the side section shows 8). */
export const SLICE_OLDER_DRAFTS = 8;

/** What Today needs to know of a note to place its session: a summary, or the note itself. */
export interface TodayNoteFacts {
  sessionId: string;
  status: NoteStatus;
  signedAt: string | null;
}

/** The sessions of Today's slice, and how many drafts of older sessions there are in all. */
export interface TodaySlicePlan {
  sessionIds: Set<string>;
  olderDrafts: number;
}

/**
 * The sessions Today shows, from every session and note: those of the last
 * UNSIGNED_WINDOW_DAYS and later (notes to write, upcoming, drafts written ahead), those whose
 * note was signed in the last RECENT_SIGNED_DAYS, and the SLICE_OLDER_DRAFTS oldest drafts of
 * older sessions (the first rows of "Other drafts"), with the count of all of those. Today
 * computed over this slice (and those sessions' notes) shows the same rows as over the whole
 * caseload: main sends it right after the clients, so Today is on screen before ten thousand
 * summaries have crossed.
 */
export function todaySlicePlan(
  sessions: Iterable<Session>,
  notes: Iterable<TodayNoteFacts>,
  now: Date,
): TodaySlicePlan {
  const nowMs = now.getTime();
  const inWindow = (startsAt: string) => nowMs - Date.parse(startsAt) <= UNSIGNED_WINDOW_DAYS * DAY;
  const sessionIds = new Set<string>();
  const startOf = new Map<string, string>();
  for (const session of sessions) {
    startOf.set(session.id, session.startsAt);
    if (inWindow(session.startsAt)) sessionIds.add(session.id);
  }
  const older: Array<{ sessionId: string; startsAt: string }> = [];
  for (const note of notes) {
    const startsAt = startOf.get(note.sessionId);
    if (startsAt === undefined) continue; // Today lists sessions: a note without one never shows
    if (note.status === 'draft') {
      if (!inWindow(startsAt)) older.push({ sessionId: note.sessionId, startsAt });
    } else if (note.signedAt !== null && nowMs - Date.parse(note.signedAt) <= RECENT_SIGNED_DAYS * DAY) {
      sessionIds.add(note.sessionId);
    }
  }
  older.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  // Drafts that start at the same time as the last one carried come too: Today's order among them is not ours.
  const last = older[SLICE_OLDER_DRAFTS - 1]?.startsAt;
  for (const draft of older) if (last === undefined || draft.startsAt <= last) sessionIds.add(draft.sessionId);
  return { sessionIds, olderDrafts: older.length };
}
