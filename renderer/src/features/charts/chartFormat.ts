/** Number, date and file-name formatting shared by the charts, their tables and summaries. */
import { utcDate } from '../../../../shared/analytics/dateRange';

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

/** The session's calendar date as the analytics place it (UTC, yyyy-mm-dd). */
export function sessionDate(startsAt: string): string {
  return utcDate(startsAt);
}

/** Today's local date, yyyy-mm-dd. */
export function todayIso(now: Date = new Date()): string {
  return localIso(now);
}

/** A Date's local calendar date, yyyy-mm-dd. */
export function localIso(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month key (yyyy-mm) as "Mar 2026" (English, like the rest of the app's text). */
export function monthLabel(month: string): string {
  const name = monthNames[Number(month.slice(5, 7)) - 1];
  return name ? `${name} ${month.slice(0, 4)}` : month;
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
