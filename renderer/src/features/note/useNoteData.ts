import { useCallback, useEffect, useRef, useState } from 'react';
import type { Note, NoteDraft } from '../../../../shared/domain/noteSchema';
import type { ProcessNote } from '../../../../shared/domain/processNoteSchema';
import type { Settings } from '../../../../shared/domain/settingsSchema';
import { builtInTemplate, type Template } from '../../../../shared/domain/templates';
import { call, messageOf } from '../../data/api';
import { heldDrafts, vaultCopyDiscarded } from './draftStash';

/** Everything the editor needs to open a note. */
export interface NoteData {
  note: Note;
  template: Template;
  settings: Settings;
  processNote: ProcessNote | null;
}

export type NoteDataState =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; data: NoteData };

/**
 * The answers the editor needs, asked for together. A draft this computer held in the vault (not
 * valid when typed: see useNoteDraft) goes to the held drafts in memory, unless one from this
 * window is there already (as new or newer), so the editor offers it back as after a lock.
 */
function fetchNoteData(noteId: string): Promise<NoteData> {
  return Promise.all([
    call('notes:get', { id: noteId }),
    call('templates:list'),
    call('settings:get'),
    call('processNotes:get', { noteId }),
    vaultCopyDiscarded(noteId).then(() => call('notes:heldDraft', { id: noteId }).catch(() => null)),
  ]).then(([note, templates, settings, processNote, held]) => {
    if (held && note.status === 'draft' && !heldDrafts.get(noteId)) {
      // Change 0: any save made from now on supersedes it.
      heldDrafts.fromVault(noteId, {
        value: held.draft as NoteDraft,
        change: 0,
        basedOn: held.basedOn,
        heldAt: held.heldAt,
      });
    }
    const template = templates.find((t) => t.id === note.templateId) ?? fallbackTemplate(note);
    return { note, template, settings, processNote };
  });
}

/** How long an early load stays good for the editor mounting after it (an answer older is asked again). */
const EARLY_LOAD_MS = 2000;
/** An early load; `value` once it has arrived, so the editor can start with it in its first render. */
interface EarlyLoad {
  noteId: string;
  at: number;
  data: Promise<NoteData>;
  value?: NoteData;
}
let early: EarlyLoad | null = null;

/**
 * Starts loading a note for an editor about to mount (the note page asks while it checks whether
 * the note is open on another computer), so the two round trips overlap instead of following one
 * another. Only the next editor of that note takes it, and only while it is fresh: a note shown
 * later (after a warning was read) is loaded again, as it may have changed meanwhile.
 */
export function loadNoteDataEarly(noteId: string): () => void {
  if (early?.noteId !== noteId || performance.now() - early.at >= EARLY_LOAD_MS) {
    const data = fetchNoteData(noteId);
    const load: EarlyLoad = { noteId, at: performance.now(), data };
    data.then(
      (value) => {
        load.value = value;
      },
      () => undefined, // the editor that takes it reports the failure
    );
    early = load;
  }
  const mine = early;
  // Returns what drops it if no editor took it (the page left, the vault locked): no note's text
  // stays held here.
  return () => {
    if (early === mine) early = null;
  };
}

/** The fresh early load of `noteId`, if there is one (taken once). */
function takeEarly(noteId: string): EarlyLoad | null {
  const taken = early;
  if (taken?.noteId !== noteId || performance.now() - taken.at >= EARLY_LOAD_MS) return null;
  early = null;
  return taken;
}

/** The early load of `noteId` if there is a fresh one (taken once), else a new load. */
function takeNoteData(noteId: string): Promise<NoteData> {
  return takeEarly(noteId)?.data ?? fetchNoteData(noteId);
}

/**
 * The early load of `noteId` if it is fresh and has already arrived (taken), else undefined: the
 * editor then draws the note in its first render instead of a render and a frame of "Opening the
 * note…" before it.
 */
function takeArrivedNoteData(noteId: string): NoteData | undefined {
  if (early?.noteId !== noteId || early.value === undefined) return undefined;
  return takeEarly(noteId)?.value;
}

/** Loads a note with its template, the settings and its process note; `reload` tries again. */
export function useNoteData(noteId: string): NoteDataState & { reload: () => void } {
  // Each result remembers its note, so a new `noteId` never shows the previous note's data.
  const [result, setResult] = useState<{ noteId: string; value: NoteDataState }>(() => {
    const arrived = takeArrivedNoteData(noteId);
    return { noteId, value: arrived ? { state: 'ready', data: arrived } : { state: 'loading' } };
  });
  // The note whose data the first render already had: its load is not asked for again.
  const loadedFirst = useRef(result.value.state === 'ready' ? noteId : null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt === 0 && loadedFirst.current === noteId) return;
    loadedFirst.current = null;
    let current = true;
    setResult({ noteId, value: { state: 'loading' } });
    takeNoteData(noteId)
      .then((data) => {
        if (current) setResult({ noteId, value: { state: 'ready', data } });
      })
      .catch(
        (error) => current && setResult({ noteId, value: { state: 'failed', message: messageOf(error) } }),
      );
    return () => {
      current = false;
    };
  }, [noteId, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...(result.noteId === noteId ? result.value : { state: 'loading' }), reload };
}

/**
 * A template for a note whose own template is gone: the built-in one of that id, or one section
 * per stored section, so every word of the note stays visible and editable.
 */
function fallbackTemplate(note: Note): Template {
  const builtIn = builtInTemplate(note.templateId);
  if (builtIn) return builtIn;
  const ids = Object.keys(note.sections);
  return {
    id: note.templateId,
    name: 'Note',
    description: '',
    builtIn: false,
    baseSections: (ids.length > 0 ? ids : ['narrative']).map((id) => ({ id, label: id, prompt: '' })),
    includes: { attunement: true, ruptures: true, participation: true, feedback: true, plan: true },
  };
}
