import { useCallback, useEffect, useState } from 'react';
import type { ProcessNote } from '../../../../shared/domain/processNoteSchema';
import { TextAreaField } from '../../components/TextAreaField';
import { call } from '../../data/api';
import { clearStashedProcessNote, stashedProcessNote, stashProcessNote } from './draftStash';
import { saveStatusText } from './saveStatusText';
import { useAutosave } from './useAutosave';

export interface ProcessNotesPanelProps {
  noteId: string;
  processNote: ProcessNote | null;
  /** When the progress note was created, shown as the save time of a process note never written. */
  createdAt: string;
}

/**
 * The therapist's private process notes: a separate record beside the progress note, saved on
 * its own schedule, not covered by the signature (so still editable after signing) and left out
 * of every export unless the user includes it.
 */
export function ProcessNotesPanel({ noteId, processNote, createdAt }: ProcessNotesPanelProps) {
  const [restored] = useState(() => stashedProcessNote(noteId));
  const [text, setText] = useState(restored ?? processNote?.text ?? '');

  const save = useCallback(
    async (value: string) => {
      const saved = await call('processNotes:save', { noteId, text: value });
      clearStashedProcessNote(noteId, value);
      return saved.updatedAt;
    },
    [noteId],
  );
  const keepUnsaved = useCallback((value: string) => stashProcessNote(noteId, value), [noteId]);
  const autosave = useAutosave({ save, savedAt: processNote?.updatedAt ?? createdAt, keepUnsaved });
  const { change, flush } = autosave;

  useEffect(() => {
    // Text kept from before a lock is saved as soon as the note is open again.
    if (restored !== undefined) {
      change(restored);
      void flush();
    }
  }, [restored, change, flush]);

  const onChange = useCallback(
    (value: string) => {
      setText(value);
      change(value);
    },
    [change],
  );
  const failed = autosave.status.kind === 'failed';

  return (
    <section className="note-section card private-notes">
      <h2>Private process notes</h2>
      <p className="private-notice">
        Kept separately from the progress note, never exported unless you choose. Not part of the signed
        record.
      </p>
      <TextAreaField label="Process notes" value={text} onChange={onChange} className="long-text" />
      <output
        aria-live="polite"
        aria-label="Private notes save state"
        className={failed ? 'save-state failed' : 'save-state'}
      >
        {saveStatusText(autosave.status)}
      </output>
    </section>
  );
}
