/** Outcome counts and the repair rate they give: resolved earns 1, partial 0.5, unresolved 0. */
import { type RuptureOutcomeId, ruptureOutcomes } from '../domain/ruptures';

/** How many ruptures ended each way; `unrated` counts those with no outcome recorded yet. */
export interface OutcomeCounts {
  resolved: number;
  partial: number;
  unresolved: number;
  unrated: number;
}

// The credits come from the vocabulary so the weights live in one place.
const credit = Object.fromEntries(ruptureOutcomes.map((o) => [o.id, o.repairCredit])) as Record<
  RuptureOutcomeId,
  number
>;

/** Outcome counts at zero. */
export function emptyOutcomeCounts(): OutcomeCounts {
  return { resolved: 0, partial: 0, unresolved: 0, unrated: 0 };
}

/** Counts one rupture's outcome (null counts as unrated) into `counts`. */
export function countOutcome(counts: OutcomeCounts, outcome: RuptureOutcomeId | null): void {
  if (outcome === null) counts.unrated += 1;
  else counts[outcome] += 1;
}

/**
 * The repair rate: outcome credit over ruptures with an outcome recorded, in [0, 1]; null when
 * none has one. Unrated ruptures are left out rather than counted as failures.
 */
export function repairRate(counts: Omit<OutcomeCounts, 'unrated'> & { unrated?: number }): number | null {
  const rated = counts.resolved + counts.partial + counts.unresolved;
  if (rated === 0) return null;
  return (
    (counts.resolved * credit.resolved +
      counts.partial * credit.partial +
      counts.unresolved * credit.unresolved) /
    rated
  );
}
