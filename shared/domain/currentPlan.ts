/**
 * Which of a client's treatment plan versions counts (issue 15). Pure functions over the list of
 * a client's plan versions, in any order, so the renderer, main and the note editor agree.
 */
import type { PlanGoal, TreatmentPlan } from './treatmentPlanSchema';

/** The plan in force: the signed version with the highest version number, or null. */
export function currentPlan(plans: readonly TreatmentPlan[]): TreatmentPlan | null {
  return newest(plans.filter((p) => p.status === 'signed'));
}

/** The draft being written (there is at most one; the newest if an old vault holds more), or null. */
export function latestDraft(plans: readonly TreatmentPlan[]): TreatmentPlan | null {
  return newest(plans.filter((p) => p.status === 'draft'));
}

/**
 * The goals a note can address: the current plan's goals with status 'active'. Before any
 * version is signed, the newest draft's active goals, so a therapist can mark progress from the
 * first sessions while the first plan is still being written; once a plan is signed, a draft
 * revision's goals wait until it is signed too (the signed plan is what the work is against).
 */
export function activeGoals(plans: readonly TreatmentPlan[]): PlanGoal[] {
  const plan = currentPlan(plans) ?? latestDraft(plans);
  return plan ? plan.goals.filter((g) => g.status === 'active') : [];
}

/**
 * Whether the plan's review is due on `today` (a yyyy-mm-dd date in the therapist's zone): from
 * its review date on. ISO dates compare as text.
 */
export function planReviewDue(plan: Pick<TreatmentPlan, 'reviewDate'>, today: string): boolean {
  return plan.reviewDate <= today;
}

/** The versions newest first (highest version number first). */
export function newestFirst(plans: readonly TreatmentPlan[]): TreatmentPlan[] {
  return [...plans].sort((a, b) => b.version - a.version || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function newest(plans: readonly TreatmentPlan[]): TreatmentPlan | null {
  return newestFirst(plans)[0] ?? null;
}
