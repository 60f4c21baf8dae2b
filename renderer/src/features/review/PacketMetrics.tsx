import { useId } from 'react';
import type { ClientMetrics } from '../../../../shared/analytics/clientMetrics';
import { dimensions } from '../../../../shared/domain/dimensions';
import { participationItems } from '../../../../shared/domain/participation';
import { unratedCounts } from '../charts/caseloadSummaries';
import { mean1, percent, plural } from '../charts/chartFormat';
import { Heading } from './Heading';

/**
 * The case's summary metrics, computed from the packet by the same shared analytics as the
 * clinician's own charts: sessions, ruptures and their repair, attunement means, participation
 * and feedback.
 */
export function PacketMetrics({ metrics: m, level }: { metrics: ClientMetrics; level: number }) {
  const headingId = useId();
  const belowLine = m.feedback.filter((f) => f.belowConcernLine).length;
  const rows: Array<[string, string]> = [
    ['Sessions', `${m.sessionCount} (${m.notedSessionCount} with notes)`],
    [
      'Ruptures',
      `${m.ruptureCount} (${m.rupturesByType.withdrawal} withdrawal, ${m.rupturesByType.confrontation} confrontation)` +
        (m.ruptureRatePerSession === null ? '' : `, ${m.ruptureRatePerSession.toFixed(1)} per noted session`),
    ],
    [
      'Outcomes',
      `${m.outcomes.resolved} resolved, ${m.outcomes.partial} partially resolved, ${m.outcomes.unresolved} unresolved` +
        (m.outcomes.unrated > 0 ? `, ${m.outcomes.unrated} not recorded` : ''),
    ],
    ['Repair rate', percent(m.repairRate)],
    [
      'Median time to repair',
      m.medianMinutesToRepair === null ? '—' : plural(m.medianMinutesToRepair, 'minute'),
    ],
    ...dimensions.map((d): [string, string] => {
      const trend = m.dimensionTrends[d.id];
      return [
        `${d.label}, mean`,
        `${mean1(trend.mean)} (${plural(trend.rated, 'rated session')}${unratedCounts(trend.didNotComeUp, trend.couldNotJudge)})`,
      ];
    }),
    ...participationItems.map((item): [string, string] => {
      const rate = m.participationRates[item.id];
      return [item.label, `${plural(rate.sessions, 'session')} (${percent(rate.rate)} of noted sessions)`];
    }),
    [
      'Session feedback',
      `${plural(m.feedback.length, 'complete score')}, ${belowLine} below the concern line (${m.concernLine})`,
    ],
  ];
  return (
    <section className="packet-metrics" aria-labelledby={headingId}>
      <Heading level={level} id={headingId}>
        Summary metrics
      </Heading>
      <dl className="packet-fields metrics">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
