import { type RefObject, useEffect, useRef } from 'react';

/**
 * For a button disabled while the action it started runs (Save, Sign): a disabled button loses
 * the focus to the page, so when the action fails and the form stays, a keyboard user would be
 * sent back to the top of the window. Returns the ref for the button: if it had the focus when
 * the action began, it gets it back once `busy` ends, unless focus has gone somewhere on purpose
 * meanwhile or the button is gone (the action succeeded and its form closed).
 */
export function useFocusBackAfterBusy(busy: boolean): RefObject<HTMLButtonElement | null> {
  const button = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  // Read while drawing the busy state, before the browser moves focus off the disabled button.
  if (busy && !hadFocus.current)
    hadFocus.current = button.current !== null && document.activeElement === button.current;
  useEffect(() => {
    if (busy || !hadFocus.current) return;
    hadFocus.current = false;
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    if (lost && button.current?.isConnected) button.current.focus();
  }, [busy]);
  return button;
}
