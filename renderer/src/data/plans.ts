/** A client's treatment plan versions, through main (issue 15). */
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import type { PlanDraftInput, PlanReviewDue } from '../../../shared/ipc/contract';
import { call } from './api';

/** Every version of the client's plan, newest first. */
export const listPlans = (clientId: string): Promise<TreatmentPlan[]> => call('plans:list', { clientId });

/** Starts the client's first plan as an empty draft. */
export const createPlan = (clientId: string): Promise<TreatmentPlan> => call('plans:create', { clientId });

/** Saves a draft over the version `input.expectedUpdatedAt`. */
export const savePlanDraft = (input: PlanDraftInput): Promise<TreatmentPlan> => call('plans:save', input);

/** Signs a draft as last saved. */
export const signPlan = (id: string, expectedUpdatedAt: string): Promise<TreatmentPlan> =>
  call('plans:sign', { id, expectedUpdatedAt });

/** Starts the next version as a draft copied from the signed one. */
export const revisePlan = (clientId: string): Promise<TreatmentPlan> => call('plans:revise', { clientId });

/** Removes a draft version. */
export const discardPlanDraft = async (id: string): Promise<void> => {
  await call('plans:discard', { id });
};

/** Each client's signed plan whose review date is `today` (yyyy-mm-dd) or earlier. */
export const planReviewsDue = (today: string): Promise<PlanReviewDue[]> => {
  const asked = early;
  early = null;
  if (asked && asked.today === today && Date.now() - asked.at < EARLY_FOR_MS) return asked.answer;
  return call('plans:reviewsDue', { today });
};

/**
 * The reviews due asked for at unlock with Today's slice (fillIndex), before the caseload's
 * transfer: main answers in order, so asked once Today is drawn they waited behind every summary.
 * The Today page that opens then takes it (once, and only while fresh).
 */
let early: { today: string; at: number; answer: Promise<PlanReviewDue[]> } | null = null;
const EARLY_FOR_MS = 10_000;

/** Asks main for the reviews due now, for the Today page about to open (see `early`). */
export function askPlanReviewsEarly(today: string): void {
  const answer = call('plans:reviewsDue', { today });
  answer.catch(() => undefined); // the page that takes it reports nothing either (PlanReviewsDue)
  early = { today, at: Date.now(), answer };
}

/** Forgets an early answer not taken (at lock: nothing of the vault stays in the renderer). */
export function forgetEarlyPlanReviews(): void {
  early = null;
}
