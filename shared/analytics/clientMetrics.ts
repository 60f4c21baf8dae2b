/** One client's metrics over a date range: rates, repair, trends, lapses, markers, strategies, feedback. */
import type { DimensionId } from '../domain/dimensions';
import { DEFAULT_FEEDBACK_CONCERN_LINE } from '../domain/feedback';
import { type ParticipationItemId, participationItemIds } from '../domain/participation';
import type { RuptureTypeId } from '../domain/ruptures';
import type { NoteSummary } from '../summaries/noteSummary';
import { type Calendar, checkDateRange, type DateRange, dateOn, inRange, instantOf } from './dateRange';
import { type DimensionTrend, dimensionTrends } from './dimensionTrends';
import { type AnalyticsSession, notesBySession, sessionStanding } from './notesBySession';
import { type OutcomeCounts, repairRate } from './repairRate';
import { DEFAULT_REPAIR_WINDOW, type RollingRepairPoint, rollingRepairRate } from './rollingRepairRate';
import {
  createRuptureTally,
  type DimensionPrecedence,
  dimensionsPrecedingRuptures,
  type MarkerFrequency,
  markerFrequencies,
  type StrategyGroupOutcome,
  type StrategyOutcome,
  strategyGroupOutcomes,
  strategyOutcomes,
  tallyRupture,
} from './ruptureTally';
import { type SessionMetrics, sessionMetrics } from './sessionMetrics';
import { median } from './statistics';

/** Options for the client and caseload metrics. */
export interface MetricsOptions {
  /** Sessions whose local start date falls in this inclusive range; all sessions if absent. */
  range?: DateRange;
  /** Sessions in the rolling repair rate's window (client metrics only); 5 by default. */
  window?: number;
  /** Feedback totals below this are flagged; 36 by default. */
  concernLine?: number;
  /**
   * When the sessions are counted (ISO time; the current time if absent): a session not started
   * by then is still to come, in neither count, unless its note is signed (sessionStanding).
   */
  now?: string;
  /**
   * Where sessions fall on the calendar (client metrics only): the local date by default; 'utc'
   * for a review packet, whose dates are shifted in UTC and shown so (its charts then say UTC dates).
   */
  calendar?: Calendar;
}

/**
 * `now` for a page's metrics: the current minute, so that the metrics remembered by their options
 * (memoizedMetrics.ts) serve every render and revisit within it. A page counts as of when it
 * computed its metrics (as the client's header counts as of when it drew): a session that starts
 * while it stays open is counted once the page computes again (a visit, a change, a new range).
 */
export function countingMinute(at: Date = new Date()): string {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString();
}

/** The moment sessions are counted as of, in ms since the epoch. */
export function countedAsOf(options: Pick<MetricsOptions, 'now'>): number {
  const ms = options.now === undefined ? Date.now() : Date.parse(options.now);
  if (Number.isNaN(ms)) throw new RangeError(`Not a time: ${options.now}`);
  return ms;
}

/** How often the client did one participation item. */
export interface ParticipationRate {
  /** Noted sessions in which the item happened. */
  sessions: number;
  /** Share of noted sessions; null when no session has a note. */
  rate: number | null;
}

/** One session's complete feedback total. */
export interface FeedbackPoint {
  sessionId: string;
  startsAt: string;
  total: number;
  belowConcernLine: boolean;
}

/** A client's metrics over a date range. */
export interface ClientMetrics {
  clientId: string;
  /** Present when asked for: the charts then date sessions by UTC day (review packets). */
  calendar?: 'utc';
  range: { from: string | null; to: string | null };
  /** Every session in range that took place (attended; see `sessionsNotHeld`), ordered by start time. */
  sessions: SessionMetrics[];
  sessionCount: number;
  /**
   * Sessions in range that did not take place (cancelled, late cancellation, no-show): left out of
   * every count and rate, as the client's header leaves them out of its count; a note on one says
   * why it did not happen, not how the session went.
   */
  sessionsNotHeld: number;
  /** Sessions with a note: the base of every per-session rate. */
  notedSessionCount: number;
  ruptureCount: number;
  rupturesByType: Record<RuptureTypeId, number>;
  outcomes: OutcomeCounts;
  /** Ruptures ÷ noted sessions; null with no noted session. */
  ruptureRatePerSession: number | null;
  /** Resolved 1, partial 0.5, unresolved 0, over ruptures with an outcome; null if none has one. */
  repairRate: number | null;
  repairWindow: number;
  rollingRepairRate: RollingRepairPoint[];
  medianMinutesToRepair: number | null;
  dimensionTrends: Record<DimensionId, DimensionTrend>;
  dimensionsPrecedingRuptures: DimensionPrecedence[];
  markerFrequencies: MarkerFrequency[];
  strategyOutcomes: StrategyOutcome[];
  /** Immediate against exploratory repair, and the user's own strategies. */
  strategyGroupOutcomes: StrategyGroupOutcome[];
  participationRates: Record<ParticipationItemId, ParticipationRate>;
  concernLine: number;
  /** Sessions with a complete feedback total, in order. */
  feedback: FeedbackPoint[];
}

/**
 * The sessions of a client whose start date is in range, ordered by start time (then id), each
 * placed by `dateOf`: its local date (`calendarDate`) for the clinician's charts and a packet's
 * choice of sessions, its UTC date for the charts inside a packet (shown in UTC).
 */
export function clientSessionsInRange<S extends AnalyticsSession>(
  clientId: string,
  sessions: Iterable<S>,
  range: DateRange | undefined,
  dateOf: (startsAt: string) => string,
): S[] {
  const kept: { session: S; at: number }[] = [];
  for (const session of sessions) {
    if (session.clientId !== clientId || !inRange(dateOf(session.startsAt), range)) continue;
    kept.push({ session, at: instantOf(session.startsAt) });
  }
  // Instants, not strings: start times may carry different zone offsets.
  kept.sort(
    (a, b) => a.at - b.at || (a.session.id < b.session.id ? -1 : a.session.id > b.session.id ? 1 : 0),
  );
  return kept.map((k) => k.session);
}

/**
 * A client's metrics. `sessions` may include other clients' sessions (they are skipped);
 * notes are joined to sessions by session id.
 */
export function clientMetrics(
  clientId: string,
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<NoteSummary>,
  options: MetricsOptions = {},
): ClientMetrics {
  const range = options.range ?? {};
  checkDateRange(range);
  const repairWindow = options.window ?? DEFAULT_REPAIR_WINDOW;
  const concernLine = options.concernLine ?? DEFAULT_FEEDBACK_CONCERN_LINE;
  const noteOf = notesBySession(notes);

  const tally = createRuptureTally();
  const participated = Object.fromEntries(participationItemIds.map((p) => [p, 0])) as Record<
    ParticipationItemId,
    number
  >;
  const feedback: FeedbackPoint[] = [];
  let noted = 0;

  const chosen = clientSessionsInRange(clientId, sessions, range, dateOn(options.calendar));
  const nowMs = countedAsOf(options);
  const standing = chosen.map((session) => sessionStanding(session, noteOf.get(session.id), nowMs));
  const held = chosen.filter((_, i) => standing[i] === 'held');
  const metrics = held.map((session) => {
    const note = noteOf.get(session.id);
    const m = sessionMetrics(session, note, concernLine);
    if (note) {
      noted += 1;
      for (const r of note.ruptures) tallyRupture(tally, r);
      for (const p of participationItemIds) if (note.participation[p]) participated[p] += 1;
    }
    if (m.feedbackTotal !== null) {
      feedback.push({
        sessionId: m.sessionId,
        startsAt: m.startsAt,
        total: m.feedbackTotal,
        belowConcernLine: m.feedbackTotal < concernLine,
      });
    }
    return m;
  });

  return {
    clientId,
    range: { from: range.from ?? null, to: range.to ?? null },
    sessions: metrics,
    sessionCount: metrics.length,
    sessionsNotHeld: standing.filter((s) => s === 'not-held').length,
    notedSessionCount: noted,
    ruptureCount: tally.ruptures,
    rupturesByType: tally.byType,
    outcomes: tally.outcomes,
    ruptureRatePerSession: noted === 0 ? null : tally.ruptures / noted,
    repairRate: repairRate(tally.outcomes),
    repairWindow,
    rollingRepairRate: rollingRepairRate(metrics, repairWindow),
    medianMinutesToRepair: median(tally.minutesToRepair),
    dimensionTrends: dimensionTrends(metrics),
    dimensionsPrecedingRuptures: dimensionsPrecedingRuptures(tally),
    markerFrequencies: markerFrequencies(tally),
    strategyOutcomes: strategyOutcomes(tally),
    strategyGroupOutcomes: strategyGroupOutcomes(tally),
    participationRates: Object.fromEntries(
      participationItemIds.map((p) => [
        p,
        { sessions: participated[p], rate: noted === 0 ? null : participated[p] / noted },
      ]),
    ) as Record<ParticipationItemId, ParticipationRate>,
    concernLine,
    feedback,
    ...(options.calendar === 'utc' ? { calendar: 'utc' as const } : {}),
  };
}
