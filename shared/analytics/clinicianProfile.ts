/** The clinician's own attunement profile: mean rating per dimension, and the weakest one named. */
import { type DimensionId, dimensionById, dimensionIds } from '../domain/dimensions';
import type { NoteSummary } from '../summaries/noteSummary';

/** Running sums of ratings per dimension, and how often each was left unrated, by reason. */
export interface RatingSums {
  sum: Record<DimensionId, number>;
  count: Record<DimensionId, number>;
  didNotComeUp: Record<DimensionId, number>;
  couldNotJudge: Record<DimensionId, number>;
}

const zeros = () => Object.fromEntries(dimensionIds.map((d) => [d, 0])) as Record<DimensionId, number>;

/** Rating sums at zero. */
export function emptyRatingSums(): RatingSums {
  return { sum: zeros(), count: zeros(), didNotComeUp: zeros(), couldNotJudge: zeros() };
}

/**
 * Adds one note's ratings to the sums; an empty rating is counted as "did not come up" when
 * `notArisen` lists the dimension, else as "could not judge".
 */
export function addRatings(
  sums: RatingSums,
  ratings: Record<DimensionId, number | null>,
  notArisen: readonly DimensionId[] = [],
): void {
  for (const d of dimensionIds) {
    const rating = ratings[d];
    if (rating === null) {
      if (notArisen.includes(d)) sums.didNotComeUp[d] += 1;
      else sums.couldNotJudge[d] += 1;
      continue;
    }
    sums.sum[d] += rating;
    sums.count[d] += 1;
  }
}

/** The mean rating per dimension; null for a dimension never rated. */
export function ratingMeans(sums: RatingSums): Record<DimensionId, number | null> {
  return Object.fromEntries(
    dimensionIds.map((d) => [d, sums.count[d] === 0 ? null : sums.sum[d] / sums.count[d]]),
  ) as Record<DimensionId, number | null>;
}

/** The dimension with the lowest mean. */
export interface WeakestDimension {
  dimension: DimensionId;
  label: string;
  mean: number;
}

/** The clinician's profile across notes. */
export interface ClinicianProfile {
  /** Mean rating per dimension over the notes that rated it; null if none did. */
  means: Record<DimensionId, number | null>;
  /** How many notes rated each dimension. */
  rated: Record<DimensionId, number>;
  /** How many notes marked each dimension "Did not come up". */
  didNotComeUp: Record<DimensionId, number>;
  /** How many notes marked each dimension "Could not judge". */
  couldNotJudge: Record<DimensionId, number>;
  /** The lowest mean, ties going to the dimension shown first; null when nothing was rated. */
  weakest: WeakestDimension | null;
}

/** The profile from accumulated rating sums. */
export function profileFromSums(sums: RatingSums): ClinicianProfile {
  const means = ratingMeans(sums);
  let weakest: WeakestDimension | null = null;
  for (const d of dimensionIds) {
    const m = means[d];
    // Strictly lower only, so a tie keeps the earlier dimension in display order.
    if (m !== null && (weakest === null || m < weakest.mean)) {
      weakest = { dimension: d, label: dimensionById(d).label, mean: m };
    }
  }
  return {
    means,
    rated: { ...sums.count },
    didNotComeUp: { ...sums.didNotComeUp },
    couldNotJudge: { ...sums.couldNotJudge },
    weakest,
  };
}

/** The clinician's profile over these notes. */
export function clinicianProfile(
  notes: Iterable<Pick<NoteSummary, 'ratings' | 'notArisen'>>,
): ClinicianProfile {
  const sums = emptyRatingSums();
  for (const note of notes) addRatings(sums, note.ratings, note.notArisen);
  return profileFromSums(sums);
}
