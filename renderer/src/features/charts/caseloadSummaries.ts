/** The text summaries of the caseload page's charts. */
import type { CaseloadMetrics } from '../../../../shared/analytics/caseloadMetrics';
import { dimensions, type UnratedReason, unratedChoice } from '../../../../shared/domain/dimensions';
import type { MarkerRow, MonthRow, PrecedingRow, StrategyRow } from './caseloadRows';
import { count, mean1, percent, plural } from './chartFormat';

/** "; 2 cancelled or missed not counted": the sessions the counts leave out, as the client's header does. */
export function notCounted(notHeld: number): string {
  return notHeld === 0 ? '' : `; ${count(notHeld)} cancelled or missed not counted`;
}

/** "No sessions in this range." or, when only sessions that did not take place are, "No sessions held (2 cancelled or missed)." */
export function noSessionsHeld(notHeld: number, range: string): string {
  return notHeld === 0
    ? `No sessions${range}.`
    : `No sessions held${range} (${count(notHeld)} cancelled or missed).`;
}

/**
 * What the caseload says when no session in the range took place. Over all dates, choosing other
 * dates cannot help: none has taken place yet (the booked ones are still to come, or were called off).
 */
export function nothingHeldSummary(notHeld: number, range: string): string {
  if (range !== '') return `${noSessionsHeld(notHeld, range)} Choose other dates above.`;
  return notHeld === 0
    ? 'No session has taken place yet. The charts appear here once one has and its note is written.'
    : `No session has taken place yet (${count(notHeld)} cancelled or missed). The charts appear here once one has and its note is written.`;
}

/**
 * "320 sessions (300 with notes; 12 cancelled or missed not counted) across 24 clients; 210
 * ruptures, 0.7 per noted session; repair rate 68% …".
 */
export function overviewSummary(m: CaseloadMetrics, range: string): string {
  const t = m.totals;
  if (t.sessions === 0) return noSessionsHeld(m.sessionsNotHeld, range);
  return (
    `${plural(t.sessions, 'session')}${range} (${count(t.notes)} with notes${notCounted(m.sessionsNotHeld)}) across ` +
    `${plural(m.clients, 'client')}; ${plural(t.ruptures, 'rupture')}` +
    (t.ruptureRate === null ? '' : `, ${t.ruptureRate.toFixed(1)} per noted session`) +
    (t.repairRate === null ? '' : `; repair rate ${percent(t.repairRate)}`) +
    (m.medianMinutesToRepair === null
      ? '.'
      : `; median time to repair ${plural(m.medianMinutesToRepair, 'minute')}.`)
  );
}

/** "The weakest dimension in this range: Rhythmic attunement (mean 2.8)" as the clinician reads it. */
export function profileSentence(m: CaseloadMetrics): string {
  const weakest = m.clinicianProfile.weakest;
  if (!weakest) return 'No attunement ratings in this range yet.';
  return `Your weakest dimension in this range: ${weakest.label} (mean ${mean1(weakest.mean)})`;
}

/** Mean ratings by month, the overall means, and the lowest monthly mean. */
export function monthsSummary(m: CaseloadMetrics, rows: readonly MonthRow[]): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return 'No sessions in this range.';
  let lowest: { label: string; mean: number; month: string } | null = null;
  for (const row of rows) {
    for (const d of dimensions) {
      const v = row[d.id];
      if (v !== null && (lowest === null || v < lowest.mean))
        lowest = { label: d.label, mean: v, month: row.label };
    }
  }
  if (!lowest) return `No ratings from ${first.label} to ${last.label}.`;
  const unrated = rows.filter((row) => dimensions.every((d) => row[d.id] === null)).length;
  const gaps =
    unrated > 0
      ? ` ${plural(unrated, 'month')} without ratings ${unrated === 1 ? 'is a gap' : 'are gaps'} in the lines.`
      : '';
  const means = dimensions.map((d) => `${d.label} ${mean1(m.clinicianProfile.means[d.id])}`).join(', ');
  return (
    `Mean ratings by month from ${first.label} to ${last.label} (${plural(rows.length, 'month')}). ` +
    `Over the whole range: ${means}. Lowest monthly mean: ${lowest.label} ${mean1(lowest.mean)} in ${lowest.month}.` +
    gaps
  );
}

/** "Lapses noted before 210 ruptures: Rhythmic attunement 80 (38%), …". */
export function precedingSummary(m: CaseloadMetrics, rows: readonly PrecedingRow[]): string {
  if (m.totals.ruptures === 0) return 'No ruptures in this range.';
  const noted = rows.filter((r) => r.count > 0);
  if (noted.length === 0)
    return `None of the ${plural(m.totals.ruptures, 'rupture')} has a dimension lapse noted before it.`;
  return (
    `Dimension lapses noted before ${plural(m.totals.ruptures, 'rupture')}: ` +
    `${noted.map((r) => `${r.label} ${r.count} (${percent(r.share)})`).join(', ')}. ` +
    'A rupture may follow more than one lapse.'
  );
}

/** "9 strategies used; most successful: … 85% (20 uses); least successful: … 40% (12 uses)." */
export function strategiesSummary(rows: readonly StrategyRow[]): string {
  if (rows.length === 0) return 'No repair strategies recorded in this range.';
  const rated = rows.filter((r) => r.successRate !== null);
  const strategyText = (r: StrategyRow) => `${r.label} ${percent(r.successRate)} (${plural(r.uses, 'use')})`;
  let text = `${plural(rows.length, 'strategy', 'strategies')} used; most used: ${rows[0]!.label} (${plural(rows[0]!.uses, 'use')}).`;
  if (rated.length > 0) {
    const best = rated.reduce((a, b) => (b.successRate! > a.successRate! ? b : a));
    const worst = rated.reduce((a, b) => (b.successRate! < a.successRate! ? b : a));
    text += ` Most successful: ${strategyText(best)}.`;
    if (worst !== best) text += ` Least successful: ${strategyText(worst)}.`;
  }
  return `${text} Success counts resolved as 1 and partially resolved as ½.`;
}

/**
 * "did not come up in 3, could not judge in 1" (nothing when both are 0): the notes' two reasons
 * for no rating, under the labels the note offers them with (shared/domain/dimensions).
 */
export function unratedReasons(didNotComeUp: number, couldNotJudge: number): string {
  const counted: [UnratedReason, number][] = [
    ['did-not-come-up', didNotComeUp],
    ['could-not-judge', couldNotJudge],
  ];
  return counted
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${unratedChoice(reason).label.toLowerCase()} in ${n}`)
    .join(', ');
}

/** "; did not come up in 3, could not judge in 1" (nothing when both are 0), after a rated count. */
export function unratedCounts(didNotComeUp: number, couldNotJudge: number): string {
  const reasons = unratedReasons(didNotComeUp, couldNotJudge);
  return reasons ? `; ${reasons}` : '';
}

/** "14 markers recorded 150 times; most frequent: Minimal response 40, …". */
export function markersSummary(rows: readonly MarkerRow[]): string {
  if (rows.length === 0) return 'No rupture markers recorded in this range.';
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const top = rows.slice(0, 3).map((r) => `${r.label} ${r.count}`);
  return `${plural(rows.length, 'marker')} recorded ${plural(total, 'time')}; most frequent: ${top.join(', ')}.`;
}
