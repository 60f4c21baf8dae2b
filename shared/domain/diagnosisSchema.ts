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

/** A diagnosis's status in words: on screen, in the printed record and in review packets. */
export const diagnosisStatusLabels: Readonly<Record<z.infer<typeof diagnosisStatusSchema>, string>> = {
  active: 'Active',
  provisional: 'Provisional',
  resolved: 'Resolved',
  'ruled-out': 'Ruled out',
};

/** The statuses of a diagnosis that is still held (not resolved or ruled out). */
export const currentDiagnosisStatuses: ReadonlySet<z.infer<typeof diagnosisStatusSchema>> = new Set([
  'active',
  'provisional',
]);

/**
 * What is wrong with a diagnosis's end date, in words (none: nothing): checked for a stored or
 * imported record and for the form's input alike.
 */
export function diagnosisDateProblems(d: {
  status: z.infer<typeof diagnosisStatusSchema>;
  diagnosedOn: string;
  endedOn?: string | null | undefined;
}): string[] {
  if (!d.endedOn) return [];
  const problems: string[] = [];
  if (currentDiagnosisStatuses.has(d.status)) {
    problems.push(
      'An active or provisional diagnosis has no end date: clear the end date, or mark it resolved or ruled out.',
    );
  }
  if (d.endedOn < d.diagnosedOn) problems.push('The end date can’t be before the diagnosis date.');
  return problems;
}

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
    for (const message of diagnosisDateProblems(d))
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message });
  });

/** A client's diagnosis. */
export type Diagnosis = z.output<typeof diagnosisSchema>;

/** A diagnosis's rank in words, wherever it is shown. */
export const diagnosisRankLabels: Readonly<Record<Diagnosis['rank'], string>> = {
  primary: 'Primary',
  secondary: 'Secondary',
};

const statusOrder: Record<Diagnosis['status'], number> = {
  active: 0,
  provisional: 1,
  resolved: 2,
  'ruled-out': 3,
};

type Ordered = Pick<Diagnosis, 'rank' | 'status' | 'diagnosedOn' | 'code'>;

/**
 * The one order a client's diagnoses are listed in (on screen, in a records export, in a packet):
 * current ones (active, provisional) first, the primary before secondaries, then by status, the
 * most recently diagnosed first, then by code. A comparator for `sort`.
 */
export function byDiagnosisStanding(a: Ordered, b: Ordered): number {
  const current = (d: Ordered) => (currentDiagnosisStatuses.has(d.status) ? 0 : 1);
  const rank = (d: Ordered) => (d.rank === 'primary' ? 0 : 1);
  return (
    current(a) - current(b) ||
    rank(a) - rank(b) ||
    statusOrder[a.status] - statusOrder[b.status] ||
    (a.diagnosedOn < b.diagnosedOn ? 1 : a.diagnosedOn > b.diagnosedOn ? -1 : 0) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
