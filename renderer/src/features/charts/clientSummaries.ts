/** The text summaries of a client's charts: what a screen reader hears and the figure caption says. */
import type { ClientMetrics } from '../../../../shared/analytics/clientMetrics';
import type { Calendar } from '../../../../shared/analytics/dateRange';
import type { DimensionTrend } from '../../../../shared/analytics/dimensionTrends';
import type { SessionMetrics } from '../../../../shared/analytics/sessionMetrics';
import { dimensions } from '../../../../shared/domain/dimensions';
import { formatDate } from '../../format/dates';
import { noSessionsHeld, notCounted, unratedCounts, unratedReasons } from './caseloadSummaries';
import { mean1, percent, plural, sessionDate } from './chartFormat';
import type { FeedbackRow, ProfileRow } from './clientChartRows';

/**
 * "12 sessions (10 with notes; 2 cancelled or missed not counted), 9 ruptures (6 withdrawal, 3
 * confrontation) … repair rate 72% …".
 */
export function timelineSummary(m: ClientMetrics, range: string): string {
  if (m.sessionCount === 0) return noSessionsHeld(m.sessionsNotHeld, range);
  const parts = [
    `${plural(m.sessionCount, 'session')}${range} (${m.notedSessionCount} with notes${notCounted(m.sessionsNotHeld)}), ` +
      `${plural(m.ruptureCount, 'rupture')} (${m.rupturesByType.withdrawal} withdrawal, ` +
      `${m.rupturesByType.confrontation} confrontation)` +
      (m.ruptureRatePerSession === null ? '.' : `, ${m.ruptureRatePerSession.toFixed(1)} per noted session.`),
  ];
  if (m.ruptureCount > 0) {
    const o = m.outcomes;
    const latest = m.rollingRepairRate[m.rollingRepairRate.length - 1]?.value ?? null;
    parts.push(
      `Outcomes: ${o.resolved} resolved, ${o.partial} partially resolved, ${o.unresolved} unresolved` +
        (o.unrated > 0 ? `, ${o.unrated} not recorded` : '') +
        `; repair rate ${percent(m.repairRate)}` +
        (latest === null
          ? `; none with an outcome in the last ${m.repairWindow} sessions.`
          : `; ${percent(latest)} over the last ${m.repairWindow} sessions.`),
    );
    if (m.medianMinutesToRepair !== null) {
      parts.push(`Median time to repair: ${plural(m.medianMinutesToRepair, 'minute')}.`);
    }
  }
  return parts.join(' ');
}

function trendWord(t: DimensionTrend, sessions: number): string {
  if (t.slope === null) return '';
  // The change across the whole range, so a long series with a tiny slope still reads as steady.
  const change = t.slope * Math.max(1, sessions - 1);
  return Math.abs(change) < 0.25 ? ', steady' : change > 0 ? ', rising' : ', falling';
}

/** "Mean ratings over 12 sessions: Affective attunement 3.8 (10 rated, rising), …". */
export function trendsSummary(m: ClientMetrics, range: string): string {
  if (m.sessionCount === 0) return `No sessions${range}.`;
  const rated = dimensions.map((d) => m.dimensionTrends[d.id]).filter((t) => t.rated > 0);
  if (rated.length === 0) return `No ratings in ${plural(m.sessionCount, 'session')}${range}.`;
  const items = rated.map(
    (t) =>
      `${t.label} ${mean1(t.mean)} (${t.rated} rated${trendWord(t, m.sessionCount)}` +
      `${unratedCounts(t.didNotComeUp, t.couldNotJudge)})`,
  );
  const unrated = dimensions
    .map((d) => m.dimensionTrends[d.id])
    .filter((t) => t.rated === 0)
    .map((t) => {
      const why = unratedReasons(t.didNotComeUp, t.couldNotJudge);
      return why ? `${t.label} (${why})` : t.label;
    });
  return (
    `Mean ratings over ${plural(m.sessionCount, 'session')}${range}: ${items.join(', ')}.` +
    (unrated.length > 0 ? ` Never rated: ${unrated.join(', ')}.` : '')
  );
}

/** "Session of 2026-03-04 against the client's average: Affective 4 (average 3.8), … Lowest: …". */
export function profileSummary(
  session: SessionMetrics | undefined,
  rows: readonly ProfileRow[],
  calendar?: Calendar,
): string {
  if (!session) return 'No session in this range has attunement ratings.';
  const items = rows.map(
    // Without a rating, the reason the note gives (“Did not come up”, “Could not judge”), quoted.
    (r) =>
      `${r.shortLabel} ${r.session === null ? `“${r.sessionUnrated}”` : r.session} (average ${mean1(r.average)})`,
  );
  let lowest: ProfileRow | null = null;
  for (const r of rows)
    if (r.session !== null && (lowest === null || r.session < lowest.session!)) lowest = r;
  return (
    `Session of ${formatDate(sessionDate(session.startsAt, calendar))} against the client's average: ${items.join(', ')}.` +
    (lowest ? ` Lowest in this session: ${lowest.label} (${lowest.session}).` : '')
  );
}

/** "8 sessions with complete feedback, mean total 35.2 of 40; latest 34 on …; 3 below the concern line of 36." */
export function feedbackSummary(rows: readonly FeedbackRow[], concernLine: number, range: string): string {
  const last = rows[rows.length - 1];
  if (!last) return `No session${range} has complete client feedback.`;
  const meanTotal = rows.reduce((sum, r) => sum + r.total, 0) / rows.length;
  const below = rows.filter((r) => r.below).length;
  return (
    `${plural(rows.length, 'session')} with complete feedback${range}, mean total ${meanTotal.toFixed(1)} of 40; ` +
    `latest ${last.total} on ${formatDate(last.date)}; ${below} below the concern line of ${concernLine}.`
  );
}
