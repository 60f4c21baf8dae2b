import { type ChangeEvent, memo, useCallback, useId } from 'react';
import { FieldError } from './FieldError';

export interface TextAreaFieldProps {
  /** Visible label; omit it when `labelledBy` names the field (e.g. a section heading). */
  label?: string;
  /** Id of an element that names the field instead of a visible label. */
  labelledBy?: string;
  /** Visible help text under the label, tied to the field with aria-describedby. */
  description?: string;
  /** Ids of further describing elements (e.g. a shared prompt). */
  describedBy?: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  readOnly?: boolean;
  error?: string;
  className?: string;
}

/**
 * A labelled, described textarea. Memoised: it re-renders only when its own props change, so a
 * long text elsewhere on the page costs nothing while typing here.
 */
export const TextAreaField = memo(function TextAreaField({
  label,
  labelledBy,
  description,
  describedBy,
  placeholder,
  value,
  onChange,
  readOnly = false,
  error,
  className,
}: TextAreaFieldProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const handleChange = useCallback(
    (event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value),
    [onChange],
  );
  const describers = [describedBy, description ? descriptionId : undefined, error ? errorId : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      {label && <label htmlFor={id}>{label}</label>}
      {description && (
        <p id={descriptionId} className="field-description">
          {description}
        </p>
      )}
      <textarea
        id={id}
        aria-labelledby={label ? undefined : labelledBy}
        aria-describedby={describers || undefined}
        aria-invalid={error ? true : undefined}
        placeholder={placeholder}
        value={value}
        onChange={handleChange}
        readOnly={readOnly}
        spellCheck
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
});
