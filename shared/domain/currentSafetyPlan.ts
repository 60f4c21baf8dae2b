/** Which safety plan is a client's, everywhere it is read (the Risk tab, a records export). */
import type { SafetyPlan } from './riskSchema';

/**
 * The client's safety plan: the latest revision among the client's plans. One per client is
 * written, but two computers may each have made one before they synced. Ties go to the higher id,
 * so every reader picks the same one. Null when the client has none.
 */
export function currentSafetyPlan(plans: Iterable<SafetyPlan>, clientId: string): SafetyPlan | null {
  let found: SafetyPlan | null = null;
  for (const plan of plans) {
    if (plan.clientId !== clientId) continue;
    if (
      !found ||
      plan.updatedAt > found.updatedAt ||
      (plan.updatedAt === found.updatedAt && plan.id > found.id)
    )
      found = plan;
  }
  return found;
}
