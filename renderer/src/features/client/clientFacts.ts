import { sessionStanding } from '../../../../shared/analytics/notesBySession';
import type { Session } from '../../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../../shared/summaries/noteSummary';
import type { SessionRow } from '../../data/hooks';

/**
 * What a client's page header and the client list tell at a glance, worked out here alone so the
 * two screens never disagree (they did: the list counted cancelled and future sessions, and called
 * the one booked for later today the last).
 */
export interface ClientFacts {
  /** Sessions held so far (see sessionStanding in shared/analytics). */
  held: number;
  /** Start of the latest session held; null before the first. */
  last: string | null;
  /** Start of the earliest session still to come; null if none is booked. */
  next: string | null;
  /** Notes still in draft (not signed). */
  openDrafts: number;
}

/** The header's facts from the client's session rows, as of `now`. */
export function clientFacts(rows: readonly SessionRow[], now: Date): ClientFacts {
  const nowMs = now.getTime();
  const facts: ClientFacts = { held: 0, last: null, next: null, openDrafts: 0 };
  let lastMs = Number.NEGATIVE_INFINITY;
  let nextMs = Number.POSITIVE_INFINITY;
  for (const { session, note } of rows) {
    if (note?.status === 'draft') facts.openDrafts += 1;
    const at = Date.parse(session.startsAt);
    const standing = sessionStanding(session, note, nowMs);
    if (standing === 'held') {
      facts.held += 1;
      if (at > lastMs) [lastMs, facts.last] = [at, session.startsAt];
    } else if (standing === 'to-come' && at < nextMs) {
      [nextMs, facts.next] = [at, session.startsAt];
    }
  }
  return facts;
}

/** Every client's facts (the client list), from the caseload's sessions and note summaries. */
export function caseloadFacts(
  sessions: readonly Session[],
  notes: readonly NoteSummary[],
  now: Date,
): Map<string, ClientFacts> {
  const noteOf = new Map(notes.map((n) => [n.sessionId, n]));
  const rowsOf = new Map<string, SessionRow[]>();
  for (const session of sessions) {
    const rows = rowsOf.get(session.clientId) ?? [];
    rows.push({ session, note: noteOf.get(session.id) });
    rowsOf.set(session.clientId, rows);
  }
  return new Map([...rowsOf].map(([clientId, rows]) => [clientId, clientFacts(rows, now)]));
}
