/** The note editor screen and what the app needs around it. */

export { hasStashedDrafts, saveStashedDrafts } from './draftStash';
export { NoteEditor, type NoteEditorProps } from './NoteEditor';
