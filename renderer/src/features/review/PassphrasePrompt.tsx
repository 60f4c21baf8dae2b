import { type FormEvent, type RefObject, useId, useRef, useState } from 'react';
import { FormFooter } from '../../components/FormFooter';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { messageOf } from '../../data/api';
import { fileName } from './reviewFormat';

/**
 * Asks for a packet's passphrase to open a chosen file. A failure (wrong passphrase, damaged or
 * newer file) is shown as an alert and the prompt stays, with the passphrase cleared. Focus goes
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const form = useFocusOnOpen<HTMLFormElement>({ initial: input, returnTo });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) return setError('Enter the packet passphrase the clinician gave you.');
    setBusy(true);
    setError(null);
    try {
      await onSubmit(passphrase);
    } catch (failure) {
      setError(messageOf(failure));
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
      <label htmlFor={`${id}-pass`}>Packet passphrase</label>
      <input
        id={`${id}-pass`}
        ref={input}
        type="password"
        autoComplete="off"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <FormFooter
        escapeCancels
        error={error}
        busy={busy}
        submitLabel={submitLabel}
        busyLabel={busyLabel}
        onCancel={onCancel}
      />
    </form>
  );
}
