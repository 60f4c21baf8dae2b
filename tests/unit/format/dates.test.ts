// West of UTC, where a calendar date read as UTC midnight and shown in local time becomes the
// previous day. Set before any formatter exists: formatters take the zone they are made in.
process.env.TZ = 'America/Los_Angeles';

import { describe, expect, it, test } from 'vitest';
import {
  formatAgo,
  formatDate,
  formatDateTime,
  formatMonth,
  formatShortDate,
  formatTime,
  isoDate,
  isoLocalDateTime,
  todayIso,
} from '../../../renderer/src/format/dates';

const en = { locale: 'en-US' };

describe('date formats', () => {
  it('run in a zone west of UTC here (or the cases below prove nothing)', () => {
    expect(new Date(2025, 2, 1).getTimezoneOffset()).toBe(480);
    // The shift this module exists to avoid: what `new Date(day).toLocaleDateString()` did.
    expect(new Date('2025-03-01').toLocaleDateString('en-US')).toBe('2/28/2025');
  });

  it('show a calendar date as that day, whatever the zone', () => {
    expect(formatDate('2025-03-01', en)).toBe('Mar 1, 2025');
    expect(formatDate('2025-01-01', en)).toBe('Jan 1, 2025');
    expect(formatDate('2024-12-31', en)).toBe('Dec 31, 2024');
    expect(formatDate('2025-03-01', { ...en, timeZone: 'Pacific/Kiritimati' })).toBe('Mar 1, 2025'); // UTC+14
    expect(formatShortDate('2025-03-01', en)).toBe('3/1/25');
    expect(formatMonth('2026-03', en)).toBe('Mar 2026');
    expect(formatMonth('2026-01', en)).toBe('Jan 2026');
  });

  it('show an instant in the user’s zone, or in the zone asked for', () => {
    const instant = '2025-03-01T02:30:00.000Z'; // the evening before, in California
    expect(formatDate(instant, en)).toBe('Feb 28, 2025');
    expect(formatDateTime(instant, en)).toBe('Feb 28, 2025, 6:30 PM');
    expect(formatTime(instant, en)).toBe('6:30 PM');
    expect(formatDateTime(instant, { ...en, timeZone: 'UTC' })).toBe('Mar 1, 2025, 2:30 AM');
    expect(formatDate(new Date(Date.parse(instant)), { ...en, timeZone: 'Pacific/Kiritimati' })).toBe(
      'Mar 1, 2025',
    );
    expect(formatDate(Date.parse(instant), en)).toBe('Feb 28, 2025');
  });

  it('follow the locale', () => {
    expect(formatDate('2025-03-01', { locale: 'en-GB' })).toBe('1 Mar 2025');
    expect(formatDate('2025-03-01', { locale: 'de-DE' })).toBe('01.03.2025');
    expect(formatDateTime('2025-03-01T14:05:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toBe(
      '1 Mar 2025, 14:05',
    );
  });

  it('show a date-only value as a date in the date-time format, and leave what is not a date as it is', () => {
    expect(formatDateTime('2025-03-01', en)).toBe('Mar 1, 2025');
    expect(formatDate('2025-02-30', en)).toBe('2025-02-30');
    expect(formatDate('soon', en)).toBe('soon');
    expect(formatMonth('March', en)).toBe('March');
  });

  it('give inputs their ISO strings in local time', () => {
    const evening = new Date(2025, 2, 1, 23, 5); // 1 March, 23:05 local: already 2 March in UTC
    expect(evening.toISOString().slice(0, 10)).toBe('2025-03-02');
    expect(isoDate(evening)).toBe('2025-03-01');
    expect(todayIso(evening)).toBe('2025-03-01');
    expect(isoLocalDateTime(evening)).toBe('2025-03-01T23:05');
  });
});

describe('formatAgo', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  test('says how long ago in words, rounding down to the largest unit', () => {
    expect(formatAgo('2026-12-02T11:59:30Z', now, { locale: 'en-US' })).toBe('just now');
    expect(formatAgo('2026-12-02T11:55:00Z', now, { locale: 'en-US' })).toBe('5 minutes ago');
    expect(formatAgo('2026-12-02T09:30:00Z', now, { locale: 'en-US' })).toBe('2 hours ago');
    expect(formatAgo('2026-12-01T10:00:00Z', now, { locale: 'en-US' })).toBe('yesterday');
    expect(formatAgo('2026-11-22T10:00:00Z', now, { locale: 'en-US' })).toBe('10 days ago');
  });
});
