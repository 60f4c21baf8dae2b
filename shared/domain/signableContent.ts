/** The exact content a note's signature hash covers. */
import { canonicalJson } from './canonicalJson';
import type { Note } from './noteSchema';

/**
 * Names the shape of the signed content, so a later change to what is covered cannot make an
 * old hash verify against different fields.
 */
export const SIGNABLE_FORMAT = 'attune.note.signable/1';

/**
 * Canonical JSON of the note's identity and clinical content. Status, signature, addenda and
 * timestamps are left out: they change around signing without changing what was signed.
 */
export function signableContent(note: Note): string {
  return canonicalJson({
    format: SIGNABLE_FORMAT,
    id: note.id,
    sessionId: note.sessionId,
    clientId: note.clientId,
    templateId: note.templateId,
    sections: note.sections,
    attunement: note.attunement,
    coRegulation: note.coRegulation,
    ruptures: note.ruptures,
    sessionJudgments: note.sessionJudgments,
    participation: note.participation,
    feedback: note.feedback,
    plan: note.plan,
  });
}
