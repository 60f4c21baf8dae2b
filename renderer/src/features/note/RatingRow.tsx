import { memo, useId } from 'react';
import {
  type RatingAnchor,
  type RatingValue,
  type UnratedReason,
  unratedChoices,
} from '../../../../shared/domain/dimensions';
import { FieldError } from '../../components/FieldError';

/** One answer of the row: a 1–5 rating, or why there is none. */
export type RatingChoice = RatingValue | UnratedReason;

export interface RatingRowProps {
  /** The group's name, shown as its heading (the dimension's label). */
  label: string;
  /** Id of the prompt that describes the group. */
  describedBy?: string;
  anchors: readonly RatingAnchor[];
  value: RatingChoice;
  onChange: (value: RatingChoice) => void;
  disabled: boolean;
  error?: string;
}

/**
 * A 1–5 rating (or "Did not come up", or "Could not judge") as one compact row: a radio group named by its heading, each
 * choice a small numbered box. An anchor's meaning is one hover or keyboard focus away, in a
 * tooltip that is also the choice's description (aria-describedby), so it is not printed under
 * every option; the chosen anchor's name stays under the row's name, so every row is one height.
 */
export const RatingRow = memo(function RatingRow({
  label,
  describedBy,
  anchors,
  value,
  onChange,
  disabled,
  error,
}: RatingRowProps) {
  const id = useId();
  const legendId = `${id}-legend`;
  const errorId = `${id}-error`;
  const chosen = anchors.find((a) => a.value === value);
  const choices = [
    ...anchors.map((a) => ({ value: a.value, text: String(a.value), name: a.label, tip: a.description })),
    ...unratedChoices.map((c) => ({ value: c.id, text: c.label, name: '', tip: c.description })),
  ];
  const describers = [describedBy, error ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <fieldset
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows role="radiogroup" on a fieldset, which keeps its legend as the name and `disabled` for the whole group.
      role="radiogroup"
      className="rating-row"
      aria-labelledby={legendId}
      aria-describedby={describers || undefined}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
    >
      <legend id={legendId}>
        <h3 className="legend-heading">{label}</h3>
      </legend>
      {/* Under the name, not after the boxes: a longer anchor ("Adequate") would wrap the row there. */}
      <span className="rating-chosen" aria-hidden="true">
        {chosen ? chosen.label : ''}
      </span>
      <div className="rating-choices">
        {choices.map((choice) => {
          const optionId = `${id}-${choice.value}`;
          const tipId = `${optionId}-anchor`;
          return (
            <span
              className={typeof choice.value === 'string' ? 'rating-choice not-observed' : 'rating-choice'}
              key={optionId}
            >
              <input
                id={optionId}
                type="radio"
                name={id}
                checked={choice.value === value}
                onChange={() => onChange(choice.value)}
                disabled={disabled}
                aria-describedby={tipId}
              />
              <label htmlFor={optionId}>
                {choice.text}
                {choice.name && <span className="visually-hidden"> {choice.name}</span>}
              </label>
              <span role="tooltip" id={tipId} className="anchor-tip">
                {choice.name && <strong>{choice.name}. </strong>}
                {choice.tip}
              </span>
            </span>
          );
        })}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
});
