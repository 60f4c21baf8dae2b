import { type DimensionId, dimensionIds } from '../domain/dimensions';
import { type SessionFeedback, feedbackItemIds } from '../domain/feedback';
import { type ParticipationItemId, participationItemIds } from '../domain/participation';
import type { RiskLevel } from '../domain/riskSchema';
import type { Session } from '../domain/sessionSchema';
import type { NoteSummary, RuptureSummary } from './noteSummary';

/**
 * Sessions and note summaries as rows of values in a fixed order, without the field names that
 * would repeat in every one of ten thousand objects: 2.3 times fewer bytes to move from main to
 * the renderer at every unlock. Both sides ship in one build, so the order needs no version.
 */

type PackedSession = [
  id: string,
  clientId: string,
  startsAt: string,
  durationMinutes: number,
  modality: Session['modality'],
  attendance: Session['attendance'],
];

type PackedRupture = [
  id: string,
  type: RuptureSummary['type'],
  markers: string[],
  salience: RuptureSummary['salience'],
  followedLapseOf: RuptureSummary['followedLapseOf'],
  strategies: string[],
  outcome: RuptureSummary['outcome'],
  minute: RuptureSummary['minute'],
  repairMinute: RuptureSummary['repairMinute'],
];

type Rating = number | null;

/** A goal addressed: its id as an index into `goalIds` (a client's goals recur in many notes), and its level. */
type PackedGoal = [goal: number, progress: Rating];

/** A packed rating that means "Did not come up". */
const NOT_ARISEN = 0;

type PackedNote = [
  id: string,
  sessionId: string,
  clientId: string,
  templateId: string,
  status: NoteSummary['status'],
  updatedAt: string,
  signedAt: string | null,
  /** The risk assessment's level; null without one (most notes). */
  riskLevel: RiskLevel | null,
  /** In `dimensionIds` order; 0 stands for "Did not come up" (a rating is 1–5, so 0 is free). */
  ratings: Rating[],
  ruptures: PackedRupture[],
  judgments: [therapistContribution: Rating, overallResolution: Rating],
  /** Bit i set: participation item i (in `participationItemIds` order) occurred. */
  participation: number,
  emotions: string[],
  /** In `feedbackItemIds` order. */
  feedback: Rating[] | null,
  /** Left off when the note addresses no plan goal, as most do: not `[]` ten thousand times. */
  goals?: PackedGoal[],
];

export interface PackedSessions {
  sessions: PackedSession[];
}

export interface PackedNoteSummaries {
  notes: PackedNote[];
  /** The goal ids the notes' goals index into; absent when no note addressed a goal. */
  goalIds?: string[];
}

export function packSessions(sessions: readonly Session[]): PackedSessions {
  return {
    sessions: sessions.map((s) => [
      s.id,
      s.clientId,
      s.startsAt,
      s.durationMinutes,
      s.modality,
      s.attendance,
    ]),
  };
}

export function unpackSessions(packed: PackedSessions): Session[] {
  return packed.sessions.map(([id, clientId, startsAt, durationMinutes, modality, attendance]) => ({
    id,
    clientId,
    startsAt,
    durationMinutes,
    modality,
    attendance,
  }));
}

export function packNoteSummaries(notes: readonly NoteSummary[]): PackedNoteSummaries {
  const goalIndex = new Map<string, number>();
  const indexOf = (goalId: string) => {
    const known = goalIndex.get(goalId);
    if (known !== undefined) return known;
    goalIndex.set(goalId, goalIndex.size);
    return goalIndex.size - 1;
  };
  // The row with the note's goals appended, if it addressed any (most notes leave the element off).
  const withGoals = (n: NoteSummary, row: PackedNote): PackedNote => {
    if (n.goalProgress?.length)
      row.push(n.goalProgress.map((g): PackedGoal => [indexOf(g.goalId), g.progress]));
    return row;
  };
  const packed = notes.map((n) =>
    withGoals(n, [
      n.id,
      n.sessionId,
      n.clientId,
      n.templateId,
      n.status,
      n.updatedAt,
      n.signedAt,
      n.riskLevel ?? null,
      dimensionIds.map((d) => (n.notArisen?.includes(d) ? NOT_ARISEN : n.ratings[d])),
      n.ruptures.map((r) => [
        r.id,
        r.type,
        r.markers,
        r.salience,
        r.followedLapseOf,
        r.strategies,
        r.outcome,
        r.minute,
        r.repairMinute,
      ]),
      [n.judgments.therapistContribution, n.judgments.overallResolution],
      participationItemIds.reduce((bits, item, i) => (n.participation[item] ? bits | (1 << i) : bits), 0),
      n.emotions,
      n.feedback && feedbackItemIds.map((item) => n.feedback![item]),
    ]),
  );
  return goalIndex.size === 0 ? { notes: packed } : { notes: packed, goalIds: [...goalIndex.keys()] };
}

export function unpackNoteSummaries(packed: PackedNoteSummaries): NoteSummary[] {
  const goalIds = packed.goalIds ?? [];
  return packed.notes.map(
    ([
      id,
      sessionId,
      clientId,
      templateId,
      status,
      updatedAt,
      signedAt,
      riskLevel,
      ratings,
      ruptures,
      judgments,
      bits,
      emotions,
      feedback,
      goals,
    ]) => ({
      id,
      sessionId,
      clientId,
      templateId,
      status,
      updatedAt,
      signedAt,
      riskLevel,
      ratings: Object.fromEntries(
        dimensionIds.map((d, i) => [d, ratings[i] === NOT_ARISEN ? null : (ratings[i] ?? null)]),
      ) as Record<DimensionId, Rating>,
      notArisen: dimensionIds.filter((_, i) => ratings[i] === NOT_ARISEN),
      ruptures: ruptures.map(
        ([rid, type, markers, salience, followedLapseOf, strategies, outcome, minute, repairMinute]) => ({
          id: rid,
          type,
          markers,
          salience,
          followedLapseOf,
          strategies,
          outcome,
          minute,
          repairMinute,
        }),
      ),
      judgments: { therapistContribution: judgments[0], overallResolution: judgments[1] },
      participation: Object.fromEntries(
        participationItemIds.map((item, i) => [item, (bits & (1 << i)) !== 0]),
      ) as Record<ParticipationItemId, boolean>,
      emotions,
      feedback:
        feedback &&
        (Object.fromEntries(
          feedbackItemIds.map((item, i) => [item, feedback[i] ?? null]),
        ) as SessionFeedback),
      goalProgress: goals?.map(([goal, progress]) => ({ goalId: goalIds[goal]!, progress })) ?? [],
    }),
  );
}
