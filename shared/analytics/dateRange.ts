/**
 * Calendar helpers for the analytics: plain string and Date arithmetic, no libraries. Sessions
 * are placed on the calendar by their local date (`calendarDate`: the day the clinician saw the
 * client, in the time zone the code runs in, as the session lists and the date inputs show it),
 * for ranges and months alike, so a session counted in a month always falls inside that month's
 * date range. The charts inside a review packet alone date sessions by UTC (`utcDate`, calendar
 * 'utc'): a packet shows its times in UTC, whatever its reader's time zone.
 */

/** An inclusive range of calendar dates, yyyy-mm-dd; a missing or null end is open. */
export interface DateRange {
  from?: string | null;
  to?: string | null;
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const monthPattern = /^(\d{4})-(\d{2})$/;

/** Whether a string has the yyyy-mm-dd form the range ends are written in. */
export function isIsoDate(value: string): boolean {
  return isoDatePattern.test(value);
}

/** Throws a RangeError unless both given ends are yyyy-mm-dd dates. */
export function checkDateRange(range: DateRange): void {
  for (const end of [range.from, range.to]) {
    if (end != null && !isIsoDate(end)) {
      throw new RangeError(`A date range end must be a date as yyyy-mm-dd, not "${end}".`);
    }
  }
}

/** The UTC calendar date (yyyy-mm-dd) of an ISO 8601 date-time. */
export function utcDate(startsAt: string): string {
  // `toISOString()` output (ending in Z) already starts with its UTC date: skip the Date parse.
  if (startsAt.length >= 20 && startsAt.endsWith('Z') && startsAt.charAt(10) === 'T') {
    return startsAt.slice(0, 10);
  }
  const ms = Date.parse(startsAt);
  if (Number.isNaN(ms)) throw new RangeError(`"${startsAt}" is not an ISO 8601 date and time.`);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The local calendar date (yyyy-mm-dd) of an ISO 8601 date-time: the day it falls on where the
 * code runs. A 7:30 PM session in New York is on that day, not on the next day's UTC date.
 */
export function calendarDate(startsAt: string): string {
  const at = new Date(instantOf(startsAt));
  const y = String(at.getFullYear()).padStart(4, '0');
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Where sessions fall on the calendar: `local` (the clinician's own charts) or `utc` (review
 * packets, whose dates are shifted in UTC and shown in UTC).
 */
export type Calendar = 'local' | 'utc';

/** The date function of a calendar. */
export function dateOn(calendar: Calendar = 'local'): (startsAt: string) => string {
  return calendar === 'utc' ? utcDate : calendarDate;
}

/** The local calendar month (yyyy-mm) of an ISO 8601 date-time, as `calendarDate` places it. */
export function calendarMonth(startsAt: string): string {
  return calendarDate(startsAt).slice(0, 7);
}

/** Whether a yyyy-mm-dd date lies within the range, both ends included. */
export function inRange(date: string, range: DateRange | undefined): boolean {
  if (!range) return true;
  // yyyy-mm-dd strings order the same way as the dates they name.
  if (range.from != null && date < range.from) return false;
  if (range.to != null && date > range.to) return false;
  return true;
}

/** Every month key from `first` to `last` inclusive, in order; empty if `last` precedes `first`. */
export function monthsBetween(first: string, last: string): string[] {
  const a = monthPattern.exec(first);
  const b = monthPattern.exec(last);
  if (!a || !b) throw new RangeError(`Months must be written yyyy-mm, not "${first}" and "${last}".`);
  const months: string[] = [];
  let year = Number(a[1]);
  let month = Number(a[2]);
  const endYear = Number(b[1]);
  const endMonth = Number(b[2]);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The instant of an ISO 8601 date-time in epoch milliseconds, for ordering sessions. */
export function instantOf(startsAt: string): number {
  const ms = Date.parse(startsAt);
  if (Number.isNaN(ms)) throw new RangeError(`"${startsAt}" is not an ISO 8601 date and time.`);
  return ms;
}
