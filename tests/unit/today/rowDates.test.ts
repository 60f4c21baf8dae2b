import { describe, expect, it } from 'vitest';
import { compactDate, fullDate, fullDateTime } from '../../../renderer/src/features/today/rowDates';

// The locale is the process's own: the checks compare with Intl's words for the same options.
const words = (at: number, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(undefined, options).format(at);

describe("Today's row dates", () => {
  const now = new Date(2026, 11, 5, 9, 0);

  it('shows a date of this year by its weekday, day and month, and one of another year with its year', () => {
    const thisYear = new Date(2026, 10, 25, 7, 0);
    expect(compactDate(thisYear, now)).toBe(
      words(thisYear.getTime(), { weekday: 'short', month: 'short', day: 'numeric' }),
    );
    expect(compactDate(thisYear, now)).not.toContain('2026');
    const lastYear = new Date(2025, 5, 27, 17, 30);
    expect(compactDate(lastYear.toISOString(), now)).toBe(
      words(lastYear.getTime(), { month: 'short', day: 'numeric', year: 'numeric' }),
    );
  });

  it('says the date and time in full for the tooltip and screen readers', () => {
    const at = new Date(2026, 10, 25, 7, 0);
    expect(fullDateTime(at.toISOString())).toBe(
      words(at.getTime(), { dateStyle: 'full', timeStyle: 'short' }),
    );
    expect(fullDate(at)).toBe(words(at.getTime(), { dateStyle: 'full' }));
  });

  it('keeps a calendar date on its day in every time zone, and its year', () => {
    const day = Date.UTC(2026, 10, 30);
    expect(fullDate('2026-11-30')).toBe(words(day, { dateStyle: 'full', timeZone: 'UTC' }));
    expect(fullDateTime('2026-11-30')).toBe(fullDate('2026-11-30'));
    expect(compactDate('2026-11-30', now)).toBe(
      words(day, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }),
    );
    expect(compactDate('2024-02-29', now)).toContain('2024');
  });

  it('shows what is not a date as it is', () => {
    expect(compactDate('2026-02-30', now)).toBe('2026-02-30');
    expect(fullDateTime('soon')).toBe('soon');
  });
});
