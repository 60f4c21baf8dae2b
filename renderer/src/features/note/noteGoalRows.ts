/** The goal rows of a note's Treatment goals section (GoalsSection), from the client's plan versions. */
import { activeGoals } from '../../../../shared/domain/currentPlan';
import type { GoalProgress } from '../../../../shared/domain/goalProgressSchema';
import { goalTexts } from '../../../../shared/domain/goalTexts';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';

/** What a goal row shows: the goal, in the plan's words, and what the note says about it. */
export interface NoteGoalRow {
  goalId: string;
  text: string;
  targetDate: string | null;
  /** The note's entry, when the goal was addressed this session. */
  entry: GoalProgress | undefined;
  /** The entry's place in `note.goalProgress`, for its validation messages. */
  index: number;
}

/**
 * The rows to show: for a draft, the plan's active goals, then any goal the note addressed that
 * is no longer active (its entry is kept, not dropped); for a signed note, the goals it addressed.
 */
export function noteGoalRows(
  plans: readonly TreatmentPlan[],
  value: readonly GoalProgress[],
  readOnly: boolean,
  signedAt: string | null,
): NoteGoalRow[] {
  const texts = goalTexts(plans, signedAt);
  const entries = new Map(value.map((g, index) => [g.goalId, { entry: g, index }]));
  const row = (goalId: string, text: string | undefined, targetDate: string | null): NoteGoalRow => ({
    goalId,
    text: text ?? 'A goal no longer in any version of the plan',
    targetDate,
    entry: entries.get(goalId)?.entry,
    index: entries.get(goalId)?.index ?? -1,
  });
  if (readOnly) return value.map((g) => row(g.goalId, texts.get(g.goalId), null));
  const active = activeGoals(plans);
  const shown = new Set(active.map((g) => g.id));
  return [
    ...active.map((g) => row(g.id, g.text, g.targetDate)),
    ...value.filter((g) => !shown.has(g.goalId)).map((g) => row(g.goalId, texts.get(g.goalId), null)),
  ];
}
