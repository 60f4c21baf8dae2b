import { parseGenerationName } from './generationName';

/** How many backup generations to keep per period (grandfather–father–son). */
export interface Retention {
  hourly: number;
  daily: number;
  weekly: number;
  monthly: number;
}

/**
 * A day of hourly undo, two weeks of daily, two months of weekly and a year of monthly backups:
 * at most 58 generations. Unchanged record files are shared between generations (hard links),
 * so each extra generation costs only the notes changed since the one before.
 */
export const RETENTION: Readonly<Retention> = Object.freeze({
  hourly: 24,
  daily: 14,
  weekly: 8,
  monthly: 12,
});

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Period keys, in UTC so that a time-zone change or daylight saving never reshuffles them. */
const periods: Array<[keyof Retention, (t: number) => number]> = [
  ['hourly', (t) => Math.floor(t / HOUR_MS)],
  ['daily', (t) => Math.floor(t / DAY_MS)],
  // Weeks start on Monday (ISO 8601); 1970-01-01 was a Thursday, hence the 3 days.
  ['weekly', (t) => Math.floor((Math.floor(t / DAY_MS) + 3) / 7)],
  [
    'monthly',
    (t) => {
      const d = new Date(t);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    },
  ],
];

/**
 * Which generations to keep (pure). For each period, the newest generation in each of the last N
 * periods that have a generation is kept — so a laptop that was off for a week still keeps N
 * daily backups rather than none. The newest generation is always kept, and so is every
 * generation less than an hour old (or dated in the future: a clock set back must not delete
 * backups). Names that are not generation names are kept: never delete what is not understood.
 */
export function generationsToKeep(names: string[], now: Date, retention?: Retention): Set<string>;
export function generationsToKeep(dates: Date[], now: Date, retention?: Retention): Set<Date>;
export function generationsToKeep(
  items: string[] | Date[],
  now: Date,
  retention: Retention = RETENTION,
): Set<string> | Set<Date> {
  const all: Array<{ item: string | Date; t: number; n: number }> = [];
  const keep = new Set<string | Date>();
  for (const item of items as Array<string | Date>) {
    const parsed = typeof item === 'string' ? parseGenerationName(item) : { at: item, n: 1 };
    const t = parsed?.at.getTime();
    if (t === undefined || Number.isNaN(t)) keep.add(item);
    else all.push({ item, t, n: parsed!.n });
  }
  // Newest first; of two in the same second, the later one (`-2`) is the newer.
  all.sort((a, b) => b.t - a.t || b.n - a.n);
  if (all.length > 0) keep.add(all[0]!.item);
  for (const { item, t } of all) if (now.getTime() - t < HOUR_MS) keep.add(item);
  for (const [period, key] of periods) {
    const seen = new Set<number>();
    for (const { item, t } of all) {
      if (seen.size >= retention[period]) break;
      const k = key(t);
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(item);
    }
  }
  return keep as Set<string> | Set<Date>;
}
