/**
 * The therapist's own attunement ratings against the client's session feedback: where they agree,
 * and the self-rating blind spot (the therapist rates the session high, the client's total is low).
 */
import { type DimensionId, dimensionIds } from '../domain/dimensions';
import { round1 } from './mirrorEpisodes';

/** A mean rating at or above this reads as "you rated attunement high" (4 is "Good" on the 1–5 scale). */
export const HIGH_RATING_LINE = 4;

/**
 * - `agree-good`: you rated high and the client's total was at or above the concern line;
 * - `agree-concern`: you rated below high and the client's total was below the line;
 * - `blind-spot`: you rated high, the client's total was below the line;
 * - `client-higher`: you rated below high, the client's total was at or above the line.
 */
export type AgreementReading = 'agree-good' | 'agree-concern' | 'blind-spot' | 'client-higher';

/** The readings in the order they are shown. */
export const agreementReadings: readonly AgreementReading[] = [
  'agree-good',
  'agree-concern',
  'blind-spot',
  'client-higher',
];

/** One session with both your ratings and a complete feedback total. */
export interface AgreementPoint {
  sessionId: string;
  startsAt: string;
  noteId: string;
  /** The mean of the dimensions you rated, 1–5, to one decimal. */
  meanRating: number;
  feedbackTotal: number;
  reading: AgreementReading;
}

/** Your ratings against the client's feedback over a set of sessions. */
export interface RatingAgreement {
  highRatingLine: number;
  concernLine: number;
  /** Sessions with both a rating and a complete feedback total. */
  compared: number;
  counts: Record<AgreementReading, number>;
  /** agree-good + agree-concern. */
  agreed: number;
}

/** The mean of the rated dimensions, to one decimal; null when none is rated. */
export function meanRating(ratings: Record<DimensionId, number | null>): number | null {
  let sum = 0;
  let rated = 0;
  for (const d of dimensionIds) {
    const r = ratings[d];
    if (r !== null && r !== undefined) {
      sum += r;
      rated += 1;
    }
  }
  return rated === 0 ? null : round1(sum / rated);
}

/** How a session's mean rating and feedback total read together. */
export function agreementReading(
  meanRating: number,
  feedbackTotal: number,
  concernLine: number,
): AgreementReading {
  const high = meanRating >= HIGH_RATING_LINE;
  const low = feedbackTotal < concernLine;
  if (high) return low ? 'blind-spot' : 'agree-good';
  return low ? 'agree-concern' : 'client-higher';
}

/** Zero of each reading. */
export function emptyAgreementCounts(): Record<AgreementReading, number> {
  return { 'agree-good': 0, 'agree-concern': 0, 'blind-spot': 0, 'client-higher': 0 };
}

/** The counts of a set of points. */
export function ratingAgreement(points: Iterable<AgreementPoint>, concernLine: number): RatingAgreement {
  const counts = emptyAgreementCounts();
  let compared = 0;
  for (const p of points) {
    counts[p.reading] += 1;
    compared += 1;
  }
  return {
    highRatingLine: HIGH_RATING_LINE,
    concernLine,
    compared,
    counts,
    agreed: counts['agree-good'] + counts['agree-concern'],
  };
}
