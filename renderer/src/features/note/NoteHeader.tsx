import { memo, type ReactNode } from 'react';
import type { Signature } from '../../../../shared/domain/noteSchema';
import { formatDate, formatTime } from '../../format/dates';
import { saveShortcut } from './saveStatusText';

export interface NoteHeaderProps {
  templateName: string;
  signature: Signature | undefined;
  /** The live save state, e.g. "Saved at 14:32". */
  saveText: string;
  saveFailed: boolean;
  /** Validation messages to list, if the draft could not be saved. */
  problems: readonly string[];
  /** Opens the sign confirmation; absent once signed. */
  onSign?: () => void;
  onClose: () => void;
  /** More actions, shown before "Close note" (printing the note). */
  actions?: ReactNode;
}

/** Template, status, live save state and the note's actions. */
export const NoteHeader = memo(function NoteHeader({
  templateName,
  signature,
  saveText,
  saveFailed,
  problems,
  onSign,
  onClose,
  actions,
}: NoteHeaderProps) {
  return (
    <header className="note-header card">
      <div className="note-header-row">
        <p className="note-meta">
          <span className="note-template">{templateName} note</span>
          <span className={signature ? 'badge signed' : 'badge draft'}>{signature ? 'Signed' : 'Draft'}</span>
          {signature && <span className="muted">{signedText(signature)}</span>}
        </p>
        <div className="note-actions">
          {onSign && (
            <button type="button" onClick={onSign}>
              Sign note
            </button>
          )}
          {actions}
          <button type="button" className="secondary" onClick={onClose}>
            Close note
          </button>
        </div>
      </div>
      <output
        aria-live="polite"
        aria-label="Note save state"
        className={saveFailed ? 'save-state failed' : 'save-state'}
      >
        {saveText}
      </output>
      {!signature && <span className="muted small"> · Saves as you type; {saveShortcut} saves now.</span>}
      {problems.length > 0 && (
        <div role="alert" className="note-problems">
          <p>Fix these to save the note:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
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
