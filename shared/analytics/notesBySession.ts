/** The join from sessions to their notes, and the slice of a session the analytics read. */
import type { Session } from '../domain/sessionSchema';
import type { NoteSummary } from '../summaries/noteSummary';

/** The fields of a session the analytics use; a full `Session` fits. */
export type AnalyticsSession = Pick<Session, 'id' | 'clientId' | 'startsAt' | 'attendance'>;

/**
 * Notes keyed by session id. A session has one note; should several arrive for one session, the
 * most recently updated one is used, as it is the one the therapist last worked on.
 */
export function notesBySession(notes: Iterable<NoteSummary>): Map<string, NoteSummary> {
  const bySession = new Map<string, NoteSummary>();
  for (const note of notes) {
    const seen = bySession.get(note.sessionId);
    // ISO timestamps from toISOString() order as strings.
    if (!seen || note.updatedAt > seen.updatedAt) bySession.set(note.sessionId, note);
  }
  return bySession;
}

/**
 * Whether the session took place (attended), so that the attunement analytics draw from it: a
 * cancelled, late-cancelled or missed session has no ratings or ruptures to give, and its note
 * (if any) says why it did not happen.
 */
export function tookPlace(session: Pick<AnalyticsSession, 'attendance'>): boolean {
  return session.attendance === 'attended';
}
