import { memo, type ReactNode, useId } from 'react';
import { FieldError } from './FieldError';

/** One checkbox of a group; `description` is shown beside it and read as its description. */
export interface CheckboxOption {
  value: string;
  label: string;
  description?: string;
}

export interface CheckboxGroupProps {
  /** The group's accessible name, shown as its legend. */
  label: string;
  description?: ReactNode;
  options: readonly CheckboxOption[];
  /** The chosen values; order is kept as chosen. */
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  disabled?: boolean;
  error?: string;
  layout?: 'columns' | 'inline' | 'list';
}

/** A set of checkboxes in a `<fieldset>` named by its legend; reports the whole new selection. */
export const CheckboxGroup = memo(function CheckboxGroup({
  label,
  description,
  options,
  selected,
  onChange,
  disabled = false,
  error,
  layout = 'columns',
}: CheckboxGroupProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describers = [description ? descriptionId : undefined, error ? errorId : undefined]
    .filter(Boolean)
    .join(' ');
  const chosen = new Set(selected);
  return (
    <fieldset
      className={`checks ${layout}`}
      aria-describedby={describers || undefined}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
    >
      <legend>{label}</legend>
      {description && (
        <div id={descriptionId} className="field-description">
          {description}
        </div>
      )}
      <div className="choice-list">
        {options.map((option, i) => {
          const optionId = `${id}-${i}`;
          return (
            <div className="choice" key={option.value}>
              <input
                id={optionId}
                type="checkbox"
                checked={chosen.has(option.value)}
                disabled={disabled}
                aria-describedby={option.description ? `${optionId}-description` : undefined}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...selected, option.value]
                      : selected.filter((value) => value !== option.value),
                  )
                }
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
});
