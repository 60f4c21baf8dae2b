import type { SessionRow } from '../../data/hooks';

/** What a client's page header tells at a glance. */
export interface ClientFacts {
  /** Sessions held so far (started by now). */
  held: number;
  /** Start of the latest session held; null before the first. */
  last: string | null;
  /** Start of the earliest session entered for later than now; null if none is. */
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
    // Parsed, not compared as strings: a start may carry any UTC offset.
    const at = Date.parse(session.startsAt);
    if (at <= nowMs) {
      facts.held += 1;
      if (at > lastMs) [lastMs, facts.last] = [at, session.startsAt];
    } else if (at < nextMs) {
      [nextMs, facts.next] = [at, session.startsAt];
    }
  }
  return facts;
}
