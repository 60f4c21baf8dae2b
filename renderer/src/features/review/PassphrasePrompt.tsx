import { type FormEvent, type RefObject, useId, useRef, useState } from 'react';
import { FormFooter } from '../../components/FormFooter';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { ApiError, messageOf } from '../../data/api';
import { LabelledInput } from './LabelledInput';
import { fileName } from './reviewFormat';

/** What went wrong: with the passphrase (said at its field), or with the file (said at the form's end). */
type Problem = { message: string; at: 'passphrase' | 'file' };

/**
 * Asks for a packet's passphrase to open a chosen file. A failure is shown as an alert and the
 * prompt stays, with the passphrase cleared and focused: a missing or wrong passphrase is said at
 * its field, a damaged or newer file at the form's end. Focus goes
 * to the passphrase on opening and back to `returnTo` (the control that chose the file) on closing.
 */
export function PassphrasePrompt({
  title,
  path,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
  returnTo,
}: {
  title: string;
  path: string;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (passphrase: string) => Promise<void>;
  onCancel: () => void;
  returnTo?: RefObject<HTMLElement | null>;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const form = useFocusOnOpen<HTMLFormElement>({ initial: input, returnTo });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) {
      setError({ message: 'Enter the packet passphrase the clinician gave you.', at: 'passphrase' });
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(passphrase);
    } catch (failure) {
      const wrong = failure instanceof ApiError && failure.kind === 'wrong-passphrase';
      setError({ message: messageOf(failure), at: wrong ? 'passphrase' : 'file' });
      setPassphrase('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={form} className="card narrow" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted">
        File: <code className="path">{fileName(path)}</code>
      </p>
      <LabelledInput
        id={`${id}-pass`}
        label="Packet passphrase"
        inputRef={input}
        type="password"
        autoComplete="off"
        value={passphrase}
        onChange={setPassphrase}
        error={error?.at === 'passphrase' ? error.message : null}
      />
      <FormFooter
        escapeCancels
        error={error?.at === 'file' ? error.message : null}
        busy={busy}
        submitLabel={submitLabel}
        busyLabel={busyLabel}
        onCancel={onCancel}
      />
    </form>
  );
}
