import { useCallback, useEffect, useState } from 'react';
import type { ProcessNote } from '../../../../shared/domain/processNoteSchema';
import { TextAreaField } from '../../components/TextAreaField';
import { call } from '../../data/api';
import { heldProcessNotes, heldState } from './draftStash';
import { HeldVersionChooser } from './HeldVersionChooser';
import { saveStatusText } from './saveStatusText';
import { type ChangeInfo, useAutosave } from './useAutosave';

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
  const savedUpdatedAt = processNote?.updatedAt ?? null;
  // Text held back earlier comes back only if nothing was saved since; otherwise both are shown.
  const [opened] = useState(() => {
    const found = heldProcessNotes.get(noteId);
    return { found, state: heldState(found, savedUpdatedAt) };
  });
  const restored = opened.state === 'restore' ? opened.found : undefined;
  const [choosing, setChoosing] = useState(opened.state === 'choose' ? opened.found : undefined);
  const [text, setText] = useState(restored?.value ?? processNote?.text ?? '');

  const save = useCallback(
    async (value: string, { change, basedOn }: ChangeInfo) => {
      const saved = await call('processNotes:save', { noteId, text: value, expectedUpdatedAt: basedOn });
      heldProcessNotes.saved(noteId, change);
      return saved.updatedAt;
    },
    [noteId],
  );
  const keepUnsaved = useCallback(
    (value: string, { change, basedOn }: ChangeInfo) =>
      heldProcessNotes.hold(noteId, { value, change, basedOn, heldAt: new Date().toISOString() }),
    [noteId],
  );
  const autosave = useAutosave({
    save,
    savedAt: savedUpdatedAt ?? createdAt,
    basedOn: savedUpdatedAt,
    keepUnsaved,
  });
  const { change, flush } = autosave;

  useEffect(() => {
    // Text kept from before a lock is saved as soon as the note is open again.
    if (restored !== undefined) {
      change(restored.value);
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
  const keepSaved = useCallback(() => {
    heldProcessNotes.discard(noteId);
    setChoosing(undefined);
  }, [noteId]);
  const takeHeld = useCallback(() => {
    if (choosing) onChange(choosing.value);
    setChoosing(undefined);
  }, [choosing, onChange]);
  const failed = autosave.status.kind === 'failed';

  return (
    <section className="note-section card private-notes">
      <h2>Private process notes</h2>
      <p className="private-notice">
        Kept separately from the progress note, never exported unless you choose. Not part of the signed
        record.
      </p>
      {choosing ? (
        <HeldVersionChooser
          title="Unsaved private notes from earlier"
          savedAt={savedUpdatedAt ?? createdAt}
          heldAt={choosing.heldAt}
          differences={[
            { label: 'Process notes', saved: processNote?.text || '—', held: choosing.value || '—' },
          ]}
          onKeepSaved={keepSaved}
          onUseHeld={takeHeld}
        />
      ) : (
        <TextAreaField label="Process notes" value={text} onChange={onChange} className="long-text" />
      )}
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
