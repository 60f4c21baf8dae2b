/** The whole caseload: metrics by calendar month, rupture patterns overall, and the clinician's profile. */
import type { DimensionId } from '../domain/dimensions';
import type { RuptureTypeId } from '../domain/ruptures';
import type { NoteSummary } from '../summaries/noteSummary';
import { countedAsOf, type MetricsOptions } from './clientMetrics';
import {
  addRatings,
  type ClinicianProfile,
  emptyRatingSums,
  profileFromSums,
  type RatingSums,
  ratingMeans,
} from './clinicianProfile';
import { calendarDate, checkDateRange, inRange, monthsBetween } from './dateRange';
import { type AnalyticsSession, notesBySession, sessionStanding } from './notesBySession';
import { countOutcome, emptyOutcomeCounts, type OutcomeCounts, repairRate } from './repairRate';
import {
  createRuptureTally,
  type DimensionPrecedence,
  dimensionsPrecedingRuptures,
  type MarkerFrequency,
  markerFrequencies,
  type RuptureTally,
  type StrategyGroupOutcome,
  type StrategyOutcome,
  strategyGroupOutcomes,
  strategyOutcomes,
  tallyRupture,
} from './ruptureTally';
import { median } from './statistics';

/** Counts over a set of sessions, with the rates they give. */
export interface CaseloadCounts {
  sessions: number;
  /** Sessions with a note. */
  notes: number;
  ruptures: number;
  rupturesByType: Record<RuptureTypeId, number>;
  outcomes: OutcomeCounts;
  /** Ruptures ÷ noted sessions; null with no noted session. */
  ruptureRate: number | null;
  /** Resolved 1, partial 0.5, unresolved 0, over ruptures with an outcome; null if none has one. */
  repairRate: number | null;
}

/** One calendar month (local) of the caseload. */
export interface MonthMetrics extends CaseloadCounts {
  /** yyyy-mm */
  month: string;
  /** Mean rating per dimension over the month's notes; null where none rated it. */
  dimensionMeans: Record<DimensionId, number | null>;
}

/** The caseload's metrics over a date range. */
export interface CaseloadMetrics {
  range: { from: string | null; to: string | null };
  /** Clients with at least one session in range that took place. */
  clients: number;
  /** Over the sessions that took place (attended), as each client's header counts them. */
  totals: CaseloadCounts;
  /** Sessions in range that did not take place (cancelled, late cancellation, no-show): left out of every count. */
  sessionsNotHeld: number;
  /** Every month from the first session's to the last's, in order; empty months included. */
  months: MonthMetrics[];
  medianMinutesToRepair: number | null;
  dimensionsPrecedingRuptures: DimensionPrecedence[];
  markerFrequencies: MarkerFrequency[];
  strategyOutcomes: StrategyOutcome[];
  /** Immediate against exploratory repair, and the user's own strategies. */
  strategyGroupOutcomes: StrategyGroupOutcome[];
  clinicianProfile: ClinicianProfile;
}

interface MonthAccumulator {
  sessions: number;
  notes: number;
  tally: Pick<RuptureTally, 'ruptures' | 'byType' | 'outcomes'>;
  ratings: RatingSums;
}

const emptyMonth = (): MonthAccumulator => ({
  sessions: 0,
  notes: 0,
  tally: { ruptures: 0, byType: { withdrawal: 0, confrontation: 0 }, outcomes: emptyOutcomeCounts() },
  ratings: emptyRatingSums(),
});

function counts(sessions: number, notes: number, tally: MonthAccumulator['tally']): CaseloadCounts {
  return {
    sessions,
    notes,
    ruptures: tally.ruptures,
    rupturesByType: { ...tally.byType },
    outcomes: { ...tally.outcomes },
    ruptureRate: notes === 0 ? null : tally.ruptures / notes,
    repairRate: repairRate(tally.outcomes),
  };
}

/**
 * The caseload's metrics, in one pass over the sessions. Notes are joined to sessions by session
 * id; a note whose session is missing or out of range is left out, as it has no date, and so is a
 * session that did not take place (counted in `sessionsNotHeld`) or is still to come (in neither).
 */
export function caseloadMetrics(
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<NoteSummary>,
  options: Pick<MetricsOptions, 'range' | 'now'> = {},
): CaseloadMetrics {
  const nowMs = countedAsOf(options);
  const range = options.range ?? {};
  checkDateRange(range);
  const noteOf = notesBySession(notes);
  const byMonth = new Map<string, MonthAccumulator>();
  const clients = new Set<string>();
  const tally = createRuptureTally();
  const ratings = emptyRatingSums();
  let sessionCount = 0;
  let notHeld = 0;
  let noted = 0;

  for (const session of sessions) {
    const date = calendarDate(session.startsAt);
    if (!inRange(date, range)) continue;
    const standing = sessionStanding(session, noteOf.get(session.id), nowMs);
    if (standing !== 'held') {
      if (standing === 'not-held') notHeld += 1;
      continue;
    }
    const month = date.slice(0, 7);
    let acc = byMonth.get(month);
    if (!acc) {
      acc = emptyMonth();
      byMonth.set(month, acc);
    }
    sessionCount += 1;
    acc.sessions += 1;
    clients.add(session.clientId);
    const note = noteOf.get(session.id);
    if (!note) continue;
    noted += 1;
    acc.notes += 1;
    addRatings(acc.ratings, note.ratings, note.notArisen);
    addRatings(ratings, note.ratings, note.notArisen);
    for (const r of note.ruptures) {
      tallyRupture(tally, r);
      acc.tally.ruptures += 1;
      acc.tally.byType[r.type] += 1;
      countOutcome(acc.tally.outcomes, r.outcome);
    }
  }

  const keys = [...byMonth.keys()].sort();
  const first = keys[0];
  const last = keys[keys.length - 1];
  const months =
    first === undefined || last === undefined
      ? []
      : monthsBetween(first, last).map((month) => {
          const acc = byMonth.get(month) ?? emptyMonth();
          return {
            month,
            ...counts(acc.sessions, acc.notes, acc.tally),
            dimensionMeans: ratingMeans(acc.ratings),
          };
        });

  return {
    range: { from: range.from ?? null, to: range.to ?? null },
    clients: clients.size,
    totals: counts(sessionCount, noted, tally),
    sessionsNotHeld: notHeld,
    months,
    medianMinutesToRepair: median(tally.minutesToRepair),
    dimensionsPrecedingRuptures: dimensionsPrecedingRuptures(tally),
    markerFrequencies: markerFrequencies(tally),
    strategyOutcomes: strategyOutcomes(tally),
    strategyGroupOutcomes: strategyGroupOutcomes(tally),
    clinicianProfile: profileFromSums(ratings),
  };
}
