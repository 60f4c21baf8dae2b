import { Focus, PenLine, X } from 'lucide-react';
import { memo, type ReactNode, type Ref } from 'react';
import type { Signature } from '../../../../shared/domain/noteSchema';
import { LateEntryBadge } from '../../components/LateEntryBadge';
import { formatDate, formatTime } from '../../format/dates';
import { focusModeShortcut } from './focusMode';
import { saveShortcut } from './saveStatusText';

export interface NoteHeaderProps {
  /** The page's heading: "Session note · C-014 · 20 Nov 2026, 10:00". */
  heading: string;
  templateName: string;
  signature: Signature | undefined;
  /** The session's start, once known: a note signed long after it is labelled a late entry. */
  sessionStartsAt?: string | undefined;
  /** The late-entry limit from Settings, in hours. */
  lateEntryAfterHours: number;
  /** The live save state in a few words, e.g. "Saved at 14:32" or "Not saved: 2 problems to fix." */
  saveText: string;
  /** The rest of the save state, read out with it but not shown (the problems box above the note shows it). */
  saveMore: string;
  saveFailed: boolean;
  /** How many problems stop the note saving; with any, a link goes to the first. */
  problemCount: number;
  onGoToProblem: () => void;
  /** Opens the sign confirmation; absent once signed. */
  onSign?: () => void;
  onClose: () => void;
  /** More actions, shown before "Close note" (printing the note). */
  actions?: ReactNode;
  /**
   * The "Sections" disclosure, last of the actions: shown here only where the editor is too narrow
   * for the outline beside the text (noteEditor.css), so it never floats over what is being read.
   */
  outline?: ReactNode;
  focusMode: boolean;
  onToggleFocusMode: () => void;
  ref?: Ref<HTMLElement>;
}

/**
 * The note's sticky header: client and session (the page heading), template, status, live save
 * state and the note's actions, Sign among them, so they stay in reach anywhere in a long note.
 * It keeps its height when a save fails: problems are a count and a link here, listed above the note.
 */
export const NoteHeader = memo(function NoteHeader({
  heading,
  templateName,
  signature,
  sessionStartsAt,
  lateEntryAfterHours,
  saveText,
  saveMore,
  saveFailed,
  problemCount,
  onGoToProblem,
  onSign,
  onClose,
  actions,
  outline,
  focusMode,
  onToggleFocusMode,
  ref,
}: NoteHeaderProps) {
  return (
    <header className="note-header" ref={ref}>
      <div className="note-header-row">
        <div className="note-title">
          <h1>{heading}</h1>
          <p className="note-meta">
            <span className="note-template">{templateName} note</span>
            <span className={signature ? 'badge signed' : 'badge draft'}>
              {signature ? 'Signed' : 'Draft'}
            </span>
            {signature && <span className="muted">{signedText(signature)}</span>}
            {signature && (
              <LateEntryBadge
                sessionStartsAt={sessionStartsAt}
                signedAt={signature.at}
                afterHours={lateEntryAfterHours}
              />
            )}
            <output
              aria-live="polite"
              aria-label="Note save state"
              className={saveFailed ? 'save-state failed' : 'save-state'}
              title={signature ? undefined : `Saves as you type; ${saveShortcut} saves now.`}
            >
              {saveText}
              {saveMore && <span className="visually-hidden"> {saveMore}</span>}
            </output>
            {problemCount > 0 && (
              <button type="button" className="link go-to-problem" onClick={onGoToProblem}>
                Go to the first problem
              </button>
            )}
          </p>
        </div>
        <div className="note-actions">
          <button
            type="button"
            className="secondary"
            aria-pressed={focusMode}
            title={`Only the note on screen (${focusModeShortcut}; Escape leaves)`}
            onClick={onToggleFocusMode}
          >
            <Focus aria-hidden="true" size={16} /> Focus mode
          </button>
          {onSign && (
            <button type="button" className="primary" onClick={onSign}>
              <PenLine aria-hidden="true" size={16} /> Sign note
            </button>
          )}
          {actions}
          <button type="button" className="secondary" onClick={onClose}>
            <X aria-hidden="true" size={16} /> Close note
          </button>
          {outline}
        </div>
      </div>
    </header>
  );
});

/** "Signed on 3 March 2025 at 14:32 by Dr Rivera". */
export function signedText(signature: Signature): string {
  const at = new Date(signature.at);
  const date = formatDate(at);
  const time = formatTime(at);
  return `Signed on ${date} at ${time} by ${signature.by}`;
}
