import type { NoteStatus } from '../domain/noteSchema';
import type { Session } from '../domain/sessionSchema';

const DAY = 24 * 60 * 60 * 1000;

/** How far back Today looks for sessions still without a signed note. */
export const UNSIGNED_WINDOW_DAYS = 14;
/** How far back "recently signed" goes. */
export const RECENT_SIGNED_DAYS = 7;
/** How many of the older sessions without a signed note Today's slice carries (the section shows 8). */
export const SLICE_OLDER_UNFINISHED = 8;

/** What Today needs to know of a note to place its session: a summary, or the note itself. */
export interface TodayNoteFacts {
  sessionId: string;
  status: NoteStatus;
  signedAt: string | null;
}

/**
 * The sessions of Today's slice, and how many sessions before Today's window still lack a signed
 * note (a draft or no note at all; cancelled ones without a note need none).
 */
export interface TodaySlicePlan {
  sessionIds: Set<string>;
  olderUnfinished: number;
}

/**
 * The sessions Today shows, from every session and note: those of the last
 * UNSIGNED_WINDOW_DAYS and later (notes to write, upcoming sessions, drafts written ahead), those
 * whose note was signed in the last RECENT_SIGNED_DAYS, and the SLICE_OLDER_UNFINISHED oldest of
 * the older sessions without a signed note (the first rows of "Older notes to finish": a draft or
 * no note at all, except cancelled sessions without one), with the count of all of those. Today
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
  // A note without a session never shows (Today lists sessions); the last note of a session wins, as in Today.
  const noteOf = new Map<string, TodayNoteFacts>();
  for (const note of notes) noteOf.set(note.sessionId, note);
  const sessionIds = new Set<string>();
  const older: Array<{ sessionId: string; startsAt: string }> = [];
  for (const session of sessions) {
    const note = noteOf.get(session.id);
    if (note?.status === 'signed') {
      if (note.signedAt !== null && nowMs - Date.parse(note.signedAt) <= RECENT_SIGNED_DAYS * DAY) {
        sessionIds.add(session.id);
        continue;
      }
    }
    if (inWindow(session.startsAt)) {
      sessionIds.add(session.id);
      continue;
    }
    if (note?.status === 'signed') continue; // signed and settled
    if (!note && session.attendance === 'cancelled') continue; // a cancelled session needs no note
    older.push({ sessionId: session.id, startsAt: session.startsAt });
  }
  older.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  // Sessions that start at the same time as the last one carried come too: Today's order among them is not ours.
  const last = older[SLICE_OLDER_UNFINISHED - 1]?.startsAt;
  for (const row of older) if (last === undefined || row.startsAt <= last) sessionIds.add(row.sessionId);
  return { sessionIds, olderUnfinished: older.length };
}
