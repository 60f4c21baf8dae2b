import { memo, useEffect, useId, useMemo, useRef } from 'react';
import {
  emptyFeedback,
  FEEDBACK_ITEM_MAX,
  FEEDBACK_TOTAL_MAX,
  type FeedbackItemId,
  feedbackItems,
  feedbackTotal,
  hasInvalidFeedbackItem,
  type SessionFeedback,
} from '../../../../shared/domain/feedback';
import { feedbackFlags } from '../../../../shared/domain/feedbackFlags';
import { includableSectionLabels } from '../../../../shared/domain/templates';
import { NumberField } from '../../components/NumberField';
import type { FieldErrors, Updater } from './noteDraft';

export interface FeedbackSectionProps {
  /** Null when the client gave no feedback this session. */
  value: SessionFeedback | null;
  /** The previous session's feedback (the latest earlier note with some), for the drop flag. */
  previous?: SessionFeedback | null;
  concernLine: number;
  readOnly: boolean;
  errors: FieldErrors;
  onChange: Updater<SessionFeedback | null>;
}

/** The client's four 0–10 ratings, their total, and its flags: below the concern line, a reliable drop, a low item. */
export const FeedbackSection = memo(function FeedbackSection({
  value,
  previous = null,
  concernLine,
  readOnly,
  errors,
  onChange,
}: FeedbackSectionProps) {
  // Ticking "No feedback" and unticking it again brings the ratings back rather than losing them.
  const lastRatings = useRef<SessionFeedback | null>(value);
  useEffect(() => {
    if (value) lastRatings.current = value;
  }, [value]);
  const id = useId();
  const setters = useMemo(
    () =>
      Object.fromEntries(
        feedbackItems.map((item) => [
          item.id,
          (rating: number | null) => onChange((f) => ({ ...(f ?? emptyFeedback()), [item.id]: rating })),
        ]),
      ) as Record<FeedbackItemId, (rating: number | null) => void>,
    [onChange],
  );
  const total = feedbackTotal(value);
  const flags = feedbackFlags(value, previous, concernLine);

  return (
    <section className="note-section card">
      <h2>{includableSectionLabels.feedback}</h2>
      <p className="muted">
        The client’s own ratings of the session, each from 0 to {FEEDBACK_ITEM_MAX} (one decimal allowed).
      </p>
      <div className="participation-flag">
        <input
          id={id}
          type="checkbox"
          checked={value === null}
          disabled={readOnly}
          onChange={(e) =>
            onChange(() => (e.target.checked ? null : (lastRatings.current ?? emptyFeedback())))
          }
        />
        <label htmlFor={id}>No feedback this session</label>
      </div>
      {value && (
        <>
          <div className="feedback-grid">
            {feedbackItems.map((item) => (
              <NumberField
                key={item.id}
                label={item.label}
                description={item.description}
                value={value[item.id]}
                onChange={setters[item.id]}
                min={0}
                max={FEEDBACK_ITEM_MAX}
                step={0.1}
                readOnly={readOnly}
                error={errors[`feedback.${item.id}`]}
              />
            ))}
          </div>
          <p className="feedback-total">
            {total !== null
              ? `Total ${total} / ${FEEDBACK_TOTAL_MAX}`
              : hasInvalidFeedbackItem(value)
                ? `Total — / ${FEEDBACK_TOTAL_MAX}: correct the flagged rating to see the total.`
                : `Total — / ${FEEDBACK_TOTAL_MAX}: rate all four items to see the total.`}
          </p>
        </>
      )}
      <div role="status" className="concern">
        {flags.map((flag) => (
          <p key={`${flag.kind}-${'itemId' in flag ? flag.itemId : ''}`}>{flag.message}</p>
        ))}
      </div>
    </section>
  );
});
