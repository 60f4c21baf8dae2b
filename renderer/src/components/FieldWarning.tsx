import './fieldWarning.css';

/**
 * A field's warning: something to check that does not stop saving (not an error, so the field is
 * not marked invalid). Always rendered, empty while there is nothing to say, so the live region
 * is in place before its text arrives and a screen reader announces the text when it appears.
 */
export function FieldWarning({ id, message }: { id: string; message: string | null }) {
  return (
    <p id={id} className="field-warning" role="status">
      {message}
    </p>
  );
}
