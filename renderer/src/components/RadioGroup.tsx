import { memo, type ReactNode, useId } from 'react';
import { FieldError } from './FieldError';

/** One choice of a radio group; `description` is shown beside it and read as its description. */
export interface RadioOption<V> {
  value: V;
  label: ReactNode;
  description?: string;
}

export interface RadioGroupProps<V> {
  /** The group's accessible name, shown as its legend. */
  label: string;
  /** Render the legend as a heading of this level, for groups that head a block. */
  heading?: 'h3' | 'h4';
  /** Visible help under the legend. */
  description?: ReactNode;
  options: readonly RadioOption<V>[];
  value: V;
  onChange: (value: V) => void;
  disabled?: boolean;
  error?: string;
  /** 'cards' lays options out side by side with their descriptions; 'inline' in a row; 'list' stacked. */
  layout?: 'cards' | 'inline' | 'list';
}

/**
 * A radio group as a `<fieldset role="radiogroup">` named by its legend. Values may be numbers,
 * strings or null (e.g. "Not observed"); they are compared by identity, never parsed from the DOM.
 */
function RadioGroupBase<V extends string | number | null>({
  label,
  heading,
  description,
  options,
  value,
  onChange,
  disabled = false,
  error,
  layout = 'inline',
}: RadioGroupProps<V>) {
  const id = useId();
  const legendId = `${id}-legend`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const Heading = heading;
  const describers = [description ? descriptionId : undefined, error ? errorId : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows role="radiogroup" on a fieldset, which keeps its legend as the name and `disabled` for the whole group.
      role="radiogroup"
      className={`choices ${layout}`}
      aria-labelledby={legendId}
      aria-describedby={describers || undefined}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
    >
      <legend id={legendId}>{Heading ? <Heading className="legend-heading">{label}</Heading> : label}</legend>
      {description && (
        <div id={descriptionId} className="field-description">
          {description}
        </div>
      )}
      <div className="choice-list">
        {options.map((option, i) => {
          const optionId = `${id}-${i}`;
          return (
            <div className="choice" key={String(option.value)}>
              <input
                id={optionId}
                type="radio"
                name={id}
                checked={option.value === value}
                onChange={() => onChange(option.value)}
                disabled={disabled}
                aria-describedby={option.description ? `${optionId}-description` : undefined}
              />
              <label htmlFor={optionId} className="choice-label">
                {option.label}
              </label>
              {option.description && (
                <span id={`${optionId}-description`} className="choice-description">
                  {option.description}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}

/** A memoised radio group (see RadioGroupBase). */
export const RadioGroup = memo(RadioGroupBase) as typeof RadioGroupBase;
