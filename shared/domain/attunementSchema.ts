/** A note's attunement section: a rating, an observation and a response for each dimension. */
import { z } from 'zod';
import { type DimensionId, dimensionIds } from './dimensions';
import { scoreSchema, textSchema } from './fields';

/** A 1–5 attunement rating, or null for "not observed". */
export const attunementRatingSchema = scoreSchema('Rate attunement from 1 to 5, or choose “Not observed”.');

const entryMessage =
  'Each of the five dimensions needs an entry: a rating or “Not observed”, an observation and a response.';

/** One dimension's entry in a note. */
export const dimensionEntrySchema = z.strictObject(
  {
    rating: attunementRatingSchema,
    observation: textSchema('The observation'),
    response: textSchema('The response'),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? entryMessage : undefined) },
);

/** One dimension's entry in a note. */
export type DimensionEntry = z.infer<typeof dimensionEntrySchema>;

/** An entry for every one of the five dimensions (a record keyed by an enum requires all keys). */
export const attunementSchema = z.record(z.enum(dimensionIds), dimensionEntrySchema, {
  error: (issue) => (issue.code === 'invalid_type' ? 'The attunement section is missing.' : undefined),
});

/** An entry for every one of the five dimensions. */
export type Attunement = Record<DimensionId, DimensionEntry>;

/** Attunement with every dimension "not observed" and no text. */
export function emptyAttunement(): Attunement {
  const entry = (): DimensionEntry => ({ rating: null, observation: '', response: '' });
  return {
    affective: entry(),
    cognitive: entry(),
    developmental: entry(),
    rhythmic: entry(),
    empathic: entry(),
  };
}
