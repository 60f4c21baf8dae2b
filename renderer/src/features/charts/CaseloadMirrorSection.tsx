import { useDeferredValue, useId, useMemo } from 'react';
import { countingMinute } from '../../../../shared/analytics/clientMetrics';
import type { DateRange } from '../../../../shared/analytics/dateRange';
import {
  rememberedCaseloadMirror,
  rememberedOutcomeScaleTotals,
} from '../../../../shared/analytics/mirrorMemo';
import { type CaseloadSource, useAllMeasures } from '../../data/hooks';
import { CaseloadAgreementChart, CaseloadEpisodesChart } from './CaseloadMirrorCharts';
import { CaseloadParticipationChart } from './CaseloadParticipationChart';
import './mirror.css';

/**
 * The mirror on the caseload page: outcome after resolved and not fully resolved ruptures, your ratings
 * against your clients' feedback, and participation by month. The same numbers as
 * `attune report --json` (its `mirror`).
 */
export function CaseloadMirrorSection({
  source,
  range,
  concernLine,
}: {
  source: CaseloadSource;
  range: DateRange;
  concernLine: number;
}) {
  const headingId = useId();
  // The outcome rating's totals, where clients have them: their outcome then.
  const measures = useAllMeasures();
  // Remembered by the measures' identity, so the mirror below is remembered across visits too.
  const outcomeTotals = measures ? rememberedOutcomeScaleTotals(measures) : undefined;
  // Drawn in a background render after the charts above, so it never delays them.
  const ready = useDeferredValue(true, false);
  const mirror = useMemo(
    () =>
      ready
        ? rememberedCaseloadMirror(source.sessions, source.notes, {
            range,
            concernLine,
            outcomeTotals,
            now: countingMinute(),
          })
        : null,
    [ready, source, range, concernLine, outcomeTotals],
  );
  if (!mirror) return <p className="muted">Loading the mirror…</p>;
  const props = { mirror, clientCodes: source.clientCodes };
  return (
    <section className="mirror" aria-labelledby={headingId}>
      <h2 id={headingId}>The mirror: your records beside your clients’</h2>
      <p className="muted">
        Across {mirror.clients === 1 ? '1 client' : `${mirror.clients} clients`} with sessions in this range.
        These are associations in your own records, not causes: a prompt for reflection or supervision.
      </p>
      <CaseloadEpisodesChart {...props} />
      <CaseloadAgreementChart {...props} />
      <CaseloadParticipationChart {...props} />
    </section>
  );
}
