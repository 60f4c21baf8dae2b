import { z } from 'zod';
import type { IcdCode } from '../../diagnoses/icd10cm';
import { type Diagnosis, diagnosisDateProblems, diagnosisSchema } from '../../domain/diagnosisSchema';
import { isoDateTimeSchema, recordIdSchema } from '../../domain/fields';
import { returns } from './returns';

const { shape } = diagnosisSchema;

// The rule lives with the record's schema; the form's code imports it from here too.
export { currentDiagnosisStatuses } from '../../domain/diagnosisSchema';

/**
 * A client's diagnosis as the form sends it: main adds the code's title from the shipped
 * ICD-10-CM list (an unknown code is refused), the id of a new one and the timestamps.
 * `expectedUpdatedAt`: only over that version (null: a new diagnosis), else refused with
 * `conflict`. A client holds at most one current (active or provisional) primary diagnosis.
 */
export const diagnosisSaveInput = z
  .strictObject({
    /** The diagnosis edited; absent for a new one. */
    id: recordIdSchema.optional(),
    clientId: recordIdSchema,
    code: shape.code,
    rank: shape.rank,
    status: shape.status,
    diagnosedOn: shape.diagnosedOn,
    endedOn: shape.endedOn,
    comment: shape.comment,
    expectedUpdatedAt: isoDateTimeSchema.nullable(),
  })
  .superRefine((input, ctx) => {
    for (const message of diagnosisDateProblems(input))
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message });
    if ((input.id === undefined) !== (input.expectedUpdatedAt === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['expectedUpdatedAt'],
        message:
          'A new diagnosis has no version to save over; an edited one names the version it started from.',
      });
    }
  });
export type DiagnosisSaveInput = z.input<typeof diagnosisSaveInput>;

export const icdSearchInput = z.strictObject({
  query: z
    .string({ error: 'Type a code or words to search for.' })
    .max(200, 'Keep the search under 200 characters.'),
  limit: z.int({ error: 'The limit is a whole number.' }).min(1).max(50).optional(),
});

export const diagnosisContract = {
  /** A client's diagnoses: current primary first, then current ones, then ended, newest first. */
  'diagnoses:list': { input: z.strictObject({ clientId: recordIdSchema }), output: returns<Diagnosis[]>() },
  /** Creates or edits a client's diagnosis (audited). */
  'diagnoses:save': { input: diagnosisSaveInput, output: returns<Diagnosis>() },
  /** Removes a diagnosis entered by mistake (audited); a resolved one is better marked resolved. */
  'diagnoses:delete': { input: z.strictObject({ id: recordIdSchema }), output: returns<null>() },
  /**
   * The shipped ICD-10-CM codes matching a code or words, best first. Answered in main, which
   * holds the code list anyway to check what is saved; the renderer bundle stays without it.
   */
  'icd:search': { input: icdSearchInput, output: returns<IcdCode[]>() },
} as const;
