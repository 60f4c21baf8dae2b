import { useCallback, useState } from 'react';

/**
 * What the user typed into a form that is not saved yet (an addendum, a client's details, a safety
 * plan, a supervisor's comment, a measure being entered), kept
 * in memory by form, so that leaving the screen, or a lock, does not lose it: the form opens again
 * with it until it is saved or cancelled. Memory only, like the held note drafts (draftStash.ts);
 * forgotten when another vault is opened, since a form belongs to one vault's records.
 */
const forms = new Map<string, unknown>();
let vaultLocation: string | null = null;

export const unsavedForms = {
  /** Whether something typed into form `key` is kept. */
  has(key: string): boolean {
    return forms.has(key);
  },
  get<T>(key: string): T | undefined {
    return forms.get(key) as T | undefined;
  },
  keep<T>(key: string, value: T): void {
    forms.set(key, value);
  },
  /** The keys of the forms kept whose key starts with `prefix` (a packet's comment boxes). */
  keysStartingWith(prefix: string): string[] {
    return [...forms.keys()].filter((key) => key.startsWith(prefix));
  },
  /** Saved or cancelled: nothing to keep. */
  forget(key: string): void {
    forms.delete(key);
  },
  /** The vault shown is the one at `location`: what was kept for another is forgotten. */
  forVault(location: string): void {
    if (vaultLocation !== null && location !== vaultLocation) forms.clear();
    vaultLocation = location;
  },
};

/**
 * A form's fields as state that is also kept in `unsavedForms` under `key` as they change: the
 * form mounted again (after leaving the screen, or a lock) starts from what was typed.
 * `forget` drops what is kept (once saved, or when the user cancels), and with `reset` shows that.
 */
export function useUnsavedForm<T extends object>(
  key: string,
  initial: () => T,
): [T, (change: Partial<T>) => void, (reset?: T) => void] {
  const [value, setValue] = useState<T>(() => unsavedForms.get<T>(key) ?? initial());
  const update = useCallback(
    (change: Partial<T>) =>
      setValue((current) => {
        const next = { ...current, ...change };
        unsavedForms.keep(key, next);
        return next;
      }),
    [key],
  );
  const forget = useCallback(
    (reset?: T) => {
      unsavedForms.forget(key);
      if (reset) setValue(reset);
    },
    [key],
  );
  return [value, update, forget];
}
