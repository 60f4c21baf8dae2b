import { type GoalProgress, goalProgressLabel } from '../../../../shared/domain/goalProgressSchema';
import { goalTexts } from '../../../../shared/domain/goalTexts';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import { goalsSectionLabel } from '../note/noteOutline';

/**
 * The treatment goals a signed note addressed, as the printed record shows them: each goal in
 * the plan's words as they were when the note was signed (a later revision does not reword the
 * record), its progress in words and the therapist's sentence. Nothing when the note addressed
 * no goal, so records of notes written before plans existed read as they did.
 */
export function RecordGoalsBlock({
  goalProgress,
  plans,
  signedAt,
}: {
  goalProgress: readonly GoalProgress[];
  /** The client's plan versions in the record set. */
  plans: readonly TreatmentPlan[];
  signedAt: string | null;
}) {
  if (goalProgress.length === 0) return null;
  const texts = goalTexts(plans, signedAt);
  return (
    <>
      <h3>{goalsSectionLabel} addressed</h3>
      <ul>
        {goalProgress.map((g) => {
          const level = goalProgressLabel(g.progress);
          const comment = g.comment.trim();
          return (
            <li key={g.goalId}>
              <strong>{texts.get(g.goalId) ?? 'A goal of a plan not in this record'}</strong> — {level}
              {comment ? `: ${comment}` : ''}
            </li>
          );
        })}
      </ul>
    </>
  );
}
