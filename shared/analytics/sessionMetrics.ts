/** What one session shows in the charts: its ruptures, repairs, ratings, participation and feedback. */
import { type DimensionId, dimensionIds, type UnratedReason } from '../domain/dimensions';
import { DEFAULT_FEEDBACK_CONCERN_LINE, feedbackTotal } from '../domain/feedback';
import type { ParticipationItemId } from '../domain/participation';
import type { RuptureTypeId } from '../domain/ruptures';
import type { Attendance } from '../domain/sessionSchema';
import type { NoteSummary } from '../summaries/noteSummary';
import type { AnalyticsSession } from './notesBySession';
import { countOutcome, emptyOutcomeCounts, type OutcomeCounts } from './repairRate';
import { minutesToRepairOf } from './ruptureTally';

/** The metrics of one session; a session without a note has zero ruptures and null ratings. */
export interface SessionMetrics {
  sessionId: string;
  startsAt: string;
  attendance: Attendance;
  /** The note the metrics came from, for opening it from a chart; null if none was written. */
  noteId: string | null;
  rupturesByType: Record<RuptureTypeId, number>;
  ruptureCount: number;
  /** Mean salience over ruptures with a salience rated; null if none is. */
  meanSalience: number | null;
  outcomes: OutcomeCounts;
  /** Minutes from rupture to repair, in note order, for ruptures with both minutes noted. */
  minutesToRepair: number[];
  /** Each dimension's 1–5 rating; null when not rated (see `unrated` for why) or when there is no note. */
  ratings: Record<DimensionId, number | null>;
  /** Why a dimension has no rating; null when it is rated or there is no note. */
  unrated: Record<DimensionId, UnratedReason | null>;
  /** What the client did; null when there is no note (not known, rather than not done). */
  participation: Record<ParticipationItemId, boolean> | null;
  /** The 0–40 feedback total; null unless all four items were rated. */
  feedbackTotal: number | null;
  /** Whether the total falls below the concern line; null when there is no total. */
  belowConcernLine: boolean | null;
}

const noRatings = (): Record<DimensionId, number | null> =>
  Object.fromEntries(dimensionIds.map((d) => [d, null])) as Record<DimensionId, null>;

/** Why each dimension of a note has no rating: "did not come up" as marked, else "could not judge". */
export function unratedOf(
  note: Pick<NoteSummary, 'ratings' | 'notArisen'> | undefined,
): Record<DimensionId, UnratedReason | null> {
  return Object.fromEntries(
    dimensionIds.map((d) => [
      d,
      !note || note.ratings[d] !== null
        ? null
        : note.notArisen?.includes(d)
          ? 'did-not-come-up'
          : 'could-not-judge',
    ]),
  ) as Record<DimensionId, UnratedReason | null>;
}

/** The metrics of one session and its note (if any). */
export function sessionMetrics(
  session: AnalyticsSession,
  note: NoteSummary | undefined,
  concernLine: number = DEFAULT_FEEDBACK_CONCERN_LINE,
): SessionMetrics {
  const rupturesByType: Record<RuptureTypeId, number> = { withdrawal: 0, confrontation: 0 };
  const outcomes = emptyOutcomeCounts();
  const minutesToRepair: number[] = [];
  let salienceSum = 0;
  let salienceCount = 0;
  const ruptures = note?.ruptures ?? [];
  for (const r of ruptures) {
    rupturesByType[r.type] += 1;
    countOutcome(outcomes, r.outcome);
    if (r.salience !== null) {
      salienceSum += r.salience;
      salienceCount += 1;
    }
    const minutes = minutesToRepairOf(r);
    if (minutes !== null) minutesToRepair.push(minutes);
  }
  const total = feedbackTotal(note?.feedback);
  return {
    sessionId: session.id,
    startsAt: session.startsAt,
    attendance: session.attendance,
    noteId: note?.id ?? null,
    rupturesByType,
    ruptureCount: ruptures.length,
    meanSalience: salienceCount === 0 ? null : salienceSum / salienceCount,
    outcomes,
    minutesToRepair,
    ratings: note ? { ...note.ratings } : noRatings(),
    unrated: unratedOf(note),
    participation: note ? { ...note.participation } : null,
    feedbackTotal: total,
    belowConcernLine: total === null ? null : total < concernLine,
  };
}
