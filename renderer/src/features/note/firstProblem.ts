/** Marked as invalid by the note's fields: inputs and groups carry aria-invalid, other messages the class. */
const problemSelector = '[aria-invalid="true"], .field-error';

/**
 * Brings the first field with a problem in `root` (in reading order) to just under the sticky
 * header (its scroll margin, noteEditor.css) and focuses it: the checked option of a group, else
 * its first control. False when nothing in `root` is marked.
 */
export function focusFirstProblem(root: ParentNode): boolean {
  const marked = root.querySelector<HTMLElement>(problemSelector);
  if (!marked) return false;
  const place = marked.closest<HTMLElement>('.field, fieldset') ?? marked;
  const control = marked.matches('input, textarea, select')
    ? marked
    : (place.querySelector<HTMLElement>('input:checked') ??
      place.querySelector<HTMLElement>('input, textarea, select'));
  place.scrollIntoView({ block: 'start' });
  control?.focus({ preventScroll: true });
  return true;
}
