/**
 * Reliable change (Jacobson & Truax 1991, J Consult Clin Psychol 59:12–19): a change is reliable
 * when it is larger than measurement error would make it 95% of the time.
 * RCI = change / SD_diff, SD_diff = SD·√2·√(1 − r) (SD of the pre-treatment scores, r the test–
 * retest reliability); |RCI| > 1.96 is reliable. The instruments carry the published threshold in
 * points (the smallest change with |RCI| > 1.96), which is what the app compares against.
 */
import type { Instrument } from './instrument';

/** The z value of a 95% two-sided interval. */
export const RCI_CRITICAL = 1.96;

/** The standard error of the difference of two scores, from the norms' SD and reliability r. */
export function sdDiff(sd: number, reliability: number): number {
  return sd * Math.SQRT2 * Math.sqrt(1 - reliability);
}

/** The reliable change index of a change in total. */
export function reliableChangeIndex(change: number, sd: number, reliability: number): number {
  return change / sdDiff(sd, reliability);
}

/** The smallest change in points that is reliable, from the norms' SD and reliability. */
export function reliableChangeThreshold(sd: number, reliability: number): number {
  return RCI_CRITICAL * sdDiff(sd, reliability);
}

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
