/**
 * The app's one way to show dates and times, in the user's locale: a medium date ("Mar 14, 2025",
 * "14 Mar 2025") and the same date with a short time ("Mar 14, 2025, 9:00 AM"); compact forms for
 * chart axes; and the ISO strings that date inputs and file names need.
 *
 * A value is either a calendar date, 'yyyy-mm-dd' (a client's start date, a session's day in the
 * analytics), or an instant (an ISO date-time, a Date, epoch milliseconds). A calendar date is a
 * day, not a moment: it is formatted as that day wherever the user is, never moved to the previous
 * day west of UTC as `new Date('2025-03-01')` shown in local time would be.
 */

/** A date, a date-time, epoch milliseconds, or a calendar date 'yyyy-mm-dd'. */
export type DateInput = string | Date | number;

export interface DateFormatOptions {
  /**
   * The time zone an instant is shown in; the user's own by default. Review packets use 'UTC':
   * their dates are shifted in UTC, and a local zone would move them again.
   */
  timeZone?: string;
  /** The locale; the user's own by default (tests fix one). */
  locale?: string;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CALENDAR_MONTH = /^(\d{4})-(\d{2})$/;

const dateStyle: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
const dateTimeStyle: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const timeStyle: Intl.DateTimeFormatOptions = { timeStyle: 'short' };
const shortDateStyle: Intl.DateTimeFormatOptions = { dateStyle: 'short' };
const monthStyle: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric' };

/** The date alone: "Mar 14, 2025". */
export function formatDate(value: DateInput, options: DateFormatOptions = {}): string {
  return format(value, dateStyle, options);
}

/** The date and time of an instant: "Mar 14, 2025, 9:00 AM". A calendar date shows as a date. */
export function formatDateTime(value: DateInput, options: DateFormatOptions = {}): string {
  return format(value, dateTimeStyle, options, dateStyle);
}

/** A date-time to the second, where minutes are not enough to tell items apart (backups): "Mar 14, 2025, 9:00:05 AM". */
export function formatDateTimeSeconds(value: DateInput, options: DateFormatOptions = {}): string {
  return format(value, { dateStyle: 'medium', timeStyle: 'medium' }, options, dateStyle);
}

/** The time of day of an instant, as the date-time format shows it: "9:00 AM". */
export function formatTime(value: DateInput, options: DateFormatOptions = {}): string {
  return format(value, timeStyle, options, dateStyle);
}

/** A compact date for chart axes, where a medium date takes too much room: "3/14/25". */
export function formatShortDate(value: DateInput, options: DateFormatOptions = {}): string {
  return format(value, shortDateStyle, options);
}

/** A calendar month 'yyyy-mm' for chart axes and headings: "Mar 2026". */
export function formatMonth(month: string, options: DateFormatOptions = {}): string {
  const match = CALENDAR_MONTH.exec(month);
  if (!match) return month;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
  return formatter(monthStyle, 'UTC', options.locale).format(day);
}

/** A Date's calendar day in local time, 'yyyy-mm-dd', as a date input holds it. */
export function isoDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today in local time, 'yyyy-mm-dd'. */
export function todayIso(now: Date = new Date()): string {
  return isoDate(now);
}

/** A Date in local time to the minute, 'yyyy-mm-ddThh:mm', as a datetime-local input holds it. */
export function isoLocalDateTime(date: Date): string {
  return `${isoDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Formats `value` with `style`; a calendar date with `dayStyle` (default: `style`) in UTC from
 * its UTC midnight, so that it is the same day in every zone. A value that is not a date is shown
 * as it is rather than breaking the screen.
 */
function format(
  value: DateInput,
  style: Intl.DateTimeFormatOptions,
  options: DateFormatOptions,
  dayStyle: Intl.DateTimeFormatOptions = style,
): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) {
    const day = calendarDay(value);
    return day === null ? value : formatter(dayStyle, 'UTC', options.locale).format(day);
  }
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(time)) return String(value);
  return formatter(style, options.timeZone, options.locale).format(time);
}

/** UTC midnight of a valid calendar date 'yyyy-mm-dd', else null. */
function calendarDay(value: string): number | null {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2025-02-30 over to March; such a string is not a date.
  return new Date(time).getUTCDate() === day ? time : null;
}

// Building an Intl.DateTimeFormat is slow next to using one, and a table formats hundreds of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  style: Intl.DateTimeFormatOptions,
  timeZone: string | undefined,
  locale: string | undefined,
): Intl.DateTimeFormat {
  const key = JSON.stringify([style, timeZone ?? null, locale ?? null]);
  let cached = formatters.get(key);
  if (!cached) {
    // Without a zone, the user's own, as it is when the formatter is first made.
    cached = new Intl.DateTimeFormat(locale, timeZone ? { ...style, timeZone } : style);
    formatters.set(key, cached);
  }
  return cached;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

const agoUnits: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

/** How long ago an instant was, in the user's words: "2 hours ago", "yesterday", "just now". */
export function formatAgo(value: DateInput, now: Date = new Date(), options: DateFormatOptions = {}): string {
  const elapsed = now.getTime() - new Date(value).getTime();
  if (elapsed < 60 * 1000) return 'just now';
  const words = new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' });
  for (const [unit, ms] of agoUnits) {
    if (elapsed >= ms) return words.format(-Math.floor(elapsed / ms), unit);
  }
  return 'just now';
}

/**
 * The start of the quarter hour `now` is in: the default start of a session whose note is begun
 * now. Never later than now: a session placed after the moment its note is written would show as
 * the client's next session, and its note as signed before it began.
 */
export function quarterHourStarted(now: Date): Date {
  const quarter = 15 * 60 * 1000;
  return new Date(Math.floor(now.getTime() / quarter) * quarter);
}
