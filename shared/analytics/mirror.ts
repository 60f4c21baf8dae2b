/**
 * The mirror: what the therapist's own records say next to the client's, for one client and
 * across the caseload. The outcome over time with the rupture episodes on the same axis, the
 * outcome change after resolved and not fully resolved ruptures, the therapist's ratings against the
 * client's feedback, and participation over time. Associations over small numbers: the counts
 * travel with every mean so nobody reads more into them than they hold.
 */
import { DEFAULT_FEEDBACK_CONCERN_LINE, feedbackTotal } from '../domain/feedback';
import { participationItemIds } from '../domain/participation';
import type { NoteSummary } from '../summaries/noteSummary';
import { clientSessionsInRange, countedAsOf } from './clientMetrics';
import { calendarDate, checkDateRange, type DateRange, inRange, instantOf } from './dateRange';
import {
  type EpisodeGroups,
  type EpisodeInput,
  episodeGroups,
  type OutcomePoint,
  type RuptureEpisode,
  ruptureEpisodes,
} from './mirrorEpisodes';
import { type AnalyticsSession, notesBySession, sessionStanding } from './notesBySession';
import {
  type ParticipationHalves,
  type ParticipationMonth,
  type ParticipationPoint,
  participationByMonth,
  participationCount,
  participationHalves,
} from './participationOverTime';
import {
  type AgreementPoint,
  agreementReading,
  meanRating,
  type RatingAgreement,
  ratingAgreement,
} from './ratingAgreement';

/**
 * Where a client's outcome values come from: the outcome scale's total (ORS-compatible, 0–40)
 * when the client has one in range, else the session feedback total (0–40) as a proxy. One
 * source per client: two scales are never joined into one line.
 */
export type OutcomeSource = 'outcome-scale' | 'feedback';

export interface MirrorOptions {
  /** Sessions whose local start date falls in this inclusive range; all if absent. */
  range?: DateRange;
  /** A feedback total below this reads as low; 36 by default. */
  concernLine?: number;
  /** The outcome scale's total by session id, where one was entered. */
  outcomeTotals?: ReadonlyMap<string, number>;
  /** When the sessions are counted (ISO time; now if absent), as the metrics count them (MetricsOptions.now). */
  now?: string;
}

/** One client's mirror over a date range. */
export interface ClientMirror {
  clientId: string;
  range: { from: string | null; to: string | null };
  concernLine: number;
  outcomeSource: OutcomeSource;
  /** The outcome per session that has one, in time order. */
  outcomes: OutcomePoint[];
  /** Sessions with ruptures, in time order. */
  episodes: RuptureEpisode[];
  episodeGroups: EpisodeGroups;
  /** Sessions with both your ratings and a complete feedback total, in time order. */
  agreementPoints: AgreementPoint[];
  agreement: RatingAgreement;
  /** Noted sessions' participation, in time order. */
  participation: ParticipationPoint[];
  participationHalves: ParticipationHalves;
}

/** One client's episode groups, in the caseload's list. */
export interface ClientEpisodeGroups {
  clientId: string;
  outcomeSource: OutcomeSource;
  episodeGroups: EpisodeGroups;
}

/** The caseload's mirror over a date range. */
export interface CaseloadMirror {
  range: { from: string | null; to: string | null };
  concernLine: number;
  /** Clients with a session held in range. */
  clients: number;
  /** How many clients' outcomes came from each source. */
  outcomeSources: Record<OutcomeSource, number>;
  /** Every client's episodes pooled (each change measured within its own client). */
  episodeGroups: EpisodeGroups;
  /** Clients with at least one rupture episode, by client id. */
  perClient: ClientEpisodeGroups[];
  agreement: RatingAgreement;
  /** Every noted session's participation, all clients together, earlier and later half by date. */
  participationHalves: ParticipationHalves;
  participationByMonth: ParticipationMonth[];
}

/** The mirror of one client's sessions, given in time order. */
function mirrorOf(
  clientId: string,
  sessions: readonly AnalyticsSession[],
  noteOf: ReadonlyMap<string, NoteSummary>,
  range: DateRange,
  concernLine: number,
  outcomeTotals: ReadonlyMap<string, number> | undefined,
): ClientMirror {
  const scaleUsed = outcomeTotals !== undefined && sessions.some((s) => outcomeTotals.has(s.id));
  const outcomeSource: OutcomeSource = scaleUsed ? 'outcome-scale' : 'feedback';
  const outcomes: OutcomePoint[] = [];
  const inputs: EpisodeInput[] = [];
  const agreementPoints: AgreementPoint[] = [];
  const participation: ParticipationPoint[] = [];

  for (const s of sessions) {
    const note = noteOf.get(s.id);
    const total = note ? feedbackTotal(note.feedback) : null;
    const outcome = scaleUsed ? (outcomeTotals.get(s.id) ?? null) : total;
    if (outcome !== null) outcomes.push({ sessionId: s.id, startsAt: s.startsAt, value: outcome });
    inputs.push({
      sessionId: s.id,
      startsAt: s.startsAt,
      noteId: note?.id ?? null,
      ruptures: note?.ruptures ?? [],
      outcome,
    });
    if (!note) continue;
    const mean = meanRating(note.ratings);
    if (mean !== null && total !== null) {
      agreementPoints.push({
        sessionId: s.id,
        startsAt: s.startsAt,
        noteId: note.id,
        meanRating: mean,
        feedbackTotal: total,
        reading: agreementReading(mean, total, concernLine),
      });
    }
    // A plain loop, not Object.fromEntries: this runs once per note, ten thousand times on a caseload.
    const items = {} as ParticipationPoint['items'];
    for (const id of participationItemIds) items[id] = note.participation[id] === true;
    participation.push({
      sessionId: s.id,
      startsAt: s.startsAt,
      noteId: note.id,
      items,
      count: participationCount(items),
    });
  }

  const episodes = ruptureEpisodes(inputs);
  return {
    clientId,
    range: { from: range.from ?? null, to: range.to ?? null },
    concernLine,
    outcomeSource,
    outcomes,
    episodes,
    episodeGroups: episodeGroups(episodes),
    agreementPoints,
    agreement: ratingAgreement(agreementPoints, concernLine),
    participation,
    participationHalves: participationHalves(participation),
  };
}

/**
 * The sessions that took place, in their order: as the charts and the client's header count them
 * (sessionStanding), so the mirror's "noted sessions" are theirs. A cancelled or missed session's
 * note says why it did not happen: read as a session, it lowered participation and put an empty
 * "next session" after a rupture.
 */
function heldOnly(
  ordered: readonly AnalyticsSession[],
  noteOf: ReadonlyMap<string, NoteSummary>,
  nowMs: number,
): AnalyticsSession[] {
  return ordered.filter((s) => sessionStanding(s, noteOf.get(s.id), nowMs) === 'held');
}

/** One client's mirror. `sessions` may hold other clients' sessions (they are skipped). */
export function clientMirror(
  clientId: string,
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<NoteSummary>,
  options: MirrorOptions = {},
): ClientMirror {
  const range = options.range ?? {};
  checkDateRange(range);
  const noteOf = notesBySession(notes);
  const held = heldOnly(
    clientSessionsInRange(clientId, sessions, range, calendarDate),
    noteOf,
    countedAsOf(options),
  );
  const concernLine = options.concernLine ?? DEFAULT_FEEDBACK_CONCERN_LINE;
  return mirrorOf(clientId, held, noteOf, range, concernLine, options.outcomeTotals);
}

/** The caseload's mirror: every client's mirror, pooled. */
export function caseloadMirror(
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<NoteSummary>,
  options: MirrorOptions = {},
): CaseloadMirror {
  const range = options.range ?? {};
  checkDateRange(range);
  const concernLine = options.concernLine ?? DEFAULT_FEEDBACK_CONCERN_LINE;
  const noteOf = notesBySession(notes);

  const byClient = new Map<string, { session: AnalyticsSession; at: number }[]>();
  const nowMs = countedAsOf(options);
  for (const session of sessions) {
    if (!inRange(calendarDate(session.startsAt), range)) continue;
    if (sessionStanding(session, noteOf.get(session.id), nowMs) !== 'held') continue;
    let list = byClient.get(session.clientId);
    if (!list) {
      list = [];
      byClient.set(session.clientId, list);
    }
    list.push({ session, at: instantOf(session.startsAt) });
  }

  const outcomeSources: Record<OutcomeSource, number> = { 'outcome-scale': 0, feedback: 0 };
  const allEpisodes: RuptureEpisode[] = [];
  const perClient: ClientEpisodeGroups[] = [];
  const agreementPoints: AgreementPoint[] = [];
  const participation: ParticipationPoint[] = [];
  const clientIds = [...byClient.keys()].sort();
  // Each start time parsed once: the caseload's participation is put in time order with them too.
  const instantOfSession = new Map<string, number>();
  for (const list of byClient.values()) for (const k of list) instantOfSession.set(k.session.id, k.at);
  for (const clientId of clientIds) {
    // The same order as clientSessionsInRange: by instant, then id.
    const ordered = byClient
      .get(clientId)!
      .sort((a, b) => a.at - b.at || (a.session.id < b.session.id ? -1 : a.session.id > b.session.id ? 1 : 0))
      .map((k) => k.session);
    const m = mirrorOf(clientId, ordered, noteOf, range, concernLine, options.outcomeTotals);
    outcomeSources[m.outcomeSource] += 1;
    allEpisodes.push(...m.episodes);
    if (m.episodes.length > 0) {
      perClient.push({ clientId, outcomeSource: m.outcomeSource, episodeGroups: m.episodeGroups });
    }
    agreementPoints.push(...m.agreementPoints);
    participation.push(...m.participation);
  }

  return {
    range: { from: range.from ?? null, to: range.to ?? null },
    concernLine,
    clients: clientIds.length,
    outcomeSources,
    episodeGroups: episodeGroups(allEpisodes),
    perClient,
    agreement: ratingAgreement(agreementPoints, concernLine),
    participationHalves: participationHalves(
      participation
        .map((p) => ({ p, at: instantOfSession.get(p.sessionId) ?? 0 }))
        .sort(
          (a, b) =>
            a.at - b.at || (a.p.sessionId < b.p.sessionId ? -1 : a.p.sessionId > b.p.sessionId ? 1 : 0),
        )
        .map((x) => x.p),
    ),
    participationByMonth: participationByMonth(participation),
  };
}
