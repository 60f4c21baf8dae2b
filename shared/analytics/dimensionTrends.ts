/** Each attunement dimension over a client's sessions: the series, its mean and its trend. */
import { type DimensionId, dimensionById, dimensionIds, type UnratedReason } from '../domain/dimensions';
import type { SessionMetrics } from './sessionMetrics';
import { leastSquaresSlope, type Point } from './statistics';

/** One session's rating of one dimension. */
export interface TrendPoint {
  sessionId: string;
  startsAt: string;
  /** The 1–5 rating; null when not rated ("Did not come up", "Could not judge") or when the session has no note. */
  rating: number | null;
  /** Why there is no rating: null when rated or when the session has no note. */
  unrated: UnratedReason | null;
}

/** One dimension across sessions. */
export interface DimensionTrend {
  dimension: DimensionId;
  label: string;
  /** One point per session, in session order. */
  points: TrendPoint[];
  /** How many sessions rated the dimension. */
  rated: number;
  /** Noted sessions in which the dimension did not come up. */
  didNotComeUp: number;
  /** Noted sessions in which it came up but could not be judged. */
  couldNotJudge: number;
  /** Mean over rated sessions; null if none. */
  mean: number | null;
  /**
   * Change in rating per session: the least-squares slope over rated points, with x the
   * session's position in the series (gaps keep their place); null with fewer than two rated.
   */
  slope: number | null;
}

/** The five dimension trends over sessions given in order. */
export function dimensionTrends(sessions: readonly SessionMetrics[]): Record<DimensionId, DimensionTrend> {
  const trends = {} as Record<DimensionId, DimensionTrend>;
  for (const dimension of dimensionIds) {
    const points: TrendPoint[] = [];
    const rated: Point[] = [];
    let sum = 0;
    const unratedCounts: Record<UnratedReason, number> = { 'did-not-come-up': 0, 'could-not-judge': 0 };
    sessions.forEach((s, x) => {
      const rating = s.ratings[dimension];
      const unrated = s.unrated[dimension];
      if (unrated !== null) unratedCounts[unrated] += 1;
      points.push({ sessionId: s.sessionId, startsAt: s.startsAt, rating, unrated });
      if (rating !== null) {
        rated.push({ x, y: rating });
        sum += rating;
      }
    });
    trends[dimension] = {
      dimension,
      label: dimensionById(dimension).label,
      points,
      rated: rated.length,
      didNotComeUp: unratedCounts['did-not-come-up'],
      couldNotJudge: unratedCounts['could-not-judge'],
      mean: rated.length === 0 ? null : sum / rated.length,
      slope: leastSquaresSlope(rated),
    };
  }
  return trends;
}
