import { useId } from 'react';
import { FieldError } from '../../components/FieldError';

/** A labelled one-line text field with its validation message beside it. */
export function PlanTextField({
  label,
  value,
  onChange,
  error,
  description,
  className,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  description?: string;
  className?: string;
}) {
  const id = useId();
  const describers = [description ? `${id}-description` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {description && (
        <p id={`${id}-description`} className="field-description">
          {description}
        </p>
      )}
      <input
        id={id}
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describers || undefined}
        spellCheck
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/**
 * A labelled date field. An optional one reads an emptied field as null (no date); a required
 * one keeps it empty, so the schema's message asks for the date.
 */
export function PlanDateField({
  label,
  value,
  onChange,
  error,
  optional = false,
}: {
  label: string;
  value: string | null;
  onChange: (value: string) => void;
  error?: string | undefined;
  optional?: boolean;
}) {
  const id = useId();
  return (
    <div className="field plan-date">
      <label htmlFor={id}>
        {label}
        {optional && <span className="muted"> (optional)</span>}
      </label>
      <input
        id={id}
        type="date"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** `list` with the item at `index` replaced by `update(item)`. */
export function replaceAt<T>(list: readonly T[], index: number, update: (item: T) => T): T[] {
  return list.map((item, i) => (i === index ? update(item) : item));
}

/** `list` without the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}
