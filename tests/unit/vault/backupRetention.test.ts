import { describe, expect, it } from 'vitest';
import { generationsToKeep, RETENTION } from '../../../main/vault/backupRetention';
import {
  compareGenerationNames,
  generationName,
  parseGenerationName,
} from '../../../main/vault/generationName';

const HOUR = 3_600_000;

/** Hourly backups on the hour from `days` days before `now` up to `now`. */
function hourly(now: Date, days: number): string[] {
  const names: string[] = [];
  for (let t = now.getTime() - days * 24 * HOUR; t <= now.getTime(); t += HOUR) {
    names.push(generationName(new Date(t)));
  }
  return names;
}

/**
 * The policy written out with calendar arithmetic (independently of the implementation's bucket
 * numbers): with a backup every hour, the newest generation of each of the last N hours, days,
 * ISO weeks (Monday to Sunday, UTC) and months.
 */
function expectedFromCalendar(names: string[], now: Date): Set<string> {
  const at = (name: string) => parseGenerationName(name)!.at;
  const newestFirst = [...names].sort((a, b) => at(b).getTime() - at(a).getTime());
  const keep = new Set<string>();
  const newestPer = (label: (d: Date) => string, n: number) => {
    const seen = new Set<string>();
    for (const name of newestFirst) {
      const key = label(at(name));
      if (seen.has(key)) continue;
      if (seen.size === n) break;
      seen.add(key);
      keep.add(name);
    }
  };
  newestPer((d) => d.toISOString().slice(0, 13), RETENTION.hourly);
  newestPer((d) => d.toISOString().slice(0, 10), RETENTION.daily);
  newestPer((d) => {
    const monday = new Date(d);
    monday.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return monday.toISOString().slice(0, 10);
  }, RETENTION.weekly);
  newestPer((d) => d.toISOString().slice(0, 7), RETENTION.monthly);
  for (const name of names) if (now.getTime() - at(name).getTime() < HOUR) keep.add(name);
  return keep;
}

describe('generationsToKeep (grandfather–father–son retention)', () => {
  it('60 days of hourly backups: the last 24 hours, 14 days, 8 weeks and every month are kept', () => {
    const now = new Date('2026-12-02T14:00:00Z'); // a Wednesday
    const names = hourly(now, 60);
    expect(names).toHaveLength(60 * 24 + 1);
    const kept = generationsToKeep(names, now);
    expect([...kept].sort(compareGenerationNames)).toEqual(
      [...expectedFromCalendar(names, now)].sort(compareGenerationNames),
    );
    // Spot checks, spelled out: the last 24 hours; 23:00 of each earlier day for two weeks; the
    // Sunday 23:00 of earlier weeks; the last backup of October; nothing else.
    for (let h = 0; h < 24; h++)
      expect(kept.has(generationName(new Date(now.getTime() - h * HOUR)))).toBe(true);
    expect(kept.has('2026-12-01T23-00-00Z')).toBe(true);
    expect(kept.has('2026-11-19T23-00-00Z')).toBe(true); // 13 days before today
    expect(kept.has('2026-11-18T23-00-00Z')).toBe(false); // a Wednesday 14 days back: past the dailies
    expect(kept.has('2026-11-15T23-00-00Z')).toBe(true); // a Sunday: weekly
    expect(kept.has('2026-10-18T23-00-00Z')).toBe(true); // the Sunday ending the 8th week
    expect(kept.has('2026-10-11T23-00-00Z')).toBe(false); // 9th week back
    expect(kept.has('2026-10-31T23-00-00Z')).toBe(true); // monthly
    expect(kept.has('2026-11-30T10-00-00Z')).toBe(false);
    expect(kept.size).toBeLessThanOrEqual(
      RETENTION.hourly + RETENTION.daily + RETENTION.weekly + RETENTION.monthly,
    );
  });

  it('a year and a half of daily backups keeps 12 monthly ones', () => {
    const now = new Date('2027-06-15T09:30:00Z');
    const names: string[] = [];
    for (let d = 540; d >= 0; d--) names.push(generationName(new Date(now.getTime() - d * 24 * HOUR)));
    const kept = generationsToKeep(names, now);
    const months = new Set([...kept].map((n) => n.slice(0, 7)));
    expect(months.size).toBe(12);
    expect(kept.has(names[0]!)).toBe(false); // the oldest is gone
    expect(kept.has('2026-07-31T09-30-00Z')).toBe(true); // newest of the 12th month back
  });

  it('a laptop left off for three weeks still keeps 14 daily backups (periods that have a backup)', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const before = new Date('2026-11-01T12:00:00Z');
    const names: string[] = [];
    for (let d = 0; d < 20; d++) names.push(generationName(new Date(before.getTime() - d * 24 * HOUR)));
    names.push(generationName(now));
    const kept = generationsToKeep(names, now, { hourly: 0, daily: 14, weekly: 0, monthly: 0 });
    expect(kept.size).toBe(14);
    expect(kept.has(generationName(now))).toBe(true);
  });

  it('never removes the newest generation or one younger than an hour, even with nothing to keep', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const none = { hourly: 0, daily: 0, weekly: 0, monthly: 0 };
    const names = [
      generationName(new Date(now.getTime() - 3 * HOUR)),
      generationName(new Date(now.getTime() - 59 * 60_000)),
      generationName(new Date(now.getTime() - 10 * 60_000)),
      generationName(new Date(now.getTime() - 10 * 60_000), 2),
    ];
    expect(generationsToKeep(names, now, none)).toEqual(new Set(names.slice(1)));
    expect(generationsToKeep([names[0]!], now, none)).toEqual(new Set([names[0]]));
    // A generation dated in the future (the clock was set back) is not deleted either.
    const future = generationName(new Date(now.getTime() + 5 * HOUR));
    expect(generationsToKeep([names[1]!, future], now, none)).toEqual(new Set([names[1], future]));
  });

  it('keeps names it does not understand, and accepts dates', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const none = { hourly: 0, daily: 0, weekly: 0, monthly: 0 };
    expect(generationsToKeep(['my copy', '2026-02-31T10-00-00Z'], now, none)).toEqual(
      new Set(['my copy', '2026-02-31T10-00-00Z']),
    );
    const dates = [new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z')];
    expect(generationsToKeep(dates, now, { ...none, monthly: 1 })).toEqual(new Set([dates[1]]));
  });
});

describe('generation names', () => {
  it('are the UTC time without colons, with a number for a second one in the same second', () => {
    const at = new Date('2026-12-02T14:05:09.750Z');
    expect(generationName(at)).toBe('2026-12-02T14-05-09Z');
    expect(generationName(at, 2)).toBe('2026-12-02T14-05-09Z-2');
    expect(parseGenerationName('2026-12-02T14-05-09Z-2')).toEqual({
      at: new Date('2026-12-02T14:05:09Z'),
      n: 2,
    });
    for (const bad of [
      '2026-02-30T10-00-00Z',
      '2026-12-02T14:05:09Z',
      'x2026-12-02T14-05-09Z',
      '2026-12-02T14-05-09Z-1',
    ]) {
      expect(parseGenerationName(bad), bad).toBeNull();
    }
    const sorted = [
      '2026-12-02T14-05-09Z-10',
      '2026-12-02T14-05-09Z-2',
      '2026-12-02T14-05-09Z',
      '2026-12-01T23-00-00Z',
    ];
    expect(sorted.sort(compareGenerationNames)).toEqual([
      '2026-12-01T23-00-00Z',
      '2026-12-02T14-05-09Z',
      '2026-12-02T14-05-09Z-2',
      '2026-12-02T14-05-09Z-10',
    ]);
  });
});
