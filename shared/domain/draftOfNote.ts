import type { Note, NoteDraft } from './noteSchema';

/**
 * The editable content of a note, as the editor holds it and `notes:saveDraft` takes it. Written
 * out field by field so a field added to the draft schema fails to compile here until it is copied.
 */
export function draftOfNote(note: Note): NoteDraft {
  return {
    sections: note.sections,
    attunement: note.attunement,
    coRegulation: note.coRegulation,
    ruptures: note.ruptures,
    sessionJudgments: note.sessionJudgments,
    participation: note.participation,
    feedback: note.feedback,
    plan: note.plan,
    goalProgress: note.goalProgress,
    risk: note.risk,
  };
}
