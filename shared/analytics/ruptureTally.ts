/**
 * A running tally over ruptures, filled in one pass and shared by the client and caseload
 * metrics, and the ranked views read from it: dimensions preceding ruptures, marker
 * frequencies and strategy outcomes.
 */

import { compareText } from '../compareText';
import { type DimensionId, dimensionById, dimensionIds } from '../domain/dimensions';
import {
  type RuptureTypeId,
  resolutionStrategies,
  type StrategyGroupId,
  strategyGroupIds,
} from '../domain/ruptures';
import type { RuptureSummary } from '../summaries/noteSummary';
import { countOutcome, emptyOutcomeCounts, type OutcomeCounts, repairRate } from './repairRate';

/** Counts gathered over a set of ruptures. */
export interface RuptureTally {
  ruptures: number;
  byType: Record<RuptureTypeId, number>;
  outcomes: OutcomeCounts;
  /** How many ruptures followed a lapse of each dimension. */
  lapses: Record<DimensionId, number>;
  markers: Map<string, number>;
  strategies: Map<string, OutcomeCounts>;
  /** Outcomes of the ruptures that used at least one strategy of each group (each rupture once per group). */
  strategyGroups: Record<StrategyTallyGroup, OutcomeCounts>;
  /** Minutes from rupture to repair, for ruptures with both minutes noted and not left unresolved. */
  minutesToRepair: number[];
}

/** How often a dimension's lapse preceded a rupture. */
export interface DimensionPrecedence {
  dimension: DimensionId;
  label: string;
  count: number;
  /** Share of all ruptures, null when there are none; shares can sum past 1, as a rupture may follow several lapses. */
  share: number | null;
}

/** How often a marker was recorded. */
export interface MarkerFrequency {
  marker: string;
  count: number;
}

/** A strategy's 3RS group, or 'own' for a strategy the user added (it carries none). */
export type StrategyTallyGroup = StrategyGroupId | 'own';

/** The groups in the order charts show them. */
export const strategyTallyGroups: readonly StrategyTallyGroup[] = [...strategyGroupIds, 'own'];

// The default strategies carry their group; a user-added id is looked up and not found.
const groupOfDefault = new Map(resolutionStrategies.map((s) => [s.id, s.group]));

/** The group a strategy id is counted under. */
export function strategyTallyGroup(strategyId: string): StrategyTallyGroup {
  return groupOfDefault.get(strategyId) ?? 'own';
}

/** How ruptures ended when a strategy of a group was used. */
export interface StrategyGroupOutcome extends OutcomeCounts {
  group: StrategyTallyGroup;
  /** Ruptures in which the group's strategies were used (once each, however many of them). */
  ruptures: number;
  /** (resolved + 0.5 × partial) ÷ those ruptures with an outcome; null when none has one. */
  successRate: number | null;
}

/** How ruptures ended when a strategy was used. */
export interface StrategyOutcome extends OutcomeCounts {
  strategy: string;
  /** Ruptures the strategy was used in, with or without an outcome recorded. */
  uses: number;
  /** (resolved + 0.5 × partial) ÷ uses with an outcome; null when none has one. */
  successRate: number | null;
}

/** An empty tally. */
export function createRuptureTally(): RuptureTally {
  return {
    ruptures: 0,
    byType: { withdrawal: 0, confrontation: 0 },
    outcomes: emptyOutcomeCounts(),
    lapses: Object.fromEntries(dimensionIds.map((d) => [d, 0])) as Record<DimensionId, number>,
    markers: new Map(),
    strategies: new Map(),
    strategyGroups: {
      immediate: emptyOutcomeCounts(),
      exploratory: emptyOutcomeCounts(),
      own: emptyOutcomeCounts(),
    },
    minutesToRepair: [],
  };
}

/**
 * The minutes from rupture to repair, or null unless both are noted (and in order). A rupture left
 * unresolved was not repaired: a minute noted for the attempt is no time to repair.
 */
export function minutesToRepairOf(
  rupture: Pick<RuptureSummary, 'minute' | 'repairMinute' | 'outcome'>,
): number | null {
  const { minute, repairMinute } = rupture;
  if (rupture.outcome === 'unresolved') return null;
  // The note schema rejects a repair before the rupture; such data is skipped, not counted negative.
  if (minute === null || repairMinute === null || repairMinute < minute) return null;
  return repairMinute - minute;
}

/** Adds one rupture to the tally. */
export function tallyRupture(tally: RuptureTally, rupture: RuptureSummary): void {
  tally.ruptures += 1;
  tally.byType[rupture.type] += 1;
  countOutcome(tally.outcomes, rupture.outcome);
  for (const d of rupture.followedLapseOf) tally.lapses[d] += 1;
  for (const m of rupture.markers) tally.markers.set(m, (tally.markers.get(m) ?? 0) + 1);
  for (const s of rupture.strategies) {
    let counts = tally.strategies.get(s);
    if (!counts) {
      counts = emptyOutcomeCounts();
      tally.strategies.set(s, counts);
    }
    countOutcome(counts, rupture.outcome);
  }
  for (const group of new Set(rupture.strategies.map(strategyTallyGroup))) {
    countOutcome(tally.strategyGroups[group], rupture.outcome);
  }
  const minutes = minutesToRepairOf(rupture);
  if (minutes !== null) tally.minutesToRepair.push(minutes);
}

/** All five dimensions by how many ruptures followed their lapse, most first (ties in display order). */
export function dimensionsPrecedingRuptures(tally: RuptureTally): DimensionPrecedence[] {
  // Array.prototype.sort is stable, so equal counts keep dimensionIds order.
  return dimensionIds
    .map((dimension) => ({
      dimension,
      label: dimensionById(dimension).label,
      count: tally.lapses[dimension],
      share: tally.ruptures === 0 ? null : tally.lapses[dimension] / tally.ruptures,
    }))
    .sort((a, b) => b.count - a.count);
}

/** The markers recorded, most frequent first (ties by id). */
export function markerFrequencies(tally: RuptureTally): MarkerFrequency[] {
  return [...tally.markers]
    .map(([marker, count]) => ({ marker, count }))
    .sort((a, b) => b.count - a.count || compareText(a.marker, b.marker));
}

/** The strategies used, with their outcomes and success rate, most used first (ties by id). */
export function strategyOutcomes(tally: RuptureTally): StrategyOutcome[] {
  return [...tally.strategies]
    .map(([strategy, counts]) => ({
      strategy,
      uses: counts.resolved + counts.partial + counts.unresolved + counts.unrated,
      ...counts,
      successRate: repairRate(counts),
    }))
    .sort((a, b) => b.uses - a.uses || compareText(a.strategy, b.strategy));
}

/**
 * Immediate against exploratory repair (the Alliance-Focused Training split), and the user's own
 * strategies: each group's ruptures and how they ended. Groups never used are left out.
 */
export function strategyGroupOutcomes(tally: RuptureTally): StrategyGroupOutcome[] {
  return strategyTallyGroups
    .map((group) => {
      const counts = tally.strategyGroups[group];
      return {
        group,
        ruptures: counts.resolved + counts.partial + counts.unresolved + counts.unrated,
        ...counts,
        successRate: repairRate(counts),
      };
    })
    .filter((g) => g.ruptures > 0);
}
