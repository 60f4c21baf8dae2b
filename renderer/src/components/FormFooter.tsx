import { useEffect, useRef } from 'react';

/**
 * The end of a form: its error (as an alert), the submit button (busy while working) and Cancel.
 * With `escapeCancels`, Escape anywhere in the form cancels too, as it closes a dialog, except
 * while it is working: for short forms (a passphrase, a name), not for ones whose typed text
 * Cancel would throw away.
 */
export function FormFooter({
  error,
  busy,
  submitLabel,
  busyLabel,
  onCancel,
  escapeCancels = false,
}: {
  error: string | null;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  onCancel: () => void;
  escapeCancels?: boolean;
}) {
  const actions = useRef<HTMLDivElement>(null);
  const cancel = useRef({ onCancel, busy });
  useEffect(() => {
    cancel.current = { onCancel, busy };
  });
  useEffect(() => {
    const form = actions.current?.closest('form');
    if (!form || !escapeCancels) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || cancel.current.busy) return;
      event.preventDefault();
      cancel.current.onCancel();
    };
    form.addEventListener('keydown', onKeyDown);
    return () => form.removeEventListener('keydown', onKeyDown);
  }, [escapeCancels]);
  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions" ref={actions}>
        <button type="submit" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
