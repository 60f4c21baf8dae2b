import { type DimensionId, dimensionIds } from '../domain/dimensions';
import type { SessionFeedback } from '../domain/feedback';
import type { GoalProgress } from '../domain/goalProgressSchema';
import type { Note, NoteStatus } from '../domain/noteSchema';
import type { RiskLevel } from '../domain/riskSchema';
import { type ParticipationItemId, participationItemIds } from '../domain/participation';
import { participationOccurred } from '../domain/participationSchema';
import type { Rupture, SessionJudgments } from '../domain/ruptureSchema';

/** A rupture without its free text: what lists, badges and charts need. */
export type RuptureSummary = Pick<
  Rupture,
  | 'id'
  | 'type'
  | 'markers'
  | 'salience'
  | 'followedLapseOf'
  | 'strategies'
  | 'outcome'
  | 'minute'
  | 'repairMinute'
>;

/** A plan goal the note addressed, without the comment: what the progress chart draws. */
export type GoalProgressSummary = Pick<GoalProgress, 'goalId' | 'progress'>;

/**
 * A note without its free text: what the renderer's index holds for lists, badges, analytics
 * and charts. Full note bodies are fetched from main on demand.
 */
export interface NoteSummary {
  id: string;
  sessionId: string;
  clientId: string;
  templateId: string;
  status: NoteStatus;
  updatedAt: string;
  signedAt: string | null;
  /** The level of the note's risk assessment; null when it has none or no level yet (issue 15). */
  riskLevel?: RiskLevel | null;
  ratings: Record<DimensionId, number | null>;
  /**
   * The unrated dimensions marked "Did not come up"; every other null rating is "Could not
   * judge". Absent means none (summaries built before issue 14, and test fixtures).
   */
  notArisen?: DimensionId[];
  ruptures: RuptureSummary[];
  judgments: SessionJudgments;
  participation: Record<ParticipationItemId, boolean>;
  emotions: string[];
  feedback: SessionFeedback | null;
  /** The plan goals the note addressed, with their progress (issue 15). Absent means none. */
  goalProgress?: GoalProgressSummary[];
}

/**
 * The shape of what summarizeNote gives: each computer keeps the summaries between unlocks
 * (main/services/noteSummaries.ts), and a copy made under another schema is not used. Bump it
 * with any change to what summarizeNote returns for the same note (noteSummarySchema.test.ts
 * pins the output of a fixture note to this number, so a change that forgets it fails there).
 */
export const NOTE_SUMMARY_SCHEMA = 1;

export function summarizeNote(note: Note): NoteSummary {
  return {
    id: note.id,
    sessionId: note.sessionId,
    clientId: note.clientId,
    templateId: note.templateId,
    status: note.status,
    updatedAt: note.updatedAt,
    signedAt: note.signed?.at ?? null,
    // A note stored before issue 15 has no `risk` field (summarized as read, not migrated).
    riskLevel: note.risk?.level ?? null,
    ratings: Object.fromEntries(dimensionIds.map((d) => [d, note.attunement[d]?.rating ?? null])) as Record<
      DimensionId,
      number | null
    >,
    notArisen: dimensionIds.filter(
      (d) => note.attunement[d]?.rating === null && note.attunement[d]?.unrated === 'did-not-come-up',
    ),
    ruptures: note.ruptures.map((r) => ({
      id: r.id,
      type: r.type,
      markers: r.markers,
      salience: r.salience,
      followedLapseOf: r.followedLapseOf,
      strategies: r.strategies,
      outcome: r.outcome,
      minute: r.minute,
      repairMinute: r.repairMinute,
    })),
    judgments: note.sessionJudgments,
    participation: Object.fromEntries(
      participationItemIds.map((item) => [item, participationOccurred(note.participation, item)]),
    ) as Record<ParticipationItemId, boolean>,
    emotions: note.participation.namedFeelings.emotions,
    feedback: note.feedback,
    // A note stored before issue 15 is summarized as read from the store, without the field.
    goalProgress: note.goalProgress?.map((g) => ({ goalId: g.goalId, progress: g.progress })) ?? [],
  };
}
