import type { DateInput } from '../../format/dates';

/**
 * The dates of Today's rows, in the user's locale: a compact form for the row ("Wed, Nov 25", or
 * "Oct 15, 2024" for another year) and the full one for the tooltip and screen readers
 * ("Wednesday, November 25, 2026 at 6:00 AM"). A calendar date 'yyyy-mm-dd' (a plan's review
 * date) is that day wherever the user is, as in format/dates.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const thisYear: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' };
const otherYear: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' };
const fullDay: Intl.DateTimeFormatOptions = { dateStyle: 'full' };
const fullDayTime: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };

/** "Wed, Nov 25" in `now`'s year, "Oct 15, 2024" in another. */
export function compactDate(value: DateInput, now: Date = new Date()): string {
  const at = moment(value);
  if (!at) return String(value);
  const year = at.timeZone ? new Date(at.time).getUTCFullYear() : new Date(at.time).getFullYear();
  return formatter(year === now.getFullYear() ? thisYear : otherYear, at.timeZone).format(at.time);
}

/** "Wednesday, November 25, 2026": the day in full. */
export function fullDate(value: DateInput): string {
  const at = moment(value);
  return at ? formatter(fullDay, at.timeZone).format(at.time) : String(value);
}

/** "Wednesday, November 25, 2026 at 6:00 AM"; a calendar date as its day in full. */
export function fullDateTime(value: DateInput): string {
  const at = moment(value);
  if (!at) return String(value);
  return formatter(at.timeZone ? fullDay : fullDayTime, at.timeZone).format(at.time);
}

/** Epoch milliseconds, and 'UTC' for a calendar date (its UTC midnight); null for what is not a date. */
function moment(value: DateInput): { time: number; timeZone: 'UTC' | undefined } | null {
  if (typeof value === 'string') {
    const day = CALENDAR_DATE.exec(value);
    if (day) {
      const time = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
      return new Date(time).getUTCDate() === Number(day[3]) ? { time, timeZone: 'UTC' } : null;
    }
  }
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(time) ? null : { time, timeZone: undefined };
}

// Today formats a few dozen dates each minute: the formatters are made once.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Intl.DateTimeFormatOptions, timeZone: 'UTC' | undefined): Intl.DateTimeFormat {
  const key = JSON.stringify([style, timeZone ?? null]);
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(undefined, timeZone ? { ...style, timeZone } : style);
    formatters.set(key, cached);
  }
  return cached;
}
