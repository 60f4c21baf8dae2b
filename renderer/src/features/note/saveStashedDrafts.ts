import { call } from '../../data/api';
import { savePlanDraft } from '../../data/plans';
import { putNoteSummary } from '../../data/summaryIndex';
import { heldDrafts, heldPlans, heldProcessNotes, sessionOfProcessNoteKey } from './draftStash';

/** What a retry of the held changes came to. */
export interface StashedSaveResult {
  /** How many held values were saved. */
  saved: number;
  /** Why each one still held could not be saved (main's ApiError, usually), in order. */
  failures: unknown[];
}

/**
 * Saves every draft, process note and treatment plan draft only this window holds (call after unlock, or when the user
 * asks to try again), each only over the very version it was made on: where a newer version was
 * saved meanwhile, main refuses with `conflict` and the held value stays, so the editor shows both
 * when the note is opened. What the vault keeps too (a draft not valid yet) is left to the editor,
 * which offers it back: main would refuse it as invalid anyway.
 */
export function saveStashedDrafts(): Promise<StashedSaveResult> {
  // One run at a time: "Try saving again" pressed while the unlock's run is under way shares it,
  // rather than sending each value twice (the second would be refused as a conflict).
  running ??= saveAll().finally(() => {
    running = null;
  });
  return running;
}

let running: Promise<StashedSaveResult> | null = null;

async function saveAll(): Promise<StashedSaveResult> {
  const result: StashedSaveResult = { saved: 0, failures: [] };
  for (const [noteId, held] of heldDrafts.onlyHere()) {
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
      result.saved += 1;
    } catch (error) {
      // Saved by the editor meanwhile, it no longer waits: not a failure to report.
      if (heldDrafts.get(noteId) === held) result.failures.push(error);
    }
  }
  for (const [key, held] of heldProcessNotes.onlyHere()) {
    if (heldProcessNotes.get(key) !== held) continue;
    try {
      const sessionId = sessionOfProcessNoteKey(key);
      const input = { text: held.value, expectedUpdatedAt: held.basedOn };
      if (sessionId !== null) await call('processNotes:saveForSession', { sessionId, ...input });
      else await call('processNotes:save', { noteId: key, ...input });
      heldProcessNotes.saved(key, held.change);
      result.saved += 1;
    } catch (error) {
      if (heldProcessNotes.get(key) === held) result.failures.push(error);
    }
  }
  for (const [planId, held] of heldPlans.onlyHere()) {
    if (heldPlans.get(planId) !== held || held.basedOn === null) continue;
    try {
      await savePlanDraft({ id: planId, expectedUpdatedAt: held.basedOn, ...held.value });
      heldPlans.saved(planId, held.change);
      result.saved += 1;
    } catch (error) {
      if (heldPlans.get(planId) === held) result.failures.push(error);
    }
  }
  return result;
}
