import { call } from '../../data/api';
import { putNoteSummary } from '../../data/summaryIndex';
import { heldDrafts, heldProcessNotes, sessionOfProcessNoteKey } from './draftStash';

/**
 * Saves every held draft and process note (call after unlock), each only over the very version it
 * was made on: where a newer version was saved meanwhile, main refuses with `conflict` and the
 * held value stays, so the editor shows both when the note is opened. Resolves with how many
 * could not be saved.
 */
export async function saveStashedDrafts(): Promise<number> {
  let failed = 0;
  for (const [noteId, held] of heldDrafts.entries()) {
    // The editor may have saved it meanwhile (the note was opened during the index fill).
    if (heldDrafts.get(noteId) !== held) continue;
    try {
      const saved = await call('notes:saveDraft', {
        id: noteId,
        draft: held.value,
        expectedUpdatedAt: held.basedOn ?? '',
      });
      heldDrafts.saved(noteId, held.change);
      putNoteSummary(saved.summary);
    } catch {
      failed += 1;
    }
  }
  for (const [key, held] of heldProcessNotes.entries()) {
    if (heldProcessNotes.get(key) !== held) continue;
    try {
      const sessionId = sessionOfProcessNoteKey(key);
      const input = { text: held.value, expectedUpdatedAt: held.basedOn };
      if (sessionId !== null) await call('processNotes:saveForSession', { sessionId, ...input });
      else await call('processNotes:save', { noteId: key, ...input });
      heldProcessNotes.saved(key, held.change);
    } catch {
      failed += 1;
    }
  }
  return failed;
}
