/** Which note holds "the previous session's plan": found in the client's sessions the index already has. */
import type { SessionRow } from '../../data/hooks';

export interface PreviousNote {
  noteId: string;
  /** When the previous session began (ISO), for the label. */
  startsAt: string;
}

/**
 * The note of the latest session before `sessionId`'s that has one; null for a client's first
 * note (or while the session is not in the index). Works whatever order the rows come in.
 */
export function previousNoteOf(rows: readonly SessionRow[], sessionId: string): PreviousNote | null {
  const current = rows.find((row) => row.session.id === sessionId);
  if (!current) return null;
  // Times may carry different offsets, so they are compared as instants, not as text.
  const before = Date.parse(current.session.startsAt);
  let found: { row: SessionRow; at: number } | null = null;
  for (const row of rows) {
    if (!row.note || row.session.id === sessionId) continue;
    const at = Date.parse(row.session.startsAt);
    if (at < before && (!found || at > found.at)) found = { row, at };
  }
  const note = found?.row.note;
  return found && note ? { noteId: note.id, startsAt: found.row.session.startsAt } : null;
}
