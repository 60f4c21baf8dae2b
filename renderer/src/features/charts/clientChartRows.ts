/** Chart rows from a client's metrics: one plain object per session (or per dimension for the radar). */
import type { ClientMetrics } from '../../../../shared/analytics/clientMetrics';
import type { SessionMetrics } from '../../../../shared/analytics/sessionMetrics';
import { type DimensionId, dimensions, unratedChoice } from '../../../../shared/domain/dimensions';
import { sessionDate } from './chartFormat';

/** What every per-session row carries: its place, its date and the note to open. */
export interface SessionPoint {
  /** Position in the range, 0-based; the x value of the charts. */
  index: number;
  sessionId: string;
  noteId: string | null;
  /** Local date, yyyy-mm-dd. */
  date: string;
}

export interface TimelineRow extends SessionPoint {
  withdrawal: number;
  confrontation: number;
  resolved: number;
  partial: number;
  unresolved: number;
  unrated: number;
  /** The rolling repair rate as a percentage 0–100; null where no rupture in the window has an outcome. */
  rollingRate: number | null;
}

export type TrendRow = SessionPoint &
  Record<DimensionId, number | null> & {
    /** Each dimension as the tooltip and table print it: the rating, or why there is none (see ratingOrReason). */
    ratingText: Record<DimensionId, string>;
  };

export interface FeedbackRow extends SessionPoint {
  total: number;
  below: boolean;
}

export interface ProfileRow {
  dimension: DimensionId;
  label: string;
  shortLabel: string;
  /** The chosen session's rating; null when not rated. */
  session: number | null;
  /** What the table says for an empty rating: "Did not come up", "Could not judge" or "No note". */
  sessionUnrated: string;
  /** The client's mean over the range; null when never rated. */
  average: number | null;
}

function point(s: SessionMetrics, index: number, m: Pick<ClientMetrics, 'calendar'>): SessionPoint {
  return { index, sessionId: s.sessionId, noteId: s.noteId, date: sessionDate(s.startsAt, m.calendar) };
}

export function timelineRows(m: ClientMetrics): TimelineRow[] {
  return m.sessions.map((s, i) => {
    const rolling = m.rollingRepairRate[i]?.value ?? null;
    return {
      ...point(s, i, m),
      withdrawal: s.rupturesByType.withdrawal,
      confrontation: s.rupturesByType.confrontation,
      resolved: s.outcomes.resolved,
      partial: s.outcomes.partial,
      unresolved: s.outcomes.unresolved,
      unrated: s.outcomes.unrated,
      rollingRate: rolling === null ? null : rolling * 100,
    };
  });
}

export function trendRows(m: ClientMetrics): TrendRow[] {
  return m.sessions.map((s, i) => ({
    ...point(s, i, m),
    ...s.ratings,
    ratingText: Object.fromEntries(dimensions.map((d) => [d.id, ratingOrReason(s, d.id)])) as Record<
      DimensionId,
      string
    >,
  }));
}

/** Sessions with a complete feedback total; `below` is judged against `concernLine`, not the metrics' own. */
export function feedbackRows(m: ClientMetrics, concernLine: number): FeedbackRow[] {
  const byId = new Map(m.sessions.map((s, i) => [s.sessionId, point(s, i, m)]));
  return m.feedback.map((f, i) => {
    const p = byId.get(f.sessionId);
    return {
      index: i,
      sessionId: f.sessionId,
      noteId: p?.noteId ?? null,
      date: p?.date ?? sessionDate(f.startsAt, m.calendar),
      total: f.total,
      below: f.total < concernLine,
    };
  });
}

/** Sessions in range with at least one dimension rated, in order: the radar's choices. */
export function ratedSessions(m: ClientMetrics): SessionMetrics[] {
  return m.sessions.filter((s) => dimensions.some((d) => s.ratings[d.id] !== null));
}

/** What a session without a note says for every dimension, beside the note's own two reasons. */
export const NO_NOTE = 'No note';

/** Why a session has no rating for a dimension, in the words the editor offered. */
export function unratedWords(session: SessionMetrics | undefined, dimension: DimensionId): string {
  const reason = session?.unrated?.[dimension] ?? null;
  return reason === null ? NO_NOTE : unratedChoice(reason).label;
}

/** A session's rating of a dimension, or why it has none: "4", "Did not come up", "Could not judge", "No note". */
export function ratingOrReason(session: SessionMetrics, dimension: DimensionId): string {
  const rating = session.ratings[dimension];
  return rating === null ? unratedWords(session, dimension) : String(rating);
}

export function profileRows(m: ClientMetrics, session: SessionMetrics | undefined): ProfileRow[] {
  return dimensions.map((d) => ({
    dimension: d.id,
    label: d.label,
    shortLabel: d.shortLabel,
    session: session?.ratings[d.id] ?? null,
    sessionUnrated: unratedWords(session, d.id),
    average: m.dimensionTrends[d.id].mean,
  }));
}
