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
 * Where a session stands as of `nowMs`: held once it has started and was attended (or earlier, if
 * its note is already signed: a signed note says it took place); to come while it has not started
 * and is not called off; otherwise neither (cancelled, a late cancellation, a no-show). One rule
 * for the client's header, the client list, the charts, `attune report` and review packets, so
 * none of them counts a session another leaves out (a booked session still to come was counted by
 * the charts and not by the header).
 */
export function sessionStanding(
  session: Pick<AnalyticsSession, 'startsAt' | 'attendance'>,
  note: Pick<NoteSummary, 'status'> | undefined,
  nowMs: number,
): 'held' | 'to-come' | 'not-held' {
  if (session.attendance !== 'attended') return 'not-held';
  // Parsed, not compared as strings: a start may carry any UTC offset.
  const started = Date.parse(session.startsAt) <= nowMs;
  return started || note?.status === 'signed' ? 'held' : 'to-come';
}
