import { type KeyboardEvent, type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { useFocusBackAfterBusy } from './useFocusBackAfterBusy';
import { useFocusOnOpen } from './useFocusOnOpen';

export interface ConfirmDialogProps {
  open: boolean;
  /** The dialog's heading and accessible name. */
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Disables both buttons while the action runs. */
  busy?: boolean;
  /** Disables the confirm button only: what it would do cannot be done yet (the dialog says why). */
  confirmDisabled?: boolean;
  /** An error from the action, shown in the dialog as an alert. */
  error?: string | null;
  /** The confirm button destroys something (drawn in the danger style, not the primary one). */
  destructive?: boolean;
  /** Start on the dialog's first field (one it asks to fill in) rather than on Cancel. */
  startOnField?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation on the native `<dialog>`: focus is trapped and the page behind is inert
 * while it is open, Escape cancels, and focus returns where it was when it closes.
 */
const FOCUSABLE =
  'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Tab from the dialog's last control goes to its first, Shift+Tab from the first to its last: a
 * modal dialog's page is inert, and without this the focus left for the window itself between
 * rounds, where nothing shows it.
 */
function wrapTab(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  }
}

/** Inputs where Enter means "done" (text the dialog asks for), not a checkbox or a button's own Enter. */
const TYPED = new Set(['text', 'password', 'email', 'search', 'tel', 'url', 'number']);

/**
 * Enter in a one-line field the dialog asks for (the signer's name) confirms, as Enter in a form's
 * field submits it: typing the name and pressing Enter must not leave the user wondering why
 * nothing happened. Only when confirming is allowed; a composition (IME) in progress is left alone.
 */
function isEnterInTypedField(event: KeyboardEvent<HTMLDialogElement>): boolean {
  const target = event.target;
  return (
    event.key === 'Enter' &&
    !event.nativeEvent.isComposing &&
    !event.shiftKey &&
    !event.altKey &&
    target instanceof HTMLInputElement &&
    TYPED.has(target.type)
  );
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  busy = false,
  confirmDisabled = false,
  error,
  startOnField = false,
  destructive = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  // A confirmation that fails keeps the dialog open with its error: focus back on the button.
  const confirmRef = useFocusBackAfterBusy(busy);
  // Start on the safe choice (Enter right after opening must not confirm by accident), or on the
  // field the dialog asks for: typing in it confirms nothing.
  const ref = useFocusOnOpen<HTMLDialogElement>({ open, initial: startOnField ? undefined : cancelRef });
  const id = useId();

  // A layout effect, so the dialog is shown before the focus effect above looks inside it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open, ref]);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      aria-modal="true"
      onCancel={(event) => {
        // Escape: let React state, not the browser, decide whether the dialog is open.
        event.preventDefault();
        if (!busy) onCancel();
      }}
      onKeyDown={(event) => {
        if (isEnterInTypedField(event)) {
          event.preventDefault();
          if (!busy && !confirmDisabled) onConfirm();
          return;
        }
        wrapTab(event);
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className={destructive ? 'danger' : 'primary'}
          onClick={onConfirm}
          disabled={busy || confirmDisabled}
          ref={confirmRef}
          aria-busy={busy || undefined}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy} ref={cancelRef}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
