/** The editor's validation messages by field path, and the helpers around them. */

/** A state update for one part of the draft, given as a function of its current value. */
export type Updater<T> = (update: (current: T) => T) => void;

/** Validation messages keyed by dotted path ("ruptures.0.repairMinute"); first message wins. */
export type FieldErrors = Readonly<Record<string, string>>;

export const noErrors: FieldErrors = Object.freeze({});

/** zod issues as field errors. */
export function toFieldErrors(
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The same errors object when nothing changed, so memoised sections are not re-rendered. */
export function sameErrors(a: FieldErrors, b: FieldErrors): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The first message at `path` or anywhere under it. */
export function errorUnder(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  for (const key in errors) if (key.startsWith(prefix)) return errors[key];
  return undefined;
}

/** Every message, for the summary at the top of the editor. */
export function errorList(errors: FieldErrors): string[] {
  return [...new Set(Object.values(errors))];
}

/** Thrown by the editor's save when the draft fails validation; the messages are shown inline. */
export class InvalidDraftError extends Error {
  constructor(
    readonly errors: FieldErrors,
    /** Whether the draft as it is was kept in the vault on this computer (notes:holdDraft). */
    readonly kept = false,
  ) {
    super('Some fields need attention.');
    this.name = 'InvalidDraftError';
  }
}
