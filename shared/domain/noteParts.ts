/**
 * The parts of a progress note a clinician can take from one version or another when the same
 * draft was edited on two computers at once: each base-format section on its own, then the
 * attunement ratings, co-regulation, ruptures, session judgments, participation, feedback, the
 * treatment goals addressed, plan and the risk assessment.
 */
import type { Note } from './noteSchema';

/** The parts of a note other than its base-format sections, in the editor's order. */
export const noteWholeParts = [
  'attunement',
  'coRegulation',
  'ruptures',
  'sessionJudgments',
  'participation',
  'feedback',
  'goalProgress',
  'plan',
  'risk',
] as const;
export type NoteWholePart = (typeof noteWholeParts)[number];

/** A part's key: `sections.<id>` for a base-format section, else one of `noteWholeParts`. */
export type NotePartKey = `sections.${string}` | NoteWholePart;

const SECTION_PREFIX = 'sections.';

/** The parts of the note content a choice is made for, shaped as the schemas expect them. */
type NoteContent = Pick<Note, 'sections' | NoteWholePart>;

/** A deep copy of plain JSON data (notes are JSON). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every part key any of `notes` has, sections first (in first-seen order), then the rest. */
export function notePartKeys(notes: readonly NoteContent[]): NotePartKey[] {
  const sections = new Set<string>();
  for (const note of notes) for (const id of Object.keys(note.sections)) sections.add(id);
  return [...[...sections].map((id) => `${SECTION_PREFIX}${id}` as const), ...noteWholeParts];
}

/** The value of one part of a note (an absent section reads as empty text). */
export function notePartValue(note: NoteContent, key: NotePartKey): unknown {
  if (key.startsWith(SECTION_PREFIX)) return note.sections[key.slice(SECTION_PREFIX.length)] ?? '';
  // A version stored before issue 15 lacks these parts; it holds what an empty one does.
  if (key === 'goalProgress') return note.goalProgress ?? [];
  if (key === 'risk') return note.risk ?? null;
  return note[key as NoteWholePart];
}

/** The parts whose values are not the same in every one of `notes` (the ones worth a choice). */
export function differingNoteParts(notes: readonly NoteContent[]): NotePartKey[] {
  return notePartKeys(notes).filter((key) => {
    const texts = new Set(notes.map((n) => JSON.stringify(notePartValue(n, key) ?? null)));
    return texts.size > 1;
  });
}

/**
 * `base` with each part in `choices` taken from the version it names. A section chosen from a
 * version that does not have it is left out. The caller validates the result.
 */
export function mergeNoteParts<N extends NoteContent>(
  base: N,
  versions: ReadonlyMap<string, NoteContent>,
  choices: Readonly<Record<string, string>>,
): N {
  const merged = clone(base);
  const sections: Record<string, string> = { ...merged.sections };
  for (const [key, versionId] of Object.entries(choices)) {
    const from = versions.get(versionId);
    if (!from) throw new RangeError(`No version ${versionId}`);
    if (key.startsWith(SECTION_PREFIX)) {
      const id = key.slice(SECTION_PREFIX.length);
      const text = from.sections[id];
      if (text === undefined) delete sections[id];
      else sections[id] = text;
    } else if ((noteWholeParts as readonly string[]).includes(key)) {
      const part = key as NoteWholePart;
      (merged as NoteContent)[part] = clone(from[part]) as never;
    } else {
      throw new RangeError(`Unknown note part ${key}`);
    }
  }
  merged.sections = sections;
  return merged;
}
