/** The date-range filter's state: two yyyy-mm-dd strings, '' for an open end, and quick presets. */
import { type DateRange, isIsoDate } from '../../../../shared/analytics/dateRange';
import { formatDate, isoDate } from '../../format/dates';

/** What the From and To inputs hold; '' leaves that end open. */
export interface RangeInput {
  from: string;
  to: string;
}

export const allDates: RangeInput = { from: '', to: '' };

/** A quick choice next to the date inputs. */
export interface RangePreset {
  label: string;
  /** Months back from today; null for all dates. */
  months: number | null;
}

export const rangePresets: readonly RangePreset[] = [
  { label: 'Last 3 months', months: 3 },
  { label: 'Last 12 months', months: 12 },
  { label: 'All dates', months: null },
];

/** The range a preset stands for, ending today. */
export function presetRange(preset: RangePreset, now: Date = new Date()): RangeInput {
  if (preset.months === null) return allDates;
  const start = new Date(now.getFullYear(), now.getMonth() - preset.months, now.getDate());
  // Month arithmetic can overflow (31 May − 3 months → 3 March); clamp to the month's last day.
  if (start.getMonth() !== (((now.getMonth() - preset.months) % 12) + 12) % 12) start.setDate(0);
  return { from: isoDate(start), to: isoDate(now) };
}

/** The analytics range for the inputs; a partly typed or malformed end counts as open. */
export function toDateRange(input: RangeInput): DateRange {
  return {
    from: isIsoDate(input.from) ? input.from : null,
    to: isIsoDate(input.to) ? input.to : null,
  };
}

/** Whether the range is backwards, so nothing can fall in it. */
export function isBackwards(input: RangeInput): boolean {
  return isIsoDate(input.from) && isIsoDate(input.to) && input.from > input.to;
}

/** In words, for summaries: " from Jan 1, 2026 to Mar 31, 2026", " since …", " until …", "" for all. */
export function rangeWords(input: RangeInput): string {
  const { from, to } = toDateRange(input);
  if (from && to) return ` from ${formatDate(from)} to ${formatDate(to)}`;
  if (from) return ` since ${formatDate(from)}`;
  if (to) return ` until ${formatDate(to)}`;
  return '';
}
