import type { RefObject } from 'react';
import { FieldError } from '../../components/FieldError';

/**
 * A labelled one-line field of the review forms, with its problem said under it: marked invalid
 * and described by the message, so a screen reader reads it on reaching the field.
 */
export function LabelledInput({
  id,
  label,
  type = 'text',
  autoComplete,
  value,
  onChange,
  error,
  hintId,
  inputRef,
}: {
  id: string;
  label: string;
  type?: 'text' | 'password';
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
  /** The problem with this field, or null. */
  error: string | null;
  /** The id of a hint shown under the field, read as its description too. */
  hintId?: string;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const errorId = `${id}-error`;
  const describers = [hintId, error ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type={type}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describers || undefined}
      />
      <FieldError id={errorId} message={error ?? undefined} />
    </>
  );
}
