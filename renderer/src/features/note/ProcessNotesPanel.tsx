import { memo, useCallback, useEffect, useState } from 'react';
import type { ProcessNote } from '../../../../shared/domain/processNoteSchema';
import { processNoteGuidance, processNotePrompt } from '../../../../shared/domain/selfObservation';
import { TextAreaField } from '../../components/TextAreaField';
import { call } from '../../data/api';
import { heldProcessNotes, heldState, sessionProcessNoteKey } from './draftStash';
import { HeldVersionChooser } from './HeldVersionChooser';
import { saveStatusText } from './saveStatusText';
import { type ChangeInfo, useAutosave } from './useAutosave';

export type ProcessNotesPanelProps = (
  | { noteId: string; sessionId?: undefined }
  /** A process note opened from its session, which may have no progress note. */
  | { sessionId: string; noteId?: undefined }
) & {
  processNote: ProcessNote | null;
  /** When the progress note was created, shown as the save time of a process note never written. */
  createdAt: string;
};

/** Where text held back over a lock is kept: a note's id, or its session's id (processNoteKeys). */
export const processNoteKey = (props: { noteId?: string | undefined; sessionId?: string | undefined }) =>
  props.noteId ?? sessionProcessNoteKey(props.sessionId ?? '');

/**
 * The therapist's private process notes: a separate record beside the progress note, saved on
 * its own schedule, not covered by the signature (so still editable after signing) and left out
 * of every export unless the user includes it. Memoised: typing in the progress note leaves it alone.
 */
export const ProcessNotesPanel = memo(function ProcessNotesPanel(props: ProcessNotesPanelProps) {
  const { processNote, createdAt } = props;
  const key = processNoteKey(props);
  const { noteId, sessionId } = props;
  const savedUpdatedAt = processNote?.updatedAt ?? null;
  // Text held back earlier comes back only if nothing was saved since; otherwise both are shown.
  const [opened] = useState(() => {
    const found = heldProcessNotes.get(key);
    return { found, state: heldState(found, savedUpdatedAt) };
  });
  const restored = opened.state === 'restore' ? opened.found : undefined;
  const [choosing, setChoosing] = useState(opened.state === 'choose' ? opened.found : undefined);
  const [text, setText] = useState(restored?.value ?? processNote?.text ?? '');

  const save = useCallback(
    async (value: string, { change, basedOn }: ChangeInfo) => {
      const saved =
        noteId !== undefined
          ? await call('processNotes:save', { noteId, text: value, expectedUpdatedAt: basedOn })
          : await call('processNotes:saveForSession', {
              sessionId: sessionId ?? '',
              text: value,
              expectedUpdatedAt: basedOn,
            });
      heldProcessNotes.saved(key, change);
      return saved.updatedAt;
    },
    [key, noteId, sessionId],
  );
  const keepUnsaved = useCallback(
    (value: string, { change, basedOn }: ChangeInfo) =>
      heldProcessNotes.hold(key, { value, change, basedOn, heldAt: new Date().toISOString() }),
    [key],
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
    heldProcessNotes.discard(key);
    setChoosing(undefined);
  }, [key]);
  const takeHeld = useCallback(() => {
    if (choosing) onChange(choosing.value);
    setChoosing(undefined);
  }, [choosing, onChange]);
  const failed = autosave.status.kind === 'failed';

  return (
    <section className="note-section card private-notes">
      <h2>Private process notes</h2>
      <p className="private-notice">{processNoteGuidance}</p>
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
        <TextAreaField
          label="Process notes"
          placeholder={processNotePrompt}
          value={text}
          onChange={onChange}
          className="long-text"
        />
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
});
