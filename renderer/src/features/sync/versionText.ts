import { notePartValue, type NotePartKey } from '../../../../shared/domain/noteParts';
import type { Note } from '../../../../shared/domain/noteSchema';

/** Leaves of a value as "label: value" lines, empty ones left out (ratings, choices, feedback). */
function leaves(value: unknown, path: string[] = []): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null))
      return value.length ? [`${path.join(' ')}: ${value.join(', ')}`] : [];
    return value.flatMap((v, i) => leaves(v, [...path, String(i + 1)]));
  }
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [`${path.length ? `${path.join(' ')}: ` : ''}${String(value)}`];
}

/** One part of a note version as text to read side by side: the text itself, or its filled-in fields. */
export function notePartText(note: Note, key: NotePartKey): string {
  const value = notePartValue(note, key);
  if (typeof value === 'string') return value.trim() ? value : '(empty)';
  const lines = leaves(value);
  return lines.length ? lines.join('\n') : '(nothing entered)';
}

/** A whole record (a client, a session…) as "field: value" lines. */
export function recordText(value: unknown): string {
  const lines = leaves(value).filter(
    (l) => !/^(id|createdAt|updatedAt|clientId|sessionId|templateId):/.test(l),
  );
  return lines.length ? lines.join('\n') : '(empty)';
}
