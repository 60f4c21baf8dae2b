/** Number and file-name formatting shared by the charts, their tables and summaries (dates: format/dates). */
import { type Calendar, dateOn } from '../../../../shared/analytics/dateRange';
import { todayIso } from '../../format/dates';

/** A 0–1 rate as a whole percentage ("72%"); a dash when there is none. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** A rating mean to one decimal ("3.8"); a dash when there is none. */
export function mean1(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

/** A whole count with thousands separators ("10,000"); toLocaleString costs ~100 ms on its first call. */
export function count(n: number): string {
  return Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n);
}

/** A count with its noun, singular or plural ("1 session", "12 sessions"). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(n)} ${n === 1 ? singular : pluralForm}`;
}

/** The session's calendar date as the analytics place it (local unless asked, yyyy-mm-dd). */
export function sessionDate(startsAt: string, calendar?: Calendar): string {
  return dateOn(calendar)(startsAt);
}

/** A file name part: letters, digits, dots, dashes and underscores only. */
function fileSafe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The export file name without extension, e.g. "attune-timeline-C-014-2026-11-25". */
export function exportStem(chartId: string, subject: string | null, date: string = todayIso()): string {
  return ['attune', chartId, subject ? fileSafe(subject) : '', date].filter(Boolean).join('-');
}

/** Every how-many-th category tick to show so labels about `spacing` px apart fit in `width`. */
export function tickInterval(count: number, width: number, spacing = 84): number {
  const fit = Math.max(1, Math.floor(width / spacing));
  return count <= fit ? 0 : Math.ceil(count / fit) - 1;
}
