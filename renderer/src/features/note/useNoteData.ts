import { useCallback, useEffect, useState } from 'react';
import type { Note } from '../../../../shared/domain/noteSchema';
import type { ProcessNote } from '../../../../shared/domain/processNoteSchema';
import type { Settings } from '../../../../shared/domain/settingsSchema';
import { builtInTemplate, type Template } from '../../../../shared/domain/templates';
import { call, messageOf } from '../../data/api';

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

/** Loads a note with its template, the settings and its process note; `reload` tries again. */
export function useNoteData(noteId: string): NoteDataState & { reload: () => void } {
  // Each result remembers its note, so a new `noteId` never shows the previous note's data.
  const [result, setResult] = useState<{ noteId: string; value: NoteDataState }>({
    noteId,
    value: { state: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    let current = true;
    setResult({ noteId, value: { state: 'loading' } });
    Promise.all([
      call('notes:get', { id: noteId }),
      call('templates:list'),
      call('settings:get'),
      call('processNotes:get', { noteId }),
    ])
      .then(([note, templates, settings, processNote]) => {
        if (!current) return;
        const template = templates.find((t) => t.id === note.templateId) ?? fallbackTemplate(note);
        setResult({ noteId, value: { state: 'ready', data: { note, template, settings, processNote } } });
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
