/** The exact content a treatment plan's signature hash covers (issue 15). */
import { canonicalJson } from './canonicalJson';
import type { TreatmentPlan } from './treatmentPlanSchema';

/** Names the shape of the signed content, so a later change to what is covered can't verify an old hash. */
export const PLAN_SIGNABLE_FORMAT = 'attune.plan.signable/1';

/**
 * Canonical JSON of the plan's identity, place in the version chain and clinical content. Status,
 * signature and timestamps are left out: they change around signing without changing what was
 * signed.
 */
export function planSignableContent(plan: TreatmentPlan): string {
  return canonicalJson({
    format: PLAN_SIGNABLE_FORMAT,
    id: plan.id,
    clientId: plan.clientId,
    version: plan.version,
    revises: plan.revises,
    problems: plan.problems,
    goals: plan.goals,
    interventions: plan.interventions,
    reviewDate: plan.reviewDate,
    notes: plan.notes,
  });
}
