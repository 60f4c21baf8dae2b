import { useEffect, useId, useRef } from 'react';
import { FieldError } from './FieldError';

/** A sign dialog's state while open (the note's and the treatment plan's). */
export interface SigningState {
  busy: boolean;
  error: string | null;
  /** Sign was pressed without the name asked for: said at the name field (a new object each time). */
  nameMissing?: { message: string };
}

/**
 * The clinician's name, asked for in a sign dialog at the first signature (Settings has none yet).
 * A Sign refused for want of it says so at the field, marks the field invalid and moves the focus
 * into it: said only as the dialog's alert, the focus stayed on Sign and the field gave no sign of
 * what was wrong. `missing` is a new object at each refusal, so a second Sign focuses it again;
 * the message shows while the field is empty.
 */
export function SignerNameField({
  label,
  hint,
  value,
  onChange,
  missing,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  missing: { message: string } | null;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // Said only while the field is still empty: typing the name takes the message back.
  const shown = missing && value.trim() === '' ? missing : null;
  useEffect(() => {
    if (missing) input.current?.focus();
  }, [missing]);
  const described = [shown ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        autoComplete="name"
        maxLength={200}
        value={value}
        aria-invalid={shown ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} message={shown?.message} />
      {hint && (
        <p id={`${id}-hint`} className="muted">
          {hint}
        </p>
      )}
    </div>
  );
}
