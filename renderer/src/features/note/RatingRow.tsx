import { memo, useId } from 'react';
import { notObservedLabel, type RatingAnchor, type RatingValue } from '../../../../shared/domain/dimensions';
import { FieldError } from '../../components/FieldError';
import { notObservedDescription } from './ratingAnchors';

export interface RatingRowProps {
  /** The group's name, shown as its heading (the dimension's label). */
  label: string;
  /** Id of the prompt that describes the group. */
  describedBy?: string;
  anchors: readonly RatingAnchor[];
  value: RatingValue | null;
  onChange: (value: RatingValue | null) => void;
  disabled: boolean;
  error?: string;
}

/**
 * A 1–5 rating (or "Not observed") as one compact row: a radio group named by its heading, each
 * choice a small numbered box. An anchor's meaning is one hover or keyboard focus away, in a
 * tooltip that is also the choice's description (aria-describedby), so it is not printed under
 * every option; the chosen anchor's name stays beside the row.
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
    { value: null, text: notObservedLabel, name: '', tip: notObservedDescription },
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
      <div className="rating-choices">
        {choices.map((choice) => {
          const optionId = `${id}-${choice.value ?? 'none'}`;
          const tipId = `${optionId}-anchor`;
          return (
            <span
              className={choice.value === null ? 'rating-choice not-observed' : 'rating-choice'}
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
        <span className="rating-chosen" aria-hidden="true">
          {chosen ? chosen.label : ''}
        </span>
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
});
