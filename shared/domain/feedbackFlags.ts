/**
 * Flags on the client's session feedback (issue 14): an item rated low (named), a reliable drop of
 * the total since the previous session's feedback, and the total below the concern line.
 */
import {
  DEFAULT_FEEDBACK_CONCERN_LINE,
  FEEDBACK_ITEM_MAX,
  feedbackItems,
  feedbackRatingSchema,
  feedbackTotal,
  type SessionFeedback,
} from './feedback';

/**
 * The drop of the total that counts as reliable. The session rating scale has no RCI in common
 * use; the outcome rating's (5 points: Miller et al. 2003) is taken, as both are four 0–10 lines
 * from the same authors with similar test–retest reliability.
 */
export const FEEDBACK_RELIABLE_DROP = 5;

/** One flag, with its message in plain words. */
export type FeedbackFlag =
  | { kind: 'item-low'; itemId: string; message: string }
  | { kind: 'reliable-drop'; change: number; message: string }
  | { kind: 'below-line'; message: string };

/**
 * The flags of one session's feedback. An item is low below a quarter of the concern line (9 of
 * 10 at the default line of 36: the share of the line each of the four items carries); a drop is
 * reliable at FEEDBACK_RELIABLE_DROP points or more. Incomplete feedback flags only low items.
 */
export function feedbackFlags(
  feedback: SessionFeedback | null | undefined,
  previous: SessionFeedback | null | undefined,
  concernLine: number = DEFAULT_FEEDBACK_CONCERN_LINE,
): FeedbackFlag[] {
  if (!feedback) return [];
  const flags: FeedbackFlag[] = [];
  const total = feedbackTotal(feedback);
  if (total !== null && total < concernLine) {
    flags.push({
      kind: 'below-line',
      message: `Below the concern line (${concernLine}): consider discussing the alliance with the client.`,
    });
  }
  const before = feedbackTotal(previous);
  if (total !== null && before !== null) {
    const change = Math.round((total - before) * 10) / 10;
    if (change <= -FEEDBACK_RELIABLE_DROP) {
      flags.push({
        kind: 'reliable-drop',
        change,
        message: `The total fell from ${before} to ${total} since the previous session’s feedback (a drop of ${FEEDBACK_RELIABLE_DROP} points or more).`,
      });
    }
  }
  const low = concernLine / feedbackItems.length;
  for (const item of feedbackItems) {
    const rating = feedback[item.id];
    // Only a valid rating: 8.55 or 11 while typing is an error to fix, not a low rating to ask about.
    if (rating !== null && feedbackRatingSchema.safeParse(rating).success && rating < low) {
      flags.push({
        kind: 'item-low',
        itemId: item.id,
        message: `${item.label} was rated low (${rating} of ${FEEDBACK_ITEM_MAX}): ask the client about it.`,
      });
    }
  }
  return flags;
}
