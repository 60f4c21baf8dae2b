/** Participation over time: how many of the four participation items each noted session had, and by month. */
import { type ParticipationItemId, participationItemIds } from '../domain/participation';
import { calendarMonth } from './dateRange';
import { round1 } from './mirrorEpisodes';

/** One noted session's participation. */
export interface ParticipationPoint {
  sessionId: string;
  startsAt: string;
  noteId: string;
  items: Record<ParticipationItemId, boolean>;
  /** How many of the four items happened. */
  count: number;
}

/** Mean items per noted session in the first and the second half of the noted sessions. */
export interface ParticipationHalves {
  /** Noted sessions in each half (the first half has the extra one of an odd count). */
  firstSessions: number;
  secondSessions: number;
  firstMean: number | null;
  secondMean: number | null;
}

/** One calendar month (local, as `calendarMonth` places it) of participation across the caseload. */
export interface ParticipationMonth {
  /** yyyy-mm */
  month: string;
  notes: number;
  /** Noted sessions in which each item happened. */
  items: Record<ParticipationItemId, number>;
  /** Mean items per noted session, to one decimal. */
  meanItems: number;
}

/** The count of items that happened. */
export function participationCount(items: Record<ParticipationItemId, boolean>): number {
  return participationItemIds.reduce((n, id) => n + (items[id] ? 1 : 0), 0);
}

/** The mean count over the first and second halves of the points, given in time order. */
export function participationHalves(points: readonly ParticipationPoint[]): ParticipationHalves {
  const cut = Math.ceil(points.length / 2);
  const mean = (ps: readonly ParticipationPoint[]) =>
    ps.length === 0 ? null : round1(ps.reduce((n, p) => n + p.count, 0) / ps.length);
  const first = points.slice(0, cut);
  const second = points.slice(cut);
  return {
    firstSessions: first.length,
    secondSessions: second.length,
    firstMean: mean(first),
    secondMean: mean(second),
  };
}

/** Points grouped by their local month, months in order (months without a noted session left out). */
export function participationByMonth(points: Iterable<ParticipationPoint>): ParticipationMonth[] {
  const months = new Map<
    string,
    { notes: number; total: number; items: Record<ParticipationItemId, number> }
  >();
  for (const p of points) {
    const month = calendarMonth(p.startsAt);
    let m = months.get(month);
    if (!m) {
      m = {
        notes: 0,
        total: 0,
        items: Object.fromEntries(participationItemIds.map((id) => [id, 0])) as Record<
          ParticipationItemId,
          number
        >,
      };
      months.set(month, m);
    }
    m.notes += 1;
    m.total += p.count;
    for (const id of participationItemIds) if (p.items[id]) m.items[id] += 1;
  }
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([month, m]) => ({ month, notes: m.notes, items: m.items, meanItems: round1(m.total / m.notes) }));
}
