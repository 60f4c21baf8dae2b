/**
 * A client's treatment plan (issue 15): problems, goals with measurable objectives, the
 * interventions used, and when the plan is next reviewed. Plans are versioned: each version is
 * its own record, a draft until signed like a note; revising a signed plan starts a new draft
 * version and the signed one stays readable as it was. Goal and objective ids carry over from
 * version to version, so a note's progress on a goal (goalProgressSchema) follows the goal.
 */
import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, recordIdSchema } from './fields';
import { signatureSchema } from './noteSchema';

const planText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .min(1, `Write the ${what.toLowerCase()}.`)
    .max(max, `${what} can be at most ${max.toLocaleString('en')} characters.`);

const optionalText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, `${what} can be at most ${max.toLocaleString('en')} characters.`)
    .default('');

/** Where a goal stands in this version of the plan. */
export const goalStatusSchema = z.enum(['active', 'met', 'revised', 'discontinued'], {
  error: 'Choose a goal status: active, met, revised or discontinued.',
});

/** A goal's status in words: on screen, in the printed record and in review packets. */
export const goalStatusLabels: Readonly<Record<z.infer<typeof goalStatusSchema>, string>> = {
  active: 'Active',
  met: 'Met',
  revised: 'Revised',
  discontinued: 'Discontinued',
};

/** A measurable step toward a goal: what will be seen, by when. */
export const objectiveSchema = z.strictObject({
  id: recordIdSchema,
  text: planText('Objective', 1000),
  /** How progress on it is measured (e.g. "PHQ-9 under 10", "attends 3 of 4 sessions"). */
  measure: optionalText('How it is measured', 500),
  targetDate: isoDateSchema.nullable().default(null),
});

/** A goal of the plan, in the client's words where possible, with its objectives. */
export const planGoalSchema = z.strictObject({
  id: recordIdSchema,
  text: planText('Goal', 1000),
  /** The ids of the plan's problems this goal addresses. */
  problemIds: z.array(recordIdSchema, { error: 'A goal’s problems must be a list.' }).max(50).default([]),
  objectives: z
    .array(objectiveSchema, { error: 'Objectives must be a list.' })
    .max(20, 'A goal can have at most 20 objectives.'),
  targetDate: isoDateSchema.nullable().default(null),
  status: goalStatusSchema.default('active'),
});

/** A problem the plan addresses (presenting problem, in the therapist's words). */
export const planProblemSchema = z.strictObject({
  id: recordIdSchema,
  text: planText('Problem', 1000),
});

/** An intervention the plan uses (modality, frequency, who does what). */
export const planInterventionSchema = z.strictObject({
  id: recordIdSchema,
  text: planText('Intervention', 1000),
  /** The ids of the goals it serves; empty means all. */
  goalIds: z.array(recordIdSchema, { error: 'An intervention’s goals must be a list.' }).max(50).default([]),
});

/** One version of a client's treatment plan. */
export const treatmentPlanSchema = z
  .strictObject({
    id: recordIdSchema,
    clientId: recordIdSchema,
    /** 1 for the first plan; each revision is the highest version of the client's plans + 1. */
    version: z.int({ error: 'A plan version is a whole number.' }).min(1).max(10_000),
    /** The version this one revises (null for the first). */
    revises: recordIdSchema.nullable().default(null),
    status: z.enum(['draft', 'signed'], { error: 'A plan is either a draft or signed.' }),
    problems: z
      .array(planProblemSchema, { error: 'Problems must be a list.' })
      .max(50, 'A plan can list at most 50 problems.'),
    goals: z
      .array(planGoalSchema, { error: 'Goals must be a list.' })
      .max(50, 'A plan can hold at most 50 goals.'),
    interventions: z
      .array(planInterventionSchema, { error: 'Interventions must be a list.' })
      .max(50, 'A plan can list at most 50 interventions.'),
    /** The date the plan is next reviewed; Today reminds once it has passed. */
    reviewDate: isoDateSchema,
    /** Free text: the client's strengths, frequency of sessions, anything the plan needs beside. */
    notes: optionalText('The plan’s notes', 20_000),
    signed: signatureSchema.optional(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .superRefine((plan, ctx) => {
    if (plan.status === 'signed' && !plan.signed) {
      ctx.addIssue({ code: 'custom', path: ['signed'], message: 'A signed plan needs its signature.' });
    }
    if (plan.status === 'draft' && plan.signed) {
      ctx.addIssue({ code: 'custom', path: ['signed'], message: 'A draft plan can’t carry a signature.' });
    }
    const ids = [
      ...plan.problems.map((p) => p.id),
      ...plan.goals.flatMap((g) => [g.id, ...g.objectives.map((o) => o.id)]),
      ...plan.interventions.map((i) => i.id),
    ];
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['goals'],
        message: 'Each problem, goal, objective and intervention needs its own id.',
      });
    }
    const problemIds = new Set(plan.problems.map((p) => p.id));
    plan.goals.forEach((g, i) => {
      if (g.problemIds.some((id) => !problemIds.has(id))) {
        ctx.addIssue({
          code: 'custom',
          path: ['goals', i, 'problemIds'],
          message: 'A goal can only refer to the plan’s own problems.',
        });
      }
    });
  });

/** One version of a client's treatment plan. */
export type TreatmentPlan = z.output<typeof treatmentPlanSchema>;
/** A goal of a treatment plan. */
export type PlanGoal = z.output<typeof planGoalSchema>;
/** A goal's measurable objective. */
export type Objective = z.output<typeof objectiveSchema>;
