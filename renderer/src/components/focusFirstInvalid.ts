import type { RefObject } from 'react';

/** Where a form's field is: its element's id, or a ref to the element. */
export type FieldTarget = string | RefObject<HTMLElement | null>;

/**
 * Focuses the field of the first problem, taking the fields in the order `fields` lists them (the
 * form's order), so a keyboard user is taken to what to fix rather than left on the submit button.
 * Fields without a problem, and problems of no listed field (a form-wide one), are passed over.
 */
export function focusFirstInvalid<K extends string>(
  problems: Partial<Record<NoInfer<K>, string>>,
  fields: Record<K, FieldTarget>,
): void {
  const first = (Object.keys(fields) as K[]).find((name) => problems[name]);
  if (first === undefined) return;
  const target = fields[first];
  (typeof target === 'string' ? document.getElementById(target) : target.current)?.focus();
}
