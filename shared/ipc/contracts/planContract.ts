import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, recordIdSchema } from '../../domain/fields';
import { type TreatmentPlan, treatmentPlanSchema } from '../../domain/treatmentPlanSchema';
import { type HeldDraft, holdDraftInput } from './noteContract';
import { returns } from './returns';

/**
 * A draft plan's content as the editor holds it: main keeps the id, client, version, status and
 * timestamps. `expectedUpdatedAt` is the version the editor started from; a draft saved since
 * (in another window, or by sync) is not saved over (`conflict`).
 */
export const planDraftInput = z.strictObject({
  id: recordIdSchema,
  expectedUpdatedAt: isoDateTimeSchema,
  problems: treatmentPlanSchema.shape.problems,
  goals: treatmentPlanSchema.shape.goals,
  interventions: treatmentPlanSchema.shape.interventions,
  reviewDate: treatmentPlanSchema.shape.reviewDate,
  notes: treatmentPlanSchema.shape.notes,
});
export type PlanDraftInput = z.input<typeof planDraftInput>;

/** A signed plan whose review date has come (Today's "Plan reviews due"). */
export interface PlanReviewDue {
  clientId: string;
  planId: string;
  version: number;
  reviewDate: string;
}

/** The fields of a plan a draft carries, for the editor's typing. */
export type PlanContent = Pick<
  TreatmentPlan,
  'problems' | 'goals' | 'interventions' | 'reviewDate' | 'notes'
>;

export const planContract = {
  /** Every version of a client's treatment plan, newest version first. */
  'plans:list': { input: z.strictObject({ clientId: recordIdSchema }), output: returns<TreatmentPlan[]>() },
  /** Starts the client's first plan as a draft (version 1); refused once the client has one. */
  'plans:create': { input: z.strictObject({ clientId: recordIdSchema }), output: returns<TreatmentPlan>() },
  /** Saves a draft's content; a signed version is refused. */
  'plans:save': { input: planDraftInput, output: returns<TreatmentPlan>() },
  /** Signs a draft as it was last saved (its content hash recorded); it never changes after. */
  'plans:sign': {
    input: z.strictObject({ id: recordIdSchema, expectedUpdatedAt: isoDateTimeSchema }),
    output: returns<TreatmentPlan>(),
  },
  /**
   * Keeps a draft version's content that is not valid yet (so cannot be saved) in the vault until
   * it is saved, signed, discarded or the held draft is dropped; refused for a signed version.
   */
  'plans:holdDraft': { input: holdDraftInput, output: returns<{ heldAt: string }>() },
  /** This computer's held draft of a plan version still in draft, or null. */
  'plans:heldDraft': { input: z.strictObject({ id: recordIdSchema }), output: returns<HeldDraft | null>() },
  /** Drops this computer's held draft of a plan version (the writer kept the saved version). */
  'plans:discardHeldDraft': { input: z.strictObject({ id: recordIdSchema }), output: returns<null>() },
  /** Starts a new draft version copied from the current signed version (one draft at a time). */
  'plans:revise': { input: z.strictObject({ clientId: recordIdSchema }), output: returns<TreatmentPlan>() },
  /** Removes a draft version (audited); a signed version is never removed. */
  'plans:discard': { input: z.strictObject({ id: recordIdSchema }), output: returns<null>() },
  /** Signed plans whose review date is `today` or earlier, one per client (its current plan). */
  'plans:reviewsDue': { input: z.strictObject({ today: isoDateSchema }), output: returns<PlanReviewDue[]>() },
} as const;
