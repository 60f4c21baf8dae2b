import { type ChangeEvent, memo, useId, useState } from 'react';
import { FieldError } from './FieldError';
import { FieldWarning } from './FieldWarning';

export interface NumberFieldProps {
  label: string;
  description?: string;
  /** The number, or null when the field is blank. */
  value: number | null;
  onChange: (value: number | null) => void;
  min?: number;
  max?: number;
  step?: number;
  readOnly?: boolean;
  error?: string;
  /**
   * Something to check that does not block saving, said under the field without marking it
   * invalid. A field that may warn passes null while there is nothing to say (not undefined), so
   * its live region exists before the warning and the warning is announced when it appears.
   */
  warning?: string | null;
  className?: string;
}

const textOf = (value: number | null) => (value === null ? '' : String(value));

/**
 * A labelled number input that reports a number or null (blank). What the user types is kept as
 * typed; range and step are checked by the caller's schema, so nothing typed is silently changed.
 */
export const NumberField = memo(function NumberField({
  label,
  description,
  value,
  onChange,
  min,
  max,
  step,
  readOnly = false,
  error,
  warning,
  className,
}: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(() => textOf(value));
  const [shown, setShown] = useState(value);
  const [unreadable, setUnreadable] = useState(false);
  // A value changed from outside (e.g. a restored draft) replaces the text; one we reported does not.
  if (value !== shown) {
    setShown(value);
    if (text.trim() === '' ? value !== null : Number(text) !== value) setText(textOf(value));
  }

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const raw = event.target.value;
    setText(raw);
    // What does not read as a number ("7e", or "-" on the way to "-5") is no number: reported as
    // none, so a total or a check never counts the last number the field no longer shows.
    if (event.target.validity.badInput) {
      setUnreadable(true);
      if (shown !== null) {
        setShown(null);
        onChange(null);
      }
      return;
    }
    setUnreadable(false);
    const next = raw.trim() === '' ? null : Number(raw);
    if (next !== null && !Number.isFinite(next)) return;
    setShown(next);
    onChange(next);
  }

  const message = unreadable ? 'Enter a number, or leave the field blank.' : error;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const warningId = `${id}-warning`;
  const describers = [
    description ? descriptionId : undefined,
    message ? errorId : undefined,
    warning ? warningId : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {description && (
        <p id={descriptionId} className="field-description">
          {description}
        </p>
      )}
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        readOnly={readOnly}
        aria-describedby={describers || undefined}
        aria-invalid={message ? true : undefined}
        onChange={handleChange}
      />
      <FieldError id={errorId} message={message} />
      {warning !== undefined && <FieldWarning id={warningId} message={warning} />}
    </div>
  );
});
