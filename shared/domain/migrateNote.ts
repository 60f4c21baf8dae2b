/**
 * Reads a stored note in today's shape. The vault keeps records as they were written, so a note
 * saved before issue 14 has no `unrated` beside an empty rating and no `therapistMarkers` on its
 * ruptures. Parsing it with the note schema fills both in (see attunementSchema's
 * `migrateUnrated`); this does the same for a note read straight from the store, without
 * parsing the rest, and leaves a current note as it is (the same object).
 */
import { migrateUnrated } from './attunementSchema';
import type { Note } from './noteSchema';

/** The note with the fields added in issue 14 filled in where it lacks them. */
export function migrateNote<
  T extends Pick<Note, 'attunement' | 'ruptures'> & Partial<Pick<Note, 'goalProgress' | 'risk'>>,
>(note: T): T {
  const entries = Object.values(note.attunement);
  const current =
    entries.every((e) => e.unrated === migrateUnrated(e.rating, e.unrated)) &&
    note.ruptures.every((r) => Array.isArray(r.therapistMarkers)) &&
    Array.isArray(note.goalProgress) &&
    note.risk !== undefined;
  if (current) return note;
  return {
    ...note,
    // Issue 15: a note saved before it has no goals addressed and no risk section.
    goalProgress: note.goalProgress ?? [],
    risk: note.risk ?? null,
    attunement: Object.fromEntries(
      Object.entries(note.attunement).map(([id, e]) => [
        id,
        { ...e, unrated: migrateUnrated(e.rating, e.unrated) },
      ]),
    ) as T['attunement'],
    ruptures: note.ruptures.map((r) =>
      Array.isArray(r.therapistMarkers) ? r : { ...r, therapistMarkers: [] },
    ),
  };
}
