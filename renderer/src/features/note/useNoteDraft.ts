import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NewAddendum } from '../../../../shared/domain/addendumKinds';
import { draftOfNote } from '../../../../shared/domain/draftOfNote';
import { type Note, type NoteDraft, noteSchemasFor } from '../../../../shared/domain/noteSchema';
import { defaultRuptureVocabulary, type RuptureVocabulary } from '../../../../shared/domain/ruptures';
import { ruptureVocabularyFor, type Settings } from '../../../../shared/domain/settingsSchema';
import { summarizeNote } from '../../../../shared/summaries/noteSummary';
import { ApiError, call } from '../../data/api';
import { putNoteSummary } from '../../data/summaryIndex';
import { discardVaultCopy, type Held, heldDrafts, heldState } from './draftStash';
import {
  type FieldErrors,
  InvalidDraftError,
  noErrors,
  sameErrors,
  toFieldErrors,
  type Updater,
} from './noteDraft';
import { type Autosave, type ChangeInfo, useAutosave } from './useAutosave';

/** Stable setters for each part of the draft, handed to the memoised sections. */
export interface DraftSetters {
  sections: Updater<NoteDraft['sections']>;
  attunement: Updater<NoteDraft['attunement']>;
  coRegulation: (text: string) => void;
  ruptures: Updater<NoteDraft['ruptures']>;
  sessionJudgments: Updater<NoteDraft['sessionJudgments']>;
  participation: Updater<NoteDraft['participation']>;
  feedback: Updater<NoteDraft['feedback']>;
  plan: (key: string, text: string) => void;
  goalProgress: Updater<NoteDraft['goalProgress']>;
  risk: Updater<NoteDraft['risk']>;
}

export interface NoteDraftState {
  note: Note;
  draft: NoteDraft;
  readOnly: boolean;
  errors: FieldErrors;
  vocabulary: RuptureVocabulary;
  setters: DraftSetters;
  autosave: Autosave<NoteDraft>;
  /**
   * Changes held back from an earlier editing of this note: `choose` while they wait beside a
   * newer saved version (the editor shows both), `restored` once they were put back in the editor.
   */
  held: { state: 'choose'; held: Held<NoteDraft> } | { state: 'restored'; heldAt: string } | null;
  /** Discards the held changes and keeps the saved version. */
  keepSaved: () => void;
  /** Puts the held changes in the editor (they are saved over the newer version). */
  takeHeld: () => void;
  /**
   * Saves what is pending, then signs (first storing `signerName` as the clinician's name when
   * given); resolves with an error message, or null once signed.
   */
  sign: (signerName?: string) => Promise<string | null>;
  /** Adds a typed addendum (type, reason, text) to the signed note; rejects with the error to show. */
  addAddendum: (addendum: NewAddendum) => Promise<void>;
}

function vocabularyFor(settings: Settings): RuptureVocabulary {
  try {
    return ruptureVocabularyFor(settings);
  } catch {
    return defaultRuptureVocabulary;
  }
}

const refreshSummary = (note: Note) => putNoteSummary(summarizeNote(note));

/**
 * The editor's state: the draft (restored from the stash if an earlier save was cut off by a
 * lock), validation, autosave and the sign and addendum actions.
 */
export function useNoteDraft(initialNote: Note, settings: Settings): NoteDraftState {
  const noteId = initialNote.id;
  const [note, setNote] = useState(initialNote);
  // Changes held back earlier come back only if the vault is unchanged since; otherwise both are shown.
  const [opened] = useState(() => {
    const found = initialNote.status === 'draft' ? heldDrafts.get(noteId) : undefined;
    return { found, state: heldState(found, initialNote.updatedAt) };
  });
  const restored = opened.state === 'restore' ? opened.found : undefined;
  const [choosing, setChoosing] = useState(opened.state === 'choose' ? opened.found : undefined);
  const [draft, setDraft] = useState<NoteDraft>(() => restored?.value ?? draftOfNote(initialNote));
  const [errors, setErrors] = useState<FieldErrors>(noErrors);
  const readOnly = note.status === 'signed';
  const vocabulary = useMemo(() => vocabularyFor(settings), [settings]);
  const schema = useMemo(() => noteSchemasFor(vocabulary).draftInput, [vocabulary]);

  const showErrors = useCallback(
    (next: FieldErrors) => setErrors((current) => (sameErrors(current, next) ? current : next)),
    [],
  );
  const save = useCallback(
    async (value: NoteDraft, { change, basedOn }: ChangeInfo) => {
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const found = toFieldErrors(parsed.error.issues);
        showErrors(found);
        // Not valid yet, so not the note: kept in the vault as it is, so a crash or quitting
        // loses nothing (main drops it once the note is saved). Waited for, so a lock waits too.
        const kept = await call('notes:holdDraft', { id: noteId, draft: value, basedOn }).then(
          () => {
            heldDrafts.keptInVault(noteId, change);
            return true;
          },
          () => false,
        );
        throw new InvalidDraftError(found, kept);
      }
      showErrors(noErrors);
      const saved = await call('notes:saveDraft', {
        id: noteId,
        draft: value,
        ...(basedOn === null ? {} : { expectedUpdatedAt: basedOn }),
      });
      // This save supersedes anything held from before it, valid or not.
      heldDrafts.saved(noteId, change);
      putNoteSummary(saved.summary);
      return saved.updatedAt;
    },
    [schema, noteId, showErrors],
  );
  const keepUnsaved = useCallback(
    (value: NoteDraft, { change, basedOn }: ChangeInfo) =>
      heldDrafts.hold(noteId, { value, change, basedOn, heldAt: new Date().toISOString() }),
    [noteId],
  );
  const autosave = useAutosave({
    save,
    savedAt: initialNote.updatedAt,
    basedOn: initialNote.updatedAt,
    keepUnsaved,
    enabled: !readOnly,
  });
  const { change, flush } = autosave;

  // Every change of the draft reaches the autosaver after render, off the typing path.
  const lastDraft = useRef(draft);
  useEffect(() => {
    if (draft === lastDraft.current) return;
    lastDraft.current = draft;
    change(draft);
  }, [draft, change]);

  useEffect(() => {
    if (restored === undefined) return;
    change(restored.value);
    void flush();
  }, [restored, change, flush]);

  const keepSaved = useCallback(() => {
    heldDrafts.discard(noteId);
    // And the copy kept in the vault, or it would be offered again at the next opening.
    discardVaultCopy(noteId, () => call('notes:discardHeldDraft', { id: noteId }));
    setChoosing(undefined);
  }, [noteId]);
  const takeHeld = useCallback(() => {
    if (choosing) setDraft(choosing.value);
    // In the editor now: saved from there (or held again, if still not valid), not offered again.
    discardVaultCopy(noteId, () => call('notes:discardHeldDraft', { id: noteId }));
    setChoosing(undefined);
  }, [choosing, noteId]);
  const held = useMemo<NoteDraftState['held']>(() => {
    if (choosing) return { state: 'choose', held: choosing };
    return restored ? { state: 'restored', heldAt: restored.heldAt } : null;
  }, [choosing, restored]);

  const setters = useMemo<DraftSetters>(() => {
    const part =
      <K extends keyof NoteDraft>(key: K): Updater<NoteDraft[K]> =>
      (update) =>
        setDraft((d) => ({ ...d, [key]: update(d[key]) }));
    return {
      sections: part('sections'),
      attunement: part('attunement'),
      coRegulation: (text) => setDraft((d) => ({ ...d, coRegulation: text })),
      ruptures: part('ruptures'),
      sessionJudgments: part('sessionJudgments'),
      participation: part('participation'),
      feedback: part('feedback'),
      plan: (_key, text) => setDraft((d) => ({ ...d, plan: text })),
      goalProgress: part('goalProgress'),
      risk: part('risk'),
    };
  }, []);

  const sign = useCallback(
    async (signerName?: string): Promise<string | null> => {
      if (!(await flush())) {
        return 'The latest changes could not be saved, so the note was not signed. Check the messages on the page and try again.';
      }
      try {
        // First signature: the name it records is stored in Settings, for every later one too.
        if (signerName !== undefined) await call('settings:update', { clinicianName: signerName });
        const signed = await call('notes:sign', { id: noteId });
        const content = draftOfNote(signed);
        lastDraft.current = content;
        setNote(signed);
        setDraft(content);
        setErrors(noErrors);
        void refreshSummary(signed);
        return null;
      } catch (error) {
        return error instanceof ApiError ? error.message : 'Attune could not sign the note. Try again.';
      }
    },
    [flush, noteId],
  );

  const addAddendum = useCallback(
    async (addendum: NewAddendum) => {
      const updated = await call('notes:addAddendum', { id: noteId, ...addendum });
      setNote(updated);
      void refreshSummary(updated);
    },
    [noteId],
  );

  return {
    note,
    draft,
    readOnly,
    errors,
    vocabulary,
    setters,
    autosave,
    held,
    keepSaved,
    takeHeld,
    sign,
    addAddendum,
  };
}
