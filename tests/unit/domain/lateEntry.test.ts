import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DRAFT_REMINDER_DAYS,
  DEFAULT_LATE_ENTRY_AFTER_HOURS,
  lateEntry,
  noteOverdue,
  wouldBeLateEntry,
} from '../../../shared/domain/lateEntry';

const HOUR = 60 * 60 * 1000;
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('lateEntry', () => {
  const start = '2026-03-10T09:00:00.000Z';

  it('is on time up to the limit itself, and late one millisecond after', () => {
    expect(lateEntry(start, plus(start, 48 * HOUR), 48)).toBeNull();
    expect(lateEntry(start, plus(start, 48 * HOUR + 1), 48)).toEqual({
      signedAt: plus(start, 48 * HOUR + 1),
      hoursAfterSession: 48 + 1 / HOUR,
    });
    expect(lateEntry(start, plus(start, 5 * 60 * 1000), 1)).toBeNull();
    expect(lateEntry(start, plus(start, 2 * HOUR), 1)?.hoursAfterSession).toBe(2);
  });

  it('takes no label without a signature, or from an unreadable time', () => {
    expect(lateEntry(start, null, 48)).toBeNull();
    expect(lateEntry(start, undefined, 48)).toBeNull();
    expect(lateEntry('not a time', plus(start, 100 * HOUR), 48)).toBeNull();
  });

  it('compares instants: the time zones the two were written in make no difference', () => {
    // 09:00 in Auckland (+13:00) is 20:00 UTC the day before; signed 48 h later, written in New York time.
    const session = '2026-03-10T09:00:00+13:00';
    expect(lateEntry(session, '2026-03-11T15:00:00-05:00', 48)).toBeNull(); // 20:00Z + 48 h = 20:00Z on the 11th
    expect(lateEntry(session, '2026-03-11T15:00:01-05:00', 48)).not.toBeNull();
    // The same instants written in UTC give the same answer.
    expect(lateEntry('2026-03-09T20:00:00Z', '2026-03-11T20:00:00Z', 48)).toBeNull();
  });

  it('counts elapsed hours across a daylight-saving change, not wall-clock hours', () => {
    // Europe/Berlin moves from +01:00 to +02:00 on 29 March 2026: 10:00 → 10:00 two days later is 47 h.
    const session = '2026-03-28T10:00:00+01:00';
    expect(lateEntry(session, '2026-03-30T10:00:00+02:00', 47)).toBeNull();
    expect(lateEntry(session, '2026-03-30T10:00:01+02:00', 47)).not.toBeNull();
  });

  it('a note signed before its session began (written ahead) is not late', () => {
    expect(lateEntry(start, plus(start, -3 * HOUR), 1)).toBeNull();
  });

  it('says before signing whether the signature would be late', () => {
    expect(wouldBeLateEntry(start, new Date(plus(start, 47 * HOUR)), 48)).toBe(false);
    expect(wouldBeLateEntry(start, new Date(plus(start, 49 * HOUR)), 48)).toBe(true);
  });

  it('defaults: 48 hours to a late entry, 2 days to an overdue note', () => {
    expect(DEFAULT_LATE_ENTRY_AFTER_HOURS).toBe(48);
    expect(DEFAULT_DRAFT_REMINDER_DAYS).toBe(2);
  });
});

describe('noteOverdue', () => {
  const start = '2026-03-10T09:00:00.000Z';
  it('is overdue only past the limit, and never for a session still to come', () => {
    expect(noteOverdue(start, new Date(plus(start, 2 * 24 * HOUR)), 2)).toBe(false);
    expect(noteOverdue(start, new Date(plus(start, 2 * 24 * HOUR + 1)), 2)).toBe(true);
    expect(noteOverdue(start, new Date(plus(start, -HOUR)), 1)).toBe(false);
    expect(noteOverdue('garbage', new Date(plus(start, 30 * 24 * HOUR)), 1)).toBe(false);
  });
});
