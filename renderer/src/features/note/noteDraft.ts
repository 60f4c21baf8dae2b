/** The editor's validation messages by field path, and the helpers around them. */
import {
  coRegulationField,
  type DimensionId,
  dimensionById,
  dimensionIds,
} from '../../../../shared/domain/dimensions';
import { includableSectionLabels, type TemplateSection } from '../../../../shared/domain/templates';

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
/** The messages, each once; with `place`, each led by where its field is ("Rupture 2: …"). */
export function errorList(
  errors: FieldErrors,
  place: (path: string) => string | null = () => null,
): string[] {
  return [
    ...new Set(
      Object.entries(errors).map(([path, message]) => {
        const where = place(path);
        return where ? `${where}: ${message}` : message;
      }),
    ),
  ];
}

/**
 * Where in the note the field at `path` is, as the editor heads it ("Rupture 2", "Client
 * feedback"), so a problem listed above the note can be found in a long one; null for a path
 * the message itself places.
 */
export function problemPlace(path: string, sections: readonly TemplateSection[]): string | null {
  const [head, id] = path.split('.');
  switch (head) {
    case 'ruptures':
      return id !== undefined && /^\d+$/.test(id) ? `Rupture ${Number(id) + 1}` : 'Ruptures and repairs';
    case 'attunement':
      return (dimensionIds as readonly string[]).includes(id ?? '')
        ? dimensionById(id as DimensionId).label
        : 'Attunement';
    case 'sections':
      return sections.find((s) => s.id === id)?.label ?? null;
    case 'feedback':
      return includableSectionLabels.feedback;
    case 'participation':
      return includableSectionLabels.participation;
    case 'sessionJudgments':
      return includableSectionLabels.ruptures;
    case 'goalProgress':
      return 'Treatment goals';
    case 'risk':
      return 'Risk assessment';
    case 'coRegulation':
      return coRegulationField.label;
    case 'plan':
      return includableSectionLabels.plan;
    default:
      return null;
  }
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
