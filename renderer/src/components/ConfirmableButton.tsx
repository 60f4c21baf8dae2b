import { useRef, useState } from 'react';
import { useFocusOnOpen } from './useFocusOnOpen';

export interface ConfirmableButtonProps {
  /** The button's name, e.g. "Remove rupture". */
  label: string;
  /** Whether to ask first; when false the action runs on the first click. */
  needsConfirmation: boolean;
  /** The question shown inline, e.g. "Remove rupture 2 and everything written in it?". */
  question: string;
  confirmLabel: string;
  keepLabel: string;
  onConfirm: () => void;
}

/**
 * A destructive button that asks inline before acting. Focus moves to the safe choice when the
 * question appears and back to the button when it is dismissed.
 */
export function ConfirmableButton({
  label,
  needsConfirmation,
  question,
  confirmLabel,
  keepLabel,
  onConfirm,
}: ConfirmableButtonProps) {
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // The button is drawn again in place of the question, so focus returns to the new one.
  const inline = useFocusOnOpen<HTMLDivElement>({ open: asking, initial: keepRef, returnTo: buttonRef });

  if (asking) {
    return (
      <div className="confirm-inline" ref={inline}>
        <p>{question}</p>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" ref={keepRef} onClick={() => setAsking(false)}>
          {keepLabel}
        </button>
      </div>
    );
  }
  return (
    <button
      type="button"
      className="secondary"
      ref={buttonRef}
      onClick={() => (needsConfirmation ? setAsking(true) : onConfirm())}
    >
      {label}
    </button>
  );
}
