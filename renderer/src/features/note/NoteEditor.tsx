import {
  type ReactNode,
  startTransition,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { draftOfNote } from '../../../../shared/domain/draftOfNote';
import { emptyRiskAssessment } from '../../../../shared/domain/riskSchema';
import { planPrompt } from '../../../../shared/domain/templates';
import type { SigningState } from '../../components/SignerNameField';
import { useSessionOfNote } from '../../data/hooks';
import { rememberTab } from '../client/clientTab';
import { HandToClient } from '../clientEntry';
import { MeasuresPanel } from '../measures';
import { NotePdfButton } from '../records';
import { AddendaSection } from './AddendaSection';
import { AttunementSection } from './AttunementSection';
import { BaseSections } from './BaseSections';
import { draftDifferences } from './draftDifferences';
import { FeedbackSection } from './FeedbackSection';
import { focusFirstProblem } from './firstProblem';
import { useFocusMode } from './focusMode';
import { GoalsSection } from './GoalsSection';
import { HeldVersionChooser } from './HeldVersionChooser';
import { NoteHeader } from './NoteHeader';
import { NoteOutline } from './NoteOutline';
import { NoteProblems } from './NoteProblems';
import { errorList, problemPlace } from './noteDraft';
import { noteOutline, orphanSectionIds, partDomId, partKeys } from './noteOutline';
import { ParticipationSection } from './ParticipationSection';
import { PreviousPlan } from './PreviousPlan';
import { ProcessNotesPanel } from './ProcessNotesPanel';
import { usePreviousFeedback } from './previousFeedback';
import { RiskReminder } from './RiskReminder';
import { RiskSection } from './RiskSection';
import { RupturesSection } from './RupturesSection';
import { SignNoteDialog } from './SignNoteDialog';
import { headerSaveStatus, savedAtText } from './saveStatusText';
import { TextSection } from './TextSection';
import { type NoteData, useNoteData } from './useNoteData';
import { useNoteDraft } from './useNoteDraft';
import './noteEditor.css';

export interface NoteEditorProps {
  noteId: string;
  /** The page heading, naming the client and the session; shown in the sticky header. */
  heading: string;
  /** Called after "Close note", once pending changes have been saved (or kept for later). */
  onClose: () => void;
  /**
   * Goes to the client's page (the goals' way to the treatment plan), once pending changes are
   * saved; closing may go elsewhere (the page the note was opened from). `onClose` when absent.
   */
  onOpenClient?: () => void;
}

/**
 * The note editor: loads a note with its template, the settings and its process note, then
 * shows the template's sections, the five dimensions, ruptures and repairs, participation,
 * feedback, plan and the private process notes. Drafts autosave; a signed note is read-only
 * and takes addenda.
 */
export function NoteEditor({ noteId, heading, onClose, onOpenClient }: NoteEditorProps) {
  const loaded = useNoteData(noteId);
  if (loaded.state === 'loading') {
    return (
      <div className="note-editor">
        <h1>{heading}</h1>
        <p className="muted" role="status">
          Opening the note…
        </p>
      </div>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <div className="note-editor">
        <h1>{heading}</h1>
        <p role="alert" className="error">
          {loaded.message}
        </p>
        <div className="actions">
          <button type="button" onClick={loaded.reload}>
            Try again
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Close note
          </button>
        </div>
      </div>
    );
  }
  return (
    <LoadedNoteEditor
      key={loaded.data.note.id}
      data={loaded.data}
      heading={heading}
      onClose={onClose}
      onOpenClient={onOpenClient ?? onClose}
    />
  );
}

/** One part of the note, as the outline names it: the target of its link. */
function Part({ idPrefix, partKey, children }: { idPrefix: string; partKey: string; children: ReactNode }) {
  return (
    <div id={partDomId(idPrefix, partKey)} className="note-part">
      {children}
    </div>
  );
}

/** Keeps `--note-header-height` on the editor equal to its sticky header's height, for scroll offsets. */
function useHeaderHeight() {
  const editor = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    const bar = header.current;
    const root = editor.current;
    if (!bar || !root) return;
    const observer = new ResizeObserver(() => {
      root.style.setProperty('--note-header-height', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
    });
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);
  return { editor, header };
}

function LoadedNoteEditor({
  data,
  heading,
  onClose,
  onOpenClient,
}: {
  data: NoteData;
  heading: string;
  onClose: () => void;
  onOpenClient: () => void;
}) {
  const { template, settings } = data;
  const {
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
  } = useNoteDraft(data.note, settings);
  const differences = useMemo(() => {
    if (held?.state !== 'choose') return [];
    const labels = Object.fromEntries(template.baseSections.map((s) => [s.id, s.label]));
    return draftDifferences(draftOfNote(data.note), held.held.value, labels);
  }, [held, template, data.note]);
  const [signing, setSigning] = useState<SigningState | null>(null);
  const [justSigned, setJustSigned] = useState(false);
  const problems = useMemo(
    () => errorList(errors, (path) => problemPlace(path, template.baseSections)),
    [errors, template],
  );
  const previousFeedback = usePreviousFeedback(note.clientId, note.sessionId);
  const session = useSessionOfNote(note.id);
  // The session's start, for the late-entry label and the sign dialog's warning (issue 15).
  const sessionStartsAt = session?.startsAt;
  // Its length, to point out a rupture or repair minute after its end.
  const sessionMinutes = session?.durationMinutes;
  const { flush } = autosave;

  const close = useCallback(() => {
    void flush().finally(onClose);
  }, [flush, onClose]);
  const openSign = useCallback(() => setSigning({ busy: false, error: null }), []);
  // The goals' empty state leads to the plan: the client's page opens on its Treatment tab.
  const openTreatment = useCallback(() => {
    rememberTab(note.clientId, 'treatment');
    void flush().finally(onOpenClient);
  }, [note.clientId, flush, onOpenClient]);
  // Signing records a name: asked for at the first signature if Settings has none.
  const [nameKnown, setNameKnown] = useState(() => Boolean(settings.clinicianName?.trim()));
  const [signerName, setSignerName] = useState('');
  const confirmSign = useCallback(async () => {
    const name = signerName.trim();
    if (!nameKnown && !name) {
      setSigning({
        busy: false,
        error: null,
        nameMissing: { message: 'Enter your name as it should appear on signed notes.' },
      });
      return;
    }
    setSigning({ busy: true, error: null });
    const error = await sign(nameKnown ? undefined : name);
    setSigning(error ? { busy: false, error } : null);
    if (!error) {
      setNameKnown(true);
      setJustSigned(true);
    }
  }, [sign, nameKnown, signerName]);
  const cancelSign = useCallback(() => setSigning(null), []);

  const { includes } = template;
  const idPrefix = useId();
  const focusMode = useFocusMode();
  const { editor, header } = useHeaderHeight();
  const column = useRef<HTMLDivElement>(null);
  const goToProblem = useCallback(() => {
    if (column.current) focusFirstProblem(column.current);
  }, []);
  const saveState = headerSaveStatus(autosave.status, problems.length);
  // The outline changes only with the template, the signature, or text under a section the
  // template lacks: not with each keystroke (the key below stays the same while typing).
  const signed = note.status === 'signed';
  const orphanKey = orphanSectionIds(new Set(template.baseSections.map((s) => s.id)), draft.sections).join(
    '\n',
  );
  // A draft always offers the risk section; a signed note shows it only if it has one.
  const showRisk = !signed || draft.risk !== null;
  // The parts after the attunement ratings (below the fold) are drawn in a second, interruptible
  // render just after the first, so the top of the note is on screen and usable sooner.
  const [allParts, setAllParts] = useState(false);
  useEffect(() => startTransition(() => setAllParts(true)), []);
  // `allParts` gives the outline a new list once every part is drawn, so it watches them all.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `orphanKey` stands for the sections that matter here.
  const outline = useMemo(
    () => noteOutline(template, draft.sections, signed, showRisk),
    [template, signed, orphanKey, showRisk, allParts],
  );
  // The reminder's button: the section appears empty, and the first question takes focus.
  const setRisk = setters.risk;
  const addRisk = useCallback(() => {
    setRisk((current) => current ?? emptyRiskAssessment());
    requestAnimationFrame(() => {
      const part = document.getElementById(partDomId(idPrefix, partKeys.risk));
      part?.scrollIntoView({ block: 'start' });
      part?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
    });
  }, [setRisk, idPrefix]);
  const choosing = held?.state === 'choose';
  // One element each while typing, so neither the memoised header nor these parts, which do not
  // depend on the draft, are drawn again for every keystroke.
  const pdfButton = useMemo(
    () => <NotePdfButton noteId={note.id} clientId={note.clientId} signed={signed} />,
    [note.id, note.clientId, signed],
  );
  const handToClient = useMemo(() => <HandToClient noteId={note.id} />, [note.id]);
  const headerOutline = useMemo(
    () => (choosing ? undefined : <NoteOutline items={outline} idPrefix={idPrefix} placement="header" />),
    [choosing, outline, idPrefix],
  );
  const measures = useMemo(
    () => <MeasuresPanel clientId={note.clientId} sessionId={note.sessionId} />,
    [note.clientId, note.sessionId],
  );
  return (
    <div className={focusMode.on ? 'note-editor focus-mode' : 'note-editor'} ref={editor}>
      <NoteHeader
        ref={header}
        heading={heading}
        focusMode={focusMode.on}
        onToggleFocusMode={focusMode.toggle}
        templateName={template.name}
        signature={note.signed}
        sessionStartsAt={sessionStartsAt}
        lateEntryAfterHours={settings.lateEntryAfterHours}
        saveText={saveState.shown}
        saveMore={saveState.more}
        saveFailed={autosave.status.kind === 'failed'}
        problemCount={problems.length}
        onGoToProblem={goToProblem}
        onSign={readOnly || choosing ? undefined : openSign}
        onClose={close}
        actions={pdfButton}
        outline={headerOutline}
      />
      {/* Before the sections: its close (focus restore) must run before Addenda takes focus. */}
      <SignNoteDialog
        signing={signing}
        risk={draft.risk}
        attunement={includes.attunement ? draft.attunement : null}
        problems={problems}
        sessionStartsAt={sessionStartsAt}
        lateEntryAfterHours={settings.lateEntryAfterHours}
        nameKnown={nameKnown}
        signerName={signerName}
        onSignerNameChange={setSignerName}
        onConfirm={confirmSign}
        onCancel={cancelSign}
      />
      <div className="note-layout">
        {!choosing && <NoteOutline items={outline} idPrefix={idPrefix} placement="side" />}
        <div className="note-column" ref={column}>
          <NoteProblems problems={problems} kept={saveState.more} />
          {held?.state === 'restored' && (
            <p role="status" className="notice">
              Changes you made that had not been saved ({savedAtText(held.heldAt).replace(/^Saved /, '')}) are
              back in the note.
            </p>
          )}
          {!readOnly && !choosing && (
            <RiskReminder
              noteId={note.id}
              clientId={note.clientId}
              hasRiskSection={draft.risk !== null}
              onAddRisk={addRisk}
            />
          )}
          {!readOnly && <PreviousPlan clientId={note.clientId} sessionId={note.sessionId} />}
          {held?.state === 'choose' ? (
            <HeldVersionChooser
              title="Unsaved changes from earlier"
              savedAt={note.updatedAt}
              heldAt={held.held.heldAt}
              differences={differences}
              onKeepSaved={keepSaved}
              onUseHeld={takeHeld}
            />
          ) : (
            <>
              <BaseSections
                idPrefix={idPrefix}
                templateSections={template.baseSections}
                values={draft.sections}
                readOnly={readOnly}
                errors={errors}
                onChange={setters.sections}
              />
              {includes.attunement && (
                <Part idPrefix={idPrefix} partKey={partKeys.attunement}>
                  <AttunementSection
                    attunement={draft.attunement}
                    coRegulation={draft.coRegulation}
                    readOnly={readOnly}
                    errors={errors}
                    onChange={setters.attunement}
                    onCoRegulationChange={setters.coRegulation}
                  />
                </Part>
              )}
              {allParts && includes.ruptures && (
                <Part idPrefix={idPrefix} partKey={partKeys.ruptures}>
                  <RupturesSection
                    ruptures={draft.ruptures}
                    judgments={draft.sessionJudgments}
                    vocabulary={vocabulary}
                    readOnly={readOnly}
                    errors={errors}
                    sessionMinutes={sessionMinutes}
                    onChange={setters.ruptures}
                    onJudgmentsChange={setters.sessionJudgments}
                  />
                </Part>
              )}
              {allParts && (
                <>
                  {includes.participation && (
                    <Part idPrefix={idPrefix} partKey={partKeys.participation}>
                      <ParticipationSection
                        value={draft.participation}
                        readOnly={readOnly}
                        errors={errors}
                        onChange={setters.participation}
                      />
                    </Part>
                  )}
                  {includes.feedback && (
                    <Part idPrefix={idPrefix} partKey={partKeys.feedback}>
                      <FeedbackSection
                        value={draft.feedback}
                        previous={previousFeedback}
                        concernLine={settings.feedbackConcernLine}
                        readOnly={readOnly}
                        errors={errors}
                        onChange={setters.feedback}
                      />
                      {!readOnly && handToClient}
                    </Part>
                  )}
                  <Part idPrefix={idPrefix} partKey={partKeys.goals}>
                    <GoalsSection
                      clientId={note.clientId}
                      sessionId={note.sessionId}
                      value={draft.goalProgress}
                      signedAt={note.signed?.at ?? null}
                      readOnly={readOnly}
                      errors={errors}
                      onChange={setters.goalProgress}
                      onOpenTreatment={openTreatment}
                    />
                  </Part>
                  {includes.plan && (
                    <Part idPrefix={idPrefix} partKey={partKeys.plan}>
                      <TextSection
                        sectionKey="plan"
                        heading="Plan"
                        prompt={planPrompt}
                        value={draft.plan}
                        readOnly={readOnly}
                        error={errors.plan}
                        onChange={setters.plan}
                      />
                    </Part>
                  )}
                  {showRisk && (
                    <Part idPrefix={idPrefix} partKey={partKeys.risk}>
                      <RiskSection
                        value={draft.risk}
                        readOnly={readOnly}
                        errors={errors}
                        onChange={setters.risk}
                      />
                    </Part>
                  )}
                  {readOnly && (
                    <Part idPrefix={idPrefix} partKey={partKeys.addenda}>
                      <AddendaSection
                        noteId={note.id}
                        addenda={note.addenda}
                        onAdd={addAddendum}
                        focusOnMount={justSigned}
                      />
                    </Part>
                  )}
                </>
              )}
            </>
          )}
          {allParts && (
            <>
              <Part idPrefix={idPrefix} partKey={partKeys.measures}>
                {measures}
              </Part>
              <Part idPrefix={idPrefix} partKey={partKeys.processNotes}>
                <ProcessNotesPanel
                  noteId={note.id}
                  processNote={data.processNote}
                  createdAt={note.createdAt}
                />
              </Part>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
