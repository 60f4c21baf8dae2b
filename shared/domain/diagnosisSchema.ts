/**
 * A client's diagnosis (issue 15): an ICD-10-CM code from the data shipped with the app
 * (shared/diagnoses), primary or secondary, with its dates and status.
 */
import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, recordIdSchema } from './fields';

/** An ICD-10-CM code as written: a letter, two characters, then up to four after a dot. */
export const icd10CodeSchema = z
  .string({ error: 'Enter an ICD-10-CM code, e.g. F41.1.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/, 'Enter an ICD-10-CM code such as F41.1 or Z63.0.');

export const diagnosisStatusSchema = z.enum(['active', 'provisional', 'resolved', 'ruled-out'], {
  error: 'Choose a status: active, provisional, resolved or ruled out.',
});

export const diagnosisSchema = z
  .strictObject({
    id: recordIdSchema,
    clientId: recordIdSchema,
    code: icd10CodeSchema,
    /** The code's title as shipped when it was chosen, kept so the record reads the same later. */
    description: z
      .string({ error: 'The description must be text.' })
      .trim()
      .min(1, 'The diagnosis needs its description.')
      .max(500),
    rank: z.enum(['primary', 'secondary'], { error: 'Choose primary or secondary.' }),
    status: diagnosisStatusSchema,
    diagnosedOn: isoDateSchema,
    /** When it was resolved or ruled out; null while active or provisional. */
    endedOn: isoDateSchema.nullable().default(null),
    comment: z
      .string({ error: 'The comment must be text.' })
      .max(2000, 'Keep the comment under 2,000 characters.')
      .default(''),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
  })
  .superRefine((d, ctx) => {
    if (d.endedOn && d.endedOn < d.diagnosedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['endedOn'],
        message: 'The end date can’t be before the diagnosis date.',
      });
    }
  });

/** A client's diagnosis. */
export type Diagnosis = z.output<typeof diagnosisSchema>;
