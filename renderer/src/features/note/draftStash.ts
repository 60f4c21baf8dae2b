/**
 * Drafts that could not be saved (most often because the vault locked first), kept in memory by
 * note id until they are saved: by the editor when the note is opened again, or by
 * `saveStashedDrafts` right after unlock. Memory only: nothing here touches the disk.
 */
import type { NoteDraft } from '../../../../shared/domain/noteSchema';
import { call } from '../../data/api';
import { putNoteSummary } from '../../data/indexDb';

const drafts = new Map<string, NoteDraft>();
const processNotes = new Map<string, string>();

export function stashDraft(noteId: string, draft: NoteDraft): void {
  drafts.set(noteId, draft);
}

/** The stashed draft for a note, if any; it stays stashed until it is saved. */
export function stashedDraft(noteId: string): NoteDraft | undefined {
  return drafts.get(noteId);
}

/** Forgets a note's stashed draft once `saved` (the value just saved) is what was stashed. */
export function clearStashedDraft(noteId: string, saved: NoteDraft): void {
  if (drafts.get(noteId) === saved) drafts.delete(noteId);
}

export function stashProcessNote(noteId: string, text: string): void {
  processNotes.set(noteId, text);
}

/** The stashed process-note text for a note, if any; it stays stashed until it is saved. */
export function stashedProcessNote(noteId: string): string | undefined {
  return processNotes.get(noteId);
}

/** Forgets a stashed process note once `saved` (the text just saved) is what was stashed. */
export function clearStashedProcessNote(noteId: string, saved: string): void {
  if (processNotes.get(noteId) === saved) processNotes.delete(noteId);
}

/** Whether anything is waiting to be saved. */
export function hasStashedDrafts(): boolean {
  return drafts.size > 0 || processNotes.size > 0;
}

/**
 * Saves every stashed draft and process note (call after unlock). Entries that still fail stay
 * stashed, so the editor can show why when the note is opened. Resolves with how many failed.
 */
export async function saveStashedDrafts(): Promise<number> {
  let failed = 0;
  for (const [noteId, draft] of [...drafts]) {
    try {
      const saved = await call('notes:saveDraft', { id: noteId, draft });
      if (drafts.get(noteId) === draft) drafts.delete(noteId);
      await putNoteSummary(saved.summary).catch(() => undefined);
    } catch {
      failed += 1;
    }
  }
  for (const [noteId, text] of [...processNotes]) {
    try {
      await call('processNotes:save', { noteId, text });
      if (processNotes.get(noteId) === text) processNotes.delete(noteId);
    } catch {
      failed += 1;
    }
  }
  return failed;
}
