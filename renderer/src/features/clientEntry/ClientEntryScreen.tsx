import { useEffect, useRef, useState } from 'react';
import type { ClientEntryReturn } from '../../../../shared/ipc/contract';
import type { ActiveClientEntry } from '../../data/clientEntryHandoff';
import { ClientFeedbackForm } from './ClientFeedbackForm';
import { ClientMeasureForm } from './ClientMeasureForm';
import { HandBackForm } from './HandBackForm';
import { useHistoryTrap } from './useHistoryTrap';
import { useKeyboardFence } from './useKeyboardFence';
import './clientEntry.css';

const thanks = 'Thank you. Your answers are saved. Please hand the computer back to your therapist.';

/**
 * Client entry mode on screen: one calm form over the whole window, with nothing else of the
 * vault (no sidebar, no palette, no shortcuts, no way back but the therapist's passphrase).
 * Main refuses every other request meanwhile (main/ipc/clientEntryGate.ts); this screen only
 * keeps the keys and the back button from trying.
 */
export function ClientEntryScreen({
  entry,
  onReturned,
}: {
  entry: ActiveClientEntry;
  onReturned: (back: ClientEntryReturn) => void;
}) {
  useHistoryTrap();
  useKeyboardFence();
  const [step, setStep] = useState<'form' | 'done' | 'therapist'>('form');
  const heading = useRef<HTMLHeadingElement>(null);
  // Each step starts at its heading, so a screen reader reads the new step from the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when the step changes.
  useEffect(() => heading.current?.focus(), [step]);
  const greeting = entry.greeting ? `Hello ${entry.greeting}. ` : '';

  return (
    <main className="client-entry">
      <div className="client-entry-card">
        <h1 ref={heading} tabIndex={-1}>
          {step !== 'form'
            ? 'Thank you'
            : entry.form === 'feedback'
              ? `${greeting}How was today’s session?`
              : `${greeting}How have you been?`}
        </h1>
        {step === 'form' ? (
          <>
            {entry.form === 'feedback' ? (
              <ClientFeedbackForm onDone={() => setStep('done')} />
            ) : (
              <ClientMeasureForm instrument={entry.form} onDone={() => setStep('done')} />
            )}
            <button
              type="button"
              className="link client-entry-therapist"
              onClick={() => setStep('therapist')}
            >
              Therapist: end without saving
            </button>
          </>
        ) : (
          <HandBackForm
            intro={step === 'done' ? thanks : 'Nothing was saved from this form.'}
            onReturned={onReturned}
          />
        )}
      </div>
    </main>
  );
}
