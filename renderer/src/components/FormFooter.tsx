/** The end of a form: its error (as an alert), the submit button (busy while working) and Cancel. */
export function FormFooter({
  error,
  busy,
  submitLabel,
  busyLabel,
  onCancel,
}: {
  error: string | null;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
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
