/**
 * The thread in every note (issue 15): which of the plan's goals the session addressed, and how
 * the client is moving toward each, on a small scale with a sentence.
 */
import { z } from 'zod';
import { recordIdSchema } from './fields';

/** Movement toward a goal since the last time it was worked on, worst to best. */
export const goalProgressLevels = [
  { value: -1, id: 'worse', label: 'Moved away' },
  { value: 0, id: 'no-change', label: 'No change' },
  { value: 1, id: 'some', label: 'Some progress' },
  { value: 2, id: 'marked', label: 'Marked progress' },
  { value: 3, id: 'met', label: 'Goal met' },
] as const;

/** A progress level in words ("Some progress"); "Progress not rated" for a goal addressed without one. */
export function goalProgressLabel(progress: number | null): string {
  return goalProgressLevels.find((l) => l.value === progress)?.label ?? 'Progress not rated';
}

const progressMessage =
  'Choose the progress on the goal: moved away, no change, some, marked progress or met.';

/** One goal addressed in the session. */
export const goalProgressSchema = z.strictObject({
  /** The goal's id in the client's treatment plan (ids carry over between plan versions). */
  goalId: recordIdSchema,
  /** Null while the therapist has marked the goal addressed but not rated it yet. */
  progress: z.int({ error: progressMessage }).min(-1, progressMessage).max(3, progressMessage).nullable(),
  comment: z
    .string({ error: 'The progress comment must be text.' })
    .max(2000, 'Keep the progress comment under 2,000 characters.')
    .default(''),
});

/** The goals a note addressed, each once. */
export const goalProgressListSchema = z
  .array(goalProgressSchema, { error: 'The goals addressed must be a list.' })
  .max(50, 'A note can address at most 50 goals.')
  .refine(
    (list) => new Set(list.map((g) => g.goalId)).size === list.length,
    'Each goal can be addressed once per note.',
  );

/** One goal addressed in a session, with its progress. */
export type GoalProgress = z.output<typeof goalProgressSchema>;
