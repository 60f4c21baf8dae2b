/** The words the plan screens use for a plan's vocabularies. */
import type { PlanGoal } from '../../../../shared/domain/treatmentPlanSchema';

/** A goal's status as shown. */
export const goalStatusLabels: Readonly<Record<PlanGoal['status'], string>> = {
  active: 'Active',
  met: 'Met',
  revised: 'Revised',
  discontinued: 'Discontinued',
};

/** One sentence on what a treatment plan is for, said once in the empty state. */
export const planPurpose =
  'A treatment plan records what you and the client are working on: the problems, the goals with measurable objectives, how you will work, and when you will review it together. Signed like a note; each revision is kept as a new version.';
