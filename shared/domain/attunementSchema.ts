/** A note's attunement section: a rating, an observation and a response for each dimension. */
import { z } from 'zod';
import { type DimensionId, dimensionIds, type UnratedReason, unratedReasonIds } from './dimensions';
import { scoreSchema, textSchema } from './fields';

/** A 1–5 attunement rating, or null when the dimension is not rated (`unrated` says why). */
export const attunementRatingSchema = scoreSchema(
  'Rate attunement from 1 to 5, or choose “Did not come up” or “Could not judge”.',
);

/** Why a dimension is not rated, as a schema. */
export const unratedReasonSchema = z.enum(unratedReasonIds, {
  error: 'Choose why there is no rating: “Did not come up” or “Could not judge”.',
});

const entryMessage =
  'Each of the five dimensions needs an entry: a rating, “Did not come up” or “Could not judge”, an observation and a response.';

/**
 * Why an entry read from storage has no rating. Notes written before issue 14 hold only
 * `rating: null`, which the editor offered as "Not observed" and described as "Could not be
 * judged in this session": that description is what the writer chose, so such an entry reads as
 * "could-not-judge". The migration happens here, on every read (old vault records, old
 * interchange files, drafts autosaved by an older window), and nothing is rewritten on disk; a
 * signature over the old shape still verifies because `signableContent` leaves out the default
 * (see there). A rated entry never carries a reason.
 */
export function migrateUnrated(
  rating: number | null,
  unrated: UnratedReason | null | undefined,
): UnratedReason | null {
  if (rating !== null) return null;
  return unrated ?? 'could-not-judge';
}

/** One dimension's entry in a note. */
export const dimensionEntrySchema = z
  .strictObject(
    {
      rating: attunementRatingSchema,
      /** Why there is no rating; null when rated. Absent in notes before issue 14. */
      unrated: unratedReasonSchema.nullable().optional(),
      observation: textSchema('The observation'),
      response: textSchema('The response'),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? entryMessage : undefined) },
  )
  .transform(({ rating, unrated, observation, response }) => ({
    rating,
    unrated: migrateUnrated(rating, unrated),
    observation,
    response,
  }));

/** One dimension's entry in a note. */
export type DimensionEntry = z.output<typeof dimensionEntrySchema>;

/** An entry for every one of the five dimensions (a record keyed by an enum requires all keys). */
export const attunementSchema = z.record(z.enum(dimensionIds), dimensionEntrySchema, {
  error: (issue) => (issue.code === 'invalid_type' ? 'The attunement section is missing.' : undefined),
});

/** An entry for every one of the five dimensions. */
export type Attunement = Record<DimensionId, DimensionEntry>;

/**
 * Attunement with no rating and no text. The empty rating reads "Could not judge", as the old
 * single choice did, so a dimension the writer never touches is not claimed to have not come up.
 */
export function emptyAttunement(): Attunement {
  const entry = (): DimensionEntry => ({
    rating: null,
    unrated: 'could-not-judge',
    observation: '',
    response: '',
  });
  return {
    affective: entry(),
    cognitive: entry(),
    developmental: entry(),
    rhythmic: entry(),
    empathic: entry(),
  };
}
