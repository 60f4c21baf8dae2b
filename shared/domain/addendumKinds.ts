/** What an addendum is, in words, and what a new one must carry (issue 15). */
import { z } from 'zod';
import { type Addendum, addendumSchema, type addendumTypes } from './noteSchema';

export type AddendumType = (typeof addendumTypes)[number];

/** Each addendum type, its label and when to use it: data the form and the print share. */
export const addendumKinds: ReadonlyArray<{ id: AddendumType; label: string; description: string }> = [
  {
    id: 'correction',
    label: 'Correction',
    description: 'Something in the signed note is wrong; say what, and what is right.',
  },
  {
    id: 'clarification',
    label: 'Clarification',
    description: 'Something in the signed note is unclear or incomplete; add what it means.',
  },
  {
    id: 'late-entry',
    label: 'Late entry',
    description: 'Something from the session that was not written down at the time.',
  },
];

/** "Correction", "Clarification", "Late entry"; an addendum written before types is an "Addendum". */
export function addendumKindLabel(addendum: Pick<Addendum, 'type'>): string {
  return addendumKinds.find((k) => k.id === addendum.type)?.label ?? 'Addendum';
}

const stored = addendumSchema.shape;

/**
 * A new addendum as the therapist writes it: its type, why, and the text, all three required.
 * The stored addendum's own fields, so their limits and words are stated once (addendumSchema).
 */
export const newAddendumSchema = z.strictObject({
  type: stored.type.unwrap(),
  reason: stored.reason
    .unwrap()
    .min(1, 'Write the reason for this addendum, e.g. “Client phoned with the correct date”.'),
  text: stored.text.trim(),
});

/** A new addendum's type, reason and text. */
export type NewAddendum = z.input<typeof newAddendumSchema>;
