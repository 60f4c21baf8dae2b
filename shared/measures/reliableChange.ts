/**
 * Reliable change (Jacobson & Truax 1991, J Consult Clin Psychol 59:12–19): a change is reliable
 * when it is larger than measurement error would make it 95% of the time.
 * RCI = change / SD_diff, SD_diff = SD·√2·√(1 − r) (SD of the pre-treatment scores, r the test–
 * retest reliability); |RCI| > 1.96 is reliable. The instruments carry the published threshold in
 * points (the smallest change with |RCI| > 1.96), which is what the app compares against, so the
 * formula itself is not computed here.
 */
import type { Instrument } from './instrument';

/** How a total moved between two administrations. */
export type ChangeKind = 'reliable-improvement' | 'reliable-deterioration' | 'no-reliable-change';

/**
 * Classifies the change from `before` to `after` against the instrument's published threshold,
 * taking its direction into account (a PHQ-9 drop is an improvement, an outcome-rating drop is not).
 */
export function classifyChange(instrument: Instrument, before: number, after: number): ChangeKind {
  // Totals are sums of tenths: round away float noise before comparing with the threshold.
  const change = Math.round((after - before) * 10) / 10;
  if (Math.abs(change) < instrument.reliableChange) return 'no-reliable-change';
  const better = instrument.direction === 'higher-is-better' ? change > 0 : change < 0;
  return better ? 'reliable-improvement' : 'reliable-deterioration';
}
