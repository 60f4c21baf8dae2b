/** Chart rows from the caseload metrics, with vocabulary labels (the user's additions included). */
import type { CaseloadMetrics, MonthMetrics } from '../../../../shared/analytics/caseloadMetrics';
import { countingMinute } from '../../../../shared/analytics/clientMetrics';
import { calendarDate, type DateRange, inRange, instantOf } from '../../../../shared/analytics/dateRange';
import {
  type AnalyticsSession,
  notesBySession,
  sessionStanding,
} from '../../../../shared/analytics/notesBySession';
import { type StrategyTallyGroup, strategyTallyGroup } from '../../../../shared/analytics/ruptureTally';
import type { DimensionId } from '../../../../shared/domain/dimensions';
import { dimensionById } from '../../../../shared/domain/dimensions';
import {
  ownStrategiesLabel,
  type RuptureTypeId,
  type RuptureVocabulary,
  strategyGroups,
} from '../../../../shared/domain/ruptures';
import type { NoteSummary } from '../../../../shared/summaries/noteSummary';
import { formatMonth } from '../../format/dates';
import type { MonthNoteRow } from './MonthNotes';

export type MonthRow = {
  index: number;
  month: string;
  label: string;
  sessions: number;
  notes: number;
  ruptures: number;
  repairRate: number | null;
} & Record<DimensionId, number | null>;

export interface PrecedingRow {
  dimension: DimensionId;
  label: string;
  shortLabel: string;
  count: number;
  share: number | null;
}

export interface StrategyRow {
  id: string;
  label: string;
  /** "Immediate", "Exploratory" or "Your own strategies". */
  group: string;
  uses: number;
  resolved: number;
  partial: number;
  unresolved: number;
  unrated: number;
  successRate: number | null;
  /** successRate × 100 for the bar; null draws no bar. */
  successPct: number | null;
  /** Shown at the end of the bar. */
  barLabel: string;
}

export type MarkerType = RuptureTypeId | 'other';

export interface MarkerRow {
  id: string;
  label: string;
  type: MarkerType;
  count: number;
}

export function monthRows(months: readonly MonthMetrics[]): MonthRow[] {
  return months.map((m, index) => ({
    index,
    month: m.month,
    label: formatMonth(m.month),
    sessions: m.sessions,
    notes: m.notes,
    ruptures: m.ruptures,
    repairRate: m.repairRate,
    ...m.dimensionMeans,
  }));
}

export function precedingRows(metrics: CaseloadMetrics): PrecedingRow[] {
  return metrics.dimensionsPrecedingRuptures.map((p) => ({
    dimension: p.dimension,
    label: p.label,
    shortLabel: dimensionById(p.dimension).shortLabel,
    count: p.count,
    share: p.share,
  }));
}

export function strategyRows(metrics: CaseloadMetrics, vocabulary: RuptureVocabulary): StrategyRow[] {
  const labels = new Map(vocabulary.strategies.map((s) => [s.id, s.label]));
  return metrics.strategyOutcomes.map((s) => ({
    id: s.strategy,
    label: labels.get(s.strategy) ?? s.strategy,
    group: strategyGroupLabel(strategyTallyGroup(s.strategy)),
    uses: s.uses,
    resolved: s.resolved,
    partial: s.partial,
    unresolved: s.unresolved,
    unrated: s.unrated,
    successRate: s.successRate,
    successPct: s.successRate === null ? null : s.successRate * 100,
    barLabel:
      `${s.successRate === null ? 'no outcome recorded' : `${Math.round(s.successRate * 100)}%`} · ` +
      `${s.uses} ${s.uses === 1 ? 'use' : 'uses'}`,
  }));
}

/** One strategy group's bar: its ruptures and how they ended. */
export interface StrategyGroupRow {
  id: StrategyTallyGroup;
  label: string;
  ruptures: number;
  resolved: number;
  partial: number;
  unresolved: number;
  unrated: number;
  successRate: number | null;
  successPct: number | null;
  barLabel: string;
}

/** "Immediate", "Exploratory", or "Your own strategies". */
export function strategyGroupLabel(group: StrategyTallyGroup): string {
  return group === 'own' ? ownStrategiesLabel : (strategyGroups.find((g) => g.id === group)?.label ?? group);
}

/** The strategy groups as bars (immediate, exploratory, the user's own), groups never used left out. */
export function strategyGroupRows(
  metrics: Pick<CaseloadMetrics, 'strategyGroupOutcomes'>,
): StrategyGroupRow[] {
  return metrics.strategyGroupOutcomes.map((g) => ({
    id: g.group,
    label: strategyGroupLabel(g.group),
    ruptures: g.ruptures,
    resolved: g.resolved,
    partial: g.partial,
    unresolved: g.unresolved,
    unrated: g.unrated,
    successRate: g.successRate,
    successPct: g.successRate === null ? null : g.successRate * 100,
    barLabel:
      `${g.successRate === null ? 'no outcome recorded' : `${Math.round(g.successRate * 100)}%`} · ` +
      `${g.ruptures} ${g.ruptures === 1 ? 'rupture' : 'ruptures'}`,
  }));
}

export function markerRows(metrics: CaseloadMetrics, vocabulary: RuptureVocabulary): MarkerRow[] {
  const known = new Map(vocabulary.markers.map((m) => [m.id, m]));
  return metrics.markerFrequencies.map((f) => {
    const marker = known.get(f.marker);
    const type: MarkerType = marker?.type ?? 'other';
    return {
      id: f.marker,
      label: marker?.label ?? f.marker,
      type,
      count: f.count,
    };
  });
}

/**
 * The sessions of one month (yyyy-mm) within the range, in time order, with their notes' state:
 * those the month's figures count, that took place by `now` (cancelled, missed and still to come
 * left out, as in caseloadMetrics).
 */
export function monthNoteRows(
  sessions: readonly AnalyticsSession[],
  notes: readonly NoteSummary[],
  clientCodes: ReadonlyMap<string, string>,
  month: string,
  range: DateRange,
  now: string = countingMinute(),
): MonthNoteRow[] {
  const noteOf = notesBySession(notes);
  const nowMs = Date.parse(now);
  return sessions
    .filter((s) => {
      const date = calendarDate(s.startsAt);
      return (
        date.startsWith(month) &&
        inRange(date, range) &&
        sessionStanding(s, noteOf.get(s.id), nowMs) === 'held'
      );
    })
    .sort((a, b) => instantOf(a.startsAt) - instantOf(b.startsAt))
    .map((s) => {
      const note = noteOf.get(s.id);
      return {
        sessionId: s.id,
        date: calendarDate(s.startsAt),
        clientCode: clientCodes.get(s.clientId) ?? s.clientId,
        noteId: note?.id ?? null,
        ruptures: note?.ruptures.length ?? 0,
        status: note ? (note.status === 'signed' ? 'Signed' : 'Draft') : 'No note',
      };
    });
}
