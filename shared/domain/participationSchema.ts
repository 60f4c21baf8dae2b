/** A note's client-participation section, and whether each item happened. */
import { z } from 'zod';
import { textSchema } from './fields';
import { normalizeEmotion, type ParticipationItemId } from './participation';

const feelingMessage = 'Each named feeling is a word or short phrase of up to 60 characters.';

/** A named feeling: a vocabulary id or a free word, stored normalised (see `normalizeEmotion`). */
export const emotionSchema = z
  .string({ error: feelingMessage })
  .transform(normalizeEmotion)
  .pipe(z.string().min(1, feelingMessage).max(60, feelingMessage));

const flag = (what: string) => z.boolean({ error: `Tick or untick “${what}”.` });

/** What the client did to support attunement in this session. */
export const participationSchema = z.strictObject({
  bodySensations: z.strictObject({
    noted: flag('Noticed body sensations'),
    text: textSchema('The note on body sensations'),
  }),
  namedFeelings: z.strictObject({
    emotions: z
      .array(emotionSchema, { error: 'Named feelings must be a list.' })
      .max(100, 'List at most 100 named feelings.')
      .refine((list) => new Set(list).size === list.length, 'Each named feeling can be listed only once.'),
    text: textSchema('The note on named feelings'),
  }),
  feedbackToTherapist: z.strictObject({
    given: flag('Gave feedback to the therapist'),
    quote: textSchema('The client’s feedback quote'),
  }),
  mindfulBreathing: z.strictObject({
    used: flag('Used mindful breathing'),
    text: textSchema('The note on mindful breathing'),
  }),
});

/** What the client did to support attunement in this session. */
export type Participation = z.infer<typeof participationSchema>;

/** Participation with nothing recorded. */
export function emptyParticipation(): Participation {
  return {
    bodySensations: { noted: false, text: '' },
    namedFeelings: { emotions: [], text: '' },
    feedbackToTherapist: { given: false, quote: '' },
    mindfulBreathing: { used: false, text: '' },
  };
}

/** Whether an item happened in the session (named feelings: at least one feeling listed). */
export function participationOccurred(participation: Participation, item: ParticipationItemId): boolean {
  switch (item) {
    case 'bodySensations':
      return participation.bodySensations.noted;
    case 'namedFeelings':
      return participation.namedFeelings.emotions.length > 0;
    case 'feedbackToTherapist':
      return participation.feedbackToTherapist.given;
    case 'mindfulBreathing':
      return participation.mindfulBreathing.used;
  }
}
