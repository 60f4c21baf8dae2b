import { describe, expect, it } from 'vitest';
import { checkDateRange, inRange, instantOf, monthsBetween, utcDate } from '../../../shared/analytics';

describe('date helpers', () => {
  it('reads the UTC date of a start time, converting zone offsets', () => {
    expect(utcDate('2025-03-14T09:30:00Z')).toBe('2025-03-14');
    expect(utcDate('2025-03-14T09:30:00.000Z')).toBe('2025-03-14');
    // 23:30 at UTC−5 is 04:30 the next day in UTC.
    expect(utcDate('2025-03-14T23:30:00-05:00')).toBe('2025-03-15');
    // 00:30 at UTC+1 is 23:30 the previous day in UTC.
    expect(utcDate('2025-01-01T00:30:00+01:00')).toBe('2024-12-31');
    expect(() => utcDate('not a date')).toThrow(RangeError);
  });

  it('includes both ends of a range', () => {
    const range = { from: '2025-01-06', to: '2025-01-13' };
    expect(inRange('2025-01-05', range)).toBe(false);
    expect(inRange('2025-01-06', range)).toBe(true);
    expect(inRange('2025-01-13', range)).toBe(true);
    expect(inRange('2025-01-14', range)).toBe(false);
  });

  it('leaves a missing or null end open', () => {
    expect(inRange('1999-01-01', { to: '2025-01-13' })).toBe(true);
    expect(inRange('2999-01-01', { from: '2025-01-13', to: null })).toBe(true);
    expect(inRange('2025-01-01', undefined)).toBe(true);
    expect(inRange('2025-01-01', {})).toBe(true);
  });

  it('has nothing in a reversed range', () => {
    expect(inRange('2025-01-10', { from: '2025-01-13', to: '2025-01-06' })).toBe(false);
  });

  it('refuses range ends that are not yyyy-mm-dd', () => {
    expect(() => checkDateRange({ from: '2025-1-6' })).toThrow(RangeError);
    expect(() => checkDateRange({ to: '2025-01-06T00:00:00Z' })).toThrow(RangeError);
    expect(() => checkDateRange({ from: '2025-01-06', to: null })).not.toThrow();
  });

  it('lists months across a year boundary', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-02', '2025-02')).toEqual(['2025-02']);
    expect(monthsBetween('2025-03', '2025-02')).toEqual([]);
    expect(() => monthsBetween('2025-3', '2025-04')).toThrow(RangeError);
  });

  it('orders start times by instant', () => {
    // 09:00 at UTC+2 is 07:00Z, an hour before 08:00Z, though its string sorts later.
    expect(instantOf('2025-01-13T09:00:00+02:00')).toBeLessThan(instantOf('2025-01-13T08:00:00Z'));
  });
});
