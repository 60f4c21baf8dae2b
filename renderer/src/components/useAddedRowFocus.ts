import { type RefObject, useLayoutEffect, useRef } from 'react';

const FIELD = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled])';

export interface AddedRowFocus {
  /** On the list's "Add …" button. Its parent element holds the rows. */
  addButton: RefObject<HTMLButtonElement | null>;
  /** Call from the Add button's click, with the change: the new row's first field takes the focus. */
  added: () => void;
  /** Call from a row's Remove: focus goes to the Add button rather than to the page. */
  removed: () => void;
}

/**
 * Focus for a list of rows with an "Add …" button below it. After Add, focus moves to the new
 * (last) row's first field, so typing goes into it: left on the button, each space typed would
 * press Add again and make another empty row. After a row's Remove (whose button is gone with
 * it), focus goes to the Add button instead of the page body. `rows` selects the rows among the
 * Add button's parent's children (e.g. `:scope > .plan-item`); `count` is how many there are.
 */
export function useAddedRowFocus(count: number, rows: string): AddedRowFocus {
  const addButton = useRef<HTMLButtonElement>(null);
  const pending = useRef<'added' | 'removed' | null>(null);
  const before = useRef(count);
  useLayoutEffect(() => {
    const was = before.current;
    before.current = count;
    const what = pending.current;
    if (count === was) return;
    pending.current = null;
    if (what === 'added' && count > was) {
      const all = addButton.current?.parentElement?.querySelectorAll<HTMLElement>(rows);
      all?.[all.length - 1]?.querySelector<HTMLElement>(FIELD)?.focus();
    } else if (what === 'removed' && count < was) {
      addButton.current?.focus();
    }
  }, [count, rows]);
  return {
    addButton,
    added: () => {
      pending.current = 'added';
    },
    removed: () => {
      pending.current = 'removed';
    },
  };
}
