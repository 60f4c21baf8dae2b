/** The note editor screen and what the app needs around it. */

export { hasStashedDrafts } from './draftStash';
export { saveStashedDrafts } from './saveStashedDrafts';
export { NoteEditor, type NoteEditorProps } from './NoteEditor';
export { loadNoteDataEarly } from './useNoteData';
