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
export const planReviewsDue = (today: string): Promise<PlanReviewDue[]> =>
  call('plans:reviewsDue', { today });
