/** A short plain-text summary of a report, for `attune report` without --json. */
import type { CaseloadCounts } from '../../../shared/analytics/caseloadMetrics';
import {
  agreementSentence,
  caseloadParticipationSentence,
  episodeSentence,
  outcomeSourceSentence,
  participationSentence,
} from '../../../shared/analytics/mirrorWords';
import type { OutcomeCounts } from '../../../shared/analytics/repairRate';
import { type DimensionId, dimensionById, dimensionIds } from '../../../shared/domain/dimensions';
import { plural } from '../../../shared/plural';
import type { Report, ReportRange } from './buildReport';

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);
const percent = (rate: number | null) => (rate === null ? 'n/a' : `${Math.round(rate * 100)}%`);
const minutes = (m: number | null) => (m === null ? 'n/a' : `${Math.round(m * 10) / 10} min`);

function rangeText(range: ReportRange): string {
  if (range.from && range.to) return `from ${range.from} to ${range.to}`;
  if (range.from) return `since ${range.from}`;
  if (range.to) return `until ${range.to}`;
  return 'all dates';
}

function outcomeText(o: OutcomeCounts): string {
  return `${o.resolved} resolved, ${o.partial} partial, ${o.unresolved} unresolved, ${o.unrated} without an outcome`;
}

function ruptureLines(
  c: Pick<CaseloadCounts, 'ruptures' | 'rupturesByType' | 'outcomes' | 'ruptureRate' | 'repairRate'>,
  median: number | null,
): string[] {
  const rate = c.ruptureRate === null ? 'n/a' : c.ruptureRate.toFixed(2);
  return [
    `Ruptures: ${c.ruptures} (${c.rupturesByType.withdrawal} withdrawal, ${c.rupturesByType.confrontation} confrontation); ${rate} per noted session`,
    `Repairs: ${outcomeText(c.outcomes)}`,
    `Repair rate: ${percent(c.repairRate)} · median time to repair: ${minutes(median)}`,
  ];
}

/** "Affective 3.4 · Cognitive 3.1 …", then the weakest dimension. */
function dimensionLines(
  means: Record<DimensionId, number | null>,
  weakest: { dimension: DimensionId; mean: number } | null,
  title: string,
): string[] {
  const parts = dimensionIds.map((d) => {
    const mean = means[d];
    return `${dimensionById(d).shortLabel} ${mean === null ? 'n/a' : oneDecimal(mean)}`;
  });
  return [
    `${title}: ${parts.join(' · ')}`,
    weakest === null
      ? 'Weakest dimension: none rated'
      : `Weakest dimension: ${dimensionById(weakest.dimension).label} (${oneDecimal(weakest.mean)})`,
  ];
}

/** The lowest mean, ties going to the dimension shown first (the clinician profile's rule). */
function weakestOf(
  means: Record<DimensionId, number | null>,
): { dimension: DimensionId; mean: number } | null {
  let weakest: { dimension: DimensionId; mean: number } | null = null;
  for (const dimension of dimensionIds) {
    const mean = means[dimension];
    if (mean !== null && (weakest === null || mean < weakest.mean)) weakest = { dimension, mean };
  }
  return weakest;
}

/** The report as a few lines of text: no names, no note text, as in the JSON. */
export function formatReport(report: Report): string[] {
  if (report.kind === 'client') {
    const { client, metrics: m } = report;
    const means = Object.fromEntries(dimensionIds.map((d) => [d, m.dimensionTrends[d].mean])) as Record<
      DimensionId,
      number | null
    >;
    const below = m.feedback.filter((f) => f.belowConcernLine).length;
    return [
      `Client ${client.code} (${client.status}, since ${client.startDate}), ${rangeText(report.range)}`,
      `Sessions: ${m.sessionCount} (${m.notedSessionCount} with a note)`,
      ...ruptureLines(
        {
          ruptures: m.ruptureCount,
          rupturesByType: m.rupturesByType,
          outcomes: m.outcomes,
          ruptureRate: m.ruptureRatePerSession,
          repairRate: m.repairRate,
        },
        m.medianMinutesToRepair,
      ),
      ...dimensionLines(means, weakestOf(means), 'Attunement means'),
      `Feedback: ${plural(m.feedback.length, 'complete total')}, ${below} below the concern line of ${m.concernLine}`,
      `Mirror: ${outcomeSourceSentence(report.mirror.outcomeSource)}`,
      `  ${episodeSentence(report.mirror.episodeGroups)}`,
      `  ${agreementSentence(report.mirror.agreement)}`,
      `  ${participationSentence(report.mirror.participationHalves)}`,
    ];
  }
  const { metrics: m } = report;
  return [
    `Caseload, ${rangeText(report.range)}: ${plural(report.clients, 'client')} in the vault, ${m.clients} with sessions in range`,
    `Sessions: ${m.totals.sessions} (${m.totals.notes} with a note) over ${plural(m.months.length, 'month')}`,
    ...ruptureLines(m.totals, m.medianMinutesToRepair),
    ...dimensionLines(m.clinicianProfile.means, m.clinicianProfile.weakest, 'Your attunement means'),
    `Mirror: ${outcomeSourceSentence(report.mirror.outcomeSources)}`,
    `  ${episodeSentence(report.mirror.episodeGroups)}`,
    `  ${agreementSentence(report.mirror.agreement)}`,
    `  ${caseloadParticipationSentence(report.mirror.participationHalves)}`,
  ];
}
