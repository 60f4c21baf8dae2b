import { type RefObject, useEffect, useRef } from 'react';

/** What a form or dialog can take focus on: its fields first, then any other control. */
const FIELDS = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';
const CONTROLS = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export interface FocusOnOpenOptions {
  /** Whether it is open; for a form that is mounted only while open, leave it true. */
  open?: boolean;
  /** The control to start on, when it is not the first field (a dialog's safe choice). */
  initial?: RefObject<HTMLElement | null>;
  /**
   * Where focus goes back on close, when the control that opened it is replaced rather than kept
   * (a button rendered again in place of the form); by default, the element focused at opening.
   */
  returnTo?: RefObject<HTMLElement | null>;
}

/**
 * For a form or dialog that opens in the page: on opening, focus moves to its first field (or
 * `initial`); on closing, focus goes back to the control that opened it, so a keyboard or screen
 * reader user carries on where they were. Focus is given back only when it would otherwise be
 * lost (on the page body, or inside what closed): if closing moved it somewhere on purpose, or the
 * opener is gone (the form saved and the page changed), it is left alone.
 * Returns the ref to put on the form or dialog element.
 */
export function useFocusOnOpen<T extends HTMLElement>(options: FocusOnOpenOptions = {}): RefObject<T | null> {
  const { open = true, initial, returnTo } = options;
  const container = useRef<T>(null);
  const opener = useRef<HTMLElement | null>(null);
  // Read while rendering the opening, not in the effect: by then the opening control may have been
  // disabled or removed in the same update, and the browser would already have moved focus away.
  if (!open) opener.current = null;
  else if (opener.current === null) opener.current = focusedElement();

  useEffect(() => {
    if (!open) return;
    const root = container.current;
    const from = opener.current;
    const start =
      initial?.current ??
      root?.querySelector<HTMLElement>(FIELDS) ??
      root?.querySelector<HTMLElement>(CONTROLS);
    start?.focus();
    return () => {
      const target = returnTo?.current ?? from;
      if (target?.isConnected && focusIsLost(root)) target.focus();
    };
  }, [open, initial, returnTo]);

  return container;
}

function focusedElement(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

/** Whether focus is nowhere useful: on the body, on a removed element, or inside the closed part. */
function focusIsLost(closed: HTMLElement | null): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected || (closed?.contains(active) ?? false);
}
