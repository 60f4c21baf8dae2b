import { useEffect, useRef, useState } from 'react';
import { call } from '../../data/api';
import { RecoveryKeyActions } from './RecoveryKeyActions';

/**
 * Shows a one-time recovery key and asks the user to confirm they stored it: the first key at
 * first run, or a new one (`replaced`) after recovery, "Show a new recovery key" or a key
 * rotation, when the key shown before stops working.
 */
export function RecoveryKeyNotice({
  recoveryKey,
  onConfirmed,
  replaced = false,
  note,
}: {
  recoveryKey: string;
  onConfirmed: () => void;
  replaced?: boolean;
  /** Something more the user must know now (where the vault before a key rotation was kept). */
  note?: string | undefined;
}) {
  const [stored, setStored] = useState(false);
  // The screen before it (its button with the focus) is gone: start at the heading, so a screen
  // reader says where the user now is and the keyboard carries on from the top.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="centered">
      <section className="card" aria-labelledby="recovery-title">
        <h1 id="recovery-title" ref={heading} tabIndex={-1}>
          {replaced ? 'Your new recovery key' : 'Your recovery key'}
        </h1>
        {replaced && (
          <p>
            Your previous recovery key no longer opens your vault. Destroy the old copy once you have stored
            this one.
          </p>
        )}
        {note && <p className="notice">{note}</p>}
        <p>
          If you forget your passphrase, this key is the only way to open your notes. It is shown once. Write
          it down, print it or save it to a USB stick, and keep it somewhere safe, away from this computer.
        </p>
        <label htmlFor="recovery-key">Recovery key</label>
        <textarea id="recovery-key" className="recovery-key" readOnly rows={3} value={recoveryKey} />
        <RecoveryKeyActions recoveryKey={recoveryKey} />
        <label className="check">
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />I have
          stored my recovery key somewhere safe
        </label>
        <button
          type="button"
          disabled={!stored}
          onClick={async () => {
            // Main noted the key as shown and not confirmed; until this, the workspace asks for a new
            // one. Waited for, so the workspace that opens next does not still ask.
            await call('recoveryKey:confirmStored').catch(() => undefined);
            onConfirmed();
          }}
        >
          Continue
        </button>
      </section>
    </main>
  );
}
