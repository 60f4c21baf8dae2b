/** What an addendum is, in words, and what a new one must carry (issue 15). */
import { z } from 'zod';
import { type Addendum, addendumTypes } from './noteSchema';

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

/** The most characters an addendum's text can have. */
export const MAX_ADDENDUM_LENGTH = 200_000;

/** A new addendum as the therapist writes it: its type, why, and the text. All three are required. */
export const newAddendumSchema = z.strictObject({
  type: z.enum(addendumTypes, {
    error: 'Choose what this addendum is: a correction, a clarification or a late entry.',
  }),
  reason: z
    .string({ error: 'Write the reason for this addendum.' })
    .trim()
    .min(1, 'Write the reason for this addendum, e.g. “Client phoned with the correct date”.')
    .max(1000, 'Keep the reason under 1,000 characters; put the detail in the addendum’s text.'),
  text: z
    .string({ error: 'Write the text of the addendum.' })
    .trim()
    .min(1, 'Write the text of the addendum.')
    .max(MAX_ADDENDUM_LENGTH, 'An addendum can be at most 200,000 characters.'),
});

/** A new addendum's type, reason and text. */
export type NewAddendum = z.input<typeof newAddendumSchema>;
