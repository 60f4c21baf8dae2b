/**
 * Progress on a client's plan goals over sessions (issue 15): for each goal a note addressed,
 * the level and comment at each session, in session order. Works over note summaries (ids and
 * levels only: the renderer's index) and over full notes (with the comments) alike.
 */
import type { GoalProgress } from '../domain/goalProgressSchema';
import { countedAsOf } from './clientMetrics';
import { calendarDate, checkDateRange, type DateRange, inRange, instantOf } from './dateRange';
import { rememberLast } from './memoizedMetrics';
import { type AnalyticsSession, sessionStanding } from './notesBySession';

/** A note as the series reads it: a summary or a full note. */
export interface GoalProgressNote {
  id: string;
  sessionId: string;
  updatedAt: string;
  /** A signed note says its session took place (sessionStanding); absent reads as not signed. */
  status?: string;
  /** Absent on a summary built before issue 15: no goals addressed. */
  goalProgress?: ReadonlyArray<Pick<GoalProgress, 'goalId' | 'progress'> & { comment?: string }>;
}

/** One session in which the goal was addressed. */
export interface GoalProgressPoint {
  sessionId: string;
  noteId: string;
  startsAt: string;
  /** The session's local date, yyyy-mm-dd. */
  date: string;
  /** −1 (moved away) to 3 (met); null when addressed but not rated. */
  level: number | null;
  /** The one-sentence comment; null when the notes given carry none (summaries). */
  comment: string | null;
}

/** One goal's progress over the sessions that addressed it. */
export interface GoalSeries {
  goalId: string;
  /** In session order. */
  points: GoalProgressPoint[];
  /** Points with a level. */
  rated: number;
  /** The first and the latest level given; null when none was rated. */
  first: number | null;
  latest: number | null;
}

export interface GoalProgressOptions {
  /** Sessions whose local start date falls in this inclusive range; all sessions if absent. */
  range?: DateRange;
  /** Goal ids in the order to return them (the plan's); others follow by first session. */
  order?: readonly string[];
  /** Sessions count once held by this time (ISO); now if absent (see MetricsOptions.now). */
  now?: string;
}

/**
 * Per goal, its progress over the client's sessions in range. A session's note is the one last
 * updated, as elsewhere in the analytics; sessions without a note, or whose note addressed no
 * goal, add nothing. Goals come in `order`, then by the first session that addressed them. Sessions
 * that did not take place (cancelled, missed, still to come) are left out, as in the other charts.
 */
export function goalProgressSeries(
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<GoalProgressNote>,
  options: GoalProgressOptions = {},
): GoalSeries[] {
  const { range, order = [] } = options;
  const nowMs = countedAsOf(options);
  if (range) checkDateRange(range);
  const noteOf = new Map<string, GoalProgressNote>();
  for (const note of notes) {
    if (!note.goalProgress?.length) continue;
    const seen = noteOf.get(note.sessionId);
    if (!seen || note.updatedAt > seen.updatedAt) noteOf.set(note.sessionId, note);
  }
  const addressed: Array<{ session: AnalyticsSession; at: number; date: string; note: GoalProgressNote }> =
    [];
  for (const session of sessions) {
    const note = noteOf.get(session.id);
    if (!note) continue;
    // Only sessions that took place, as every count of sessions: not one called off, nor one to come.
    if (sessionStanding(session, { status: note.status === 'signed' ? 'signed' : 'draft' }, nowMs) !== 'held')
      continue;
    const date = calendarDate(session.startsAt);
    if (inRange(date, range)) addressed.push({ session, at: instantOf(session.startsAt), date, note });
  }
  addressed.sort((a, b) => a.at - b.at || (a.session.id < b.session.id ? -1 : 1));

  const byGoal = new Map<string, GoalProgressPoint[]>();
  for (const { session, date, note } of addressed) {
    for (const g of note.goalProgress ?? []) {
      const points = byGoal.get(g.goalId) ?? [];
      byGoal.set(g.goalId, points);
      points.push({
        sessionId: session.id,
        noteId: note.id,
        startsAt: session.startsAt,
        date,
        level: g.progress,
        comment: g.comment ?? null,
      });
    }
  }
  const rank = new Map(order.map((id, i) => [id, i]));
  const rankOf = (goalId: string) => rank.get(goalId) ?? order.length;
  // Map order is first-addressed order; a stable sort keeps it among goals not in `order`.
  return [...byGoal.entries()]
    .sort(([a], [b]) => rankOf(a) - rankOf(b))
    .map(([goalId, points]) => {
      const levels = points.map((p) => p.level).filter((l): l is number => l !== null);
      return {
        goalId,
        points,
        rated: levels.length,
        first: levels[0] ?? null,
        latest: levels[levels.length - 1] ?? null,
      };
    });
}

/** `goalProgressSeries`, remembered over the same summaries and options (the Patterns tab redraws often). */
export const rememberedGoalProgressSeries: typeof goalProgressSeries = rememberLast(goalProgressSeries, 8);
