import { memo, useId, useMemo } from 'react';
import { type ParticipationItem, participationItems } from '../../../../shared/domain/participation';
import type { Participation } from '../../../../shared/domain/participationSchema';
import { includableSectionLabels } from '../../../../shared/domain/templates';
import { TextAreaField } from '../../components/TextAreaField';
import { EmotionPicker } from './EmotionPicker';
import { errorUnder, type FieldErrors, type Updater } from './noteDraft';

const item = (id: ParticipationItem['id']) => participationItems.find((i) => i.id === id)!;
const body = item('bodySensations');
const feelings = item('namedFeelings');
const feedback = item('feedbackToTherapist');
const breathing = item('mindfulBreathing');

export interface ParticipationSectionProps {
  value: Participation;
  readOnly: boolean;
  errors: FieldErrors;
  onChange: Updater<Participation>;
}

/**
 * Whether a change from `before` to `after` starts an item's text. Every item's prompt describes
 * it having happened, so the item is ticked then: a quote under an unticked "Gave feedback" would
 * be found by search yet counted as "No" in the charts and packets.
 */
const startsText = (before: string, after: string): boolean => !before.trim() && after.trim() !== '';

/** What the client did to support attunement: four items, each a tick and a note. */
export const ParticipationSection = memo(function ParticipationSection({
  value,
  readOnly,
  errors,
  onChange,
}: ParticipationSectionProps) {
  const set = useMemo(
    () => ({
      bodyNoted: (noted: boolean) =>
        onChange((p) => ({ ...p, bodySensations: { ...p.bodySensations, noted } })),
      bodyText: (text: string) =>
        onChange((p) => ({
          ...p,
          bodySensations: { text, noted: p.bodySensations.noted || startsText(p.bodySensations.text, text) },
        })),
      emotions: (emotions: string[]) =>
        onChange((p) => ({ ...p, namedFeelings: { ...p.namedFeelings, emotions } })),
      feelingsText: (text: string) =>
        onChange((p) => ({ ...p, namedFeelings: { ...p.namedFeelings, text } })),
      feedbackGiven: (given: boolean) =>
        onChange((p) => ({ ...p, feedbackToTherapist: { ...p.feedbackToTherapist, given } })),
      feedbackQuote: (quote: string) =>
        onChange((p) => ({
          ...p,
          feedbackToTherapist: {
            quote,
            given: p.feedbackToTherapist.given || startsText(p.feedbackToTherapist.quote, quote),
          },
        })),
      breathingUsed: (used: boolean) =>
        onChange((p) => ({ ...p, mindfulBreathing: { ...p.mindfulBreathing, used } })),
      breathingText: (text: string) =>
        onChange((p) => ({
          ...p,
          mindfulBreathing: {
            text,
            used: p.mindfulBreathing.used || startsText(p.mindfulBreathing.text, text),
          },
        })),
    }),
    [onChange],
  );

  return (
    <section className="note-section card">
      <h2>{includableSectionLabels.participation}</h2>
      <p className="muted">What the client did, in this session, that supported attunement.</p>
      <Flag item={body} checked={value.bodySensations.noted} onChange={set.bodyNoted} readOnly={readOnly} />
      <ItemText
        item={body}
        checked={value.bodySensations.noted}
        value={value.bodySensations.text}
        onChange={set.bodyText}
        readOnly={readOnly}
        error={errors['participation.bodySensations.text']}
      />
      <fieldset className="participation-item">
        <legend>{feelings.label}</legend>
        <p className="field-description">{feelings.description}</p>
        <EmotionPicker
          selected={value.namedFeelings.emotions}
          onChange={set.emotions}
          readOnly={readOnly}
          error={errorUnder(errors, 'participation.namedFeelings.emotions')}
        />
        <TextAreaField
          label={feelings.textLabel}
          placeholder={feelings.prompt}
          value={value.namedFeelings.text}
          onChange={set.feelingsText}
          readOnly={readOnly}
          error={errors['participation.namedFeelings.text']}
        />
      </fieldset>
      <Flag
        item={feedback}
        checked={value.feedbackToTherapist.given}
        onChange={set.feedbackGiven}
        readOnly={readOnly}
      />
      <ItemText
        item={feedback}
        checked={value.feedbackToTherapist.given}
        value={value.feedbackToTherapist.quote}
        onChange={set.feedbackQuote}
        readOnly={readOnly}
        error={errors['participation.feedbackToTherapist.quote']}
        className="quote"
      />
      <Flag
        item={breathing}
        checked={value.mindfulBreathing.used}
        onChange={set.breathingUsed}
        readOnly={readOnly}
      />
      <ItemText
        item={breathing}
        checked={value.mindfulBreathing.used}
        value={value.mindfulBreathing.text}
        onChange={set.breathingText}
        readOnly={readOnly}
        error={errors['participation.mindfulBreathing.text']}
      />
    </section>
  );
});

/** An item's checkbox, labelled by the item and described by what it means. */
function Flag({
  item,
  checked,
  onChange,
  readOnly,
}: {
  item: ParticipationItem;
  checked: boolean;
  onChange: (checked: boolean) => void;
  readOnly: boolean;
}) {
  const id = useId();
  return (
    <div className="participation-flag">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={readOnly}
        aria-describedby={`${id}-description`}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{item.label}</label>
      <p id={`${id}-description`} className="field-description">
        {item.description}
      </p>
    </div>
  );
}

/**
 * An item's text field; while the item has text but is not ticked (unticked after writing, or an
 * older note), a line under it says the charts do not count it.
 */
function ItemText({
  item,
  checked,
  value,
  onChange,
  readOnly,
  error,
  className,
}: {
  item: ParticipationItem;
  checked: boolean;
  value: string;
  onChange: (text: string) => void;
  readOnly: boolean;
  error: string | undefined;
  className?: string;
}) {
  const id = useId();
  const uncounted = !checked && value.trim() !== '';
  return (
    <>
      <TextAreaField
        label={item.textLabel}
        placeholder={item.prompt}
        value={value}
        onChange={onChange}
        readOnly={readOnly}
        error={error}
        className={className}
        describedBy={uncounted ? `${id}-uncounted` : undefined}
      />
      {uncounted && (
        <p id={`${id}-uncounted`} className="field-description">
          {readOnly
            ? `Not counted in the charts: “${item.label}” is not ticked.`
            : `Not counted in the charts until “${item.label}” is ticked.`}
        </p>
      )}
    </>
  );
}
