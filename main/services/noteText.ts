import { type DimensionId, dimensionIds } from '../../shared/domain/dimensions';
import type { Note } from '../../shared/domain/noteSchema';
import { foldText } from './searchText';

/** One free-text field of a note, named by its path in the note (e.g. `attunement.affective.observation`). */
export interface NoteText {
  field: string;
  text: string;
}

/** The groups the search index holds, one index field each. */
export const searchGroups = [
  'sections',
  'attunement',
  'coRegulation',
  'ruptures',
  'participation',
  'plan',
  'addenda',
] as const;
export type SearchGroup = (typeof searchGroups)[number];

/** A note's text as the search index takes it: each group's fields, folded. */
export type FoldedNote = { id: string } & Record<SearchGroup, string[]>;

/**
 * A note's text as the search thread takes it: each group's fields as written (the thread folds
 * them; text already folded folds to itself), and when the note last changed (the scan lists
 * newest first).
 */
export type NoteTextDoc = { id: string; updatedAt?: string } & Record<SearchGroup, string[]>;

/** Reading a note's free text (see noteTextKit); `noteTextDoc` is the note's text as the search thread takes it. */
export interface NoteTextKit {
  noteTexts(note: Note): NoteText[];
  groupOf(field: string): SearchGroup;
  noteTextDoc(note: Note): NoteTextDoc;
}

/**
 * Reading a note's free text, as one self-contained function: the search thread runs this very
 * code, as text (searchThread.ts), to take the text from each note's JSON itself, so the main
 * process parses no note to hand it over. Nothing inside may refer to anything outside but its
 * arguments (a bundler may rename module-level names); the thread passes them as JSON.
 */
export function noteTextKit(dimensions: readonly DimensionId[], groups: readonly SearchGroup[]): NoteTextKit {
  /**
   * Every non-empty free-text field of a progress note, in the order the editor shows them.
   * Process notes are separate records and never pass through here.
   */
  function noteTexts(note: Note): NoteText[] {
    const texts: NoteText[] = [];
    const add = (field: string, text: string) => {
      if (text.trim()) texts.push({ field, text });
    };
    for (const [id, text] of Object.entries(note.sections)) add(`sections.${id}`, text);
    for (const d of dimensions) {
      const entry = note.attunement[d];
      if (!entry) continue;
      add(`attunement.${d}.observation`, entry.observation);
      add(`attunement.${d}.response`, entry.response);
    }
    add('coRegulation', note.coRegulation);
    note.ruptures.forEach((r, i) => {
      add(`ruptures.${i}.context`, r.context);
      add(`ruptures.${i}.clientResponse`, r.clientResponse);
    });
    const p = note.participation;
    add('participation.bodySensations.text', p.bodySensations.text);
    add('participation.namedFeelings.emotions', p.namedFeelings.emotions.join(', '));
    add('participation.namedFeelings.text', p.namedFeelings.text);
    add('participation.feedbackToTherapist.quote', p.feedbackToTherapist.quote);
    add('participation.mindfulBreathing.text', p.mindfulBreathing.text);
    // Issue 15's parts, in the editor's order around the plan; a note stored before them has neither.
    (note.goalProgress ?? []).forEach((g, i) => {
      add(`goalProgress.${i}.comment`, g.comment);
    });
    add('plan', note.plan);
    if (note.risk) {
      add('risk.otherRisks', note.risk.otherRisks);
      add('risk.protectiveFactors', note.risk.protectiveFactors);
      add('risk.actionsTaken', note.risk.actionsTaken);
    }
    note.addenda.forEach((a, i) => {
      add(`addenda.${i}.text`, a.text);
    });
    return texts;
  }

  function groupOf(field: string): SearchGroup {
    const head = field.split('.', 1)[0];
    return (groups as readonly string[]).includes(head ?? '') ? (head as SearchGroup) : 'sections';
  }

  function noteTextDoc(note: Note): NoteTextDoc {
    const doc = { id: note.id, updatedAt: note.updatedAt } as NoteTextDoc;
    for (const g of groups) doc[g] = [];
    for (const { field, text } of noteTexts(note)) doc[groupOf(field)].push(text);
    return doc;
  }

  return { noteTexts, groupOf, noteTextDoc };
}

const kit = noteTextKit(dimensionIds, searchGroups);

/**
 * Every non-empty free-text field of a progress note, in the order the editor shows them.
 * Process notes are separate records and never pass through here.
 */
export const noteTexts: (note: Note) => NoteText[] = kit.noteTexts;

/** The index group a field path belongs to. */
export const groupOf: (field: string) => SearchGroup = kit.groupOf;

/** The note's free text by index group, as written, for the search thread (cheap: no folding here). */
export const noteTextDoc: (note: Note) => NoteTextDoc = kit.noteTextDoc;

/** The note's free text folded for search (see foldText), one string per index group. */
export function foldedNote(note: Note): FoldedNote {
  const doc = { id: note.id } as FoldedNote;
  for (const g of searchGroups) doc[g] = [];
  for (const { field, text } of noteTexts(note)) doc[groupOf(field)].push(foldText(text));
  return doc;
}
