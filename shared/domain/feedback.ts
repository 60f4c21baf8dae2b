/**
 * Optional client feedback on a session: four 0–10 ratings summed to 0–40, with a concern line
 * below which the alliance needs attention (36 is the cut-off used with the Session Rating Scale).
 */
import { z } from 'zod';

/** The four feedback items, in the order they are asked. */
export const feedbackItemIds = ['relationship', 'goals', 'approach', 'overall'] as const;

/** A feedback item id. */
export type FeedbackItemId = (typeof feedbackItemIds)[number];

/** One feedback item as shown to the writer. */
export interface FeedbackItem {
  id: FeedbackItemId;
  label: string;
  description: string;
}

/** The four feedback items. */
export const feedbackItems: readonly FeedbackItem[] = [
  {
    id: 'relationship',
    label: 'Relationship',
    description: 'Whether the client felt heard, understood and respected.',
  },
  {
    id: 'goals',
    label: 'Goals and topics',
    description: 'Whether the session worked on what the client wanted to work on.',
  },
  {
    id: 'approach',
    label: 'Approach',
    description: 'Whether the therapist’s way of working was a good fit for the client.',
  },
  { id: 'overall', label: 'Overall', description: 'How right the session felt to the client as a whole.' },
];

/** The highest rating of one item. */
export const FEEDBACK_ITEM_MAX = 10;
/** The highest total of the four items. */
export const FEEDBACK_TOTAL_MAX = 40;
/** The default concern line: a total below it is flagged. */
export const DEFAULT_FEEDBACK_CONCERN_LINE = 36;

const itemMessage = 'Enter a feedback rating from 0 to 10 (one decimal at most), or leave it blank.';

// Paper forms are scored by measuring a mark on a 10 cm line, so tenths are allowed.
const hasAtMostOneDecimal = (n: number) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9;

/** A rating schema whose every refusal says `message`. */
const ratingSchema = (message: string) =>
  z
    .number({ error: message })
    .min(0, message)
    .max(FEEDBACK_ITEM_MAX, message)
    .refine(hasAtMostOneDecimal, message)
    .nullable();

/** One feedback rating: 0–10 in steps of 0.1, or null if the client left it out. */
export const feedbackRatingSchema = ratingSchema(itemMessage);

/** An item's rating, whose message names the item: a note's error summary lists each one. */
const itemRatingSchema = (id: FeedbackItemId) => {
  const label = feedbackItems.find((item) => item.id === id)?.label ?? id;
  return ratingSchema(
    `${label}: enter a feedback rating from 0 to 10 (one decimal at most), or leave it blank.`,
  );
};

/** The client's feedback on one session. */
export const sessionFeedbackSchema = z.strictObject({
  relationship: itemRatingSchema('relationship'),
  goals: itemRatingSchema('goals'),
  approach: itemRatingSchema('approach'),
  overall: itemRatingSchema('overall'),
});

/** The client's feedback on one session. */
export type SessionFeedback = z.infer<typeof sessionFeedbackSchema>;

/** Feedback with nothing entered yet. */
export function emptyFeedback(): SessionFeedback {
  return { relationship: null, goals: null, approach: null, overall: null };
}

/** A rating that is entered but out of range or too finely divided (e.g. 11 while typing). */
const isInvalidRating = (rating: number | null): boolean =>
  rating !== null && !feedbackRatingSchema.safeParse(rating).success;

/** Whether some entered item is not a valid rating (the editor flags it). */
export function hasInvalidFeedbackItem(feedback: SessionFeedback | null | undefined): boolean {
  return feedback != null && feedbackItemIds.some((id) => isInvalidRating(feedback[id]));
}

/** Whether all four items hold valid ratings. */
export function isFeedbackComplete(feedback: SessionFeedback | null | undefined): boolean {
  return (
    feedback != null && feedbackItemIds.every((id) => feedback[id] !== null && !isInvalidRating(feedback[id]))
  );
}

/**
 * The 0–40 total, or null unless all four items hold valid ratings: a partial sum would read as
 * low, and one with an invalid item (11 of 10) as a total no client gave.
 */
export function feedbackTotal(feedback: SessionFeedback | null | undefined): number | null {
  if (!feedback || !isFeedbackComplete(feedback)) return null;
  const sum = feedbackItemIds.reduce((acc, id) => acc + (feedback[id] ?? 0), 0);
  return Math.round(sum * 10) / 10;
}

/** Whether a complete feedback total falls below the concern line; incomplete feedback is not flagged. */
export function isBelowConcernLine(
  feedback: SessionFeedback | null | undefined,
  concernLine: number = DEFAULT_FEEDBACK_CONCERN_LINE,
): boolean {
  const total = feedbackTotal(feedback);
  return total !== null && total < concernLine;
}
