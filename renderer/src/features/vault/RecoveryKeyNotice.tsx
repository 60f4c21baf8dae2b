import { useState } from 'react';

/** Shows the one-time recovery key and asks the user to confirm they stored it. */
export function RecoveryKeyNotice({
  recoveryKey,
  onConfirmed,
}: {
  recoveryKey: string;
  onConfirmed: () => void;
}) {
  const [stored, setStored] = useState(false);
  return (
    <main className="centered">
      <section className="card" aria-labelledby="recovery-title">
        <h1 id="recovery-title">Your recovery key</h1>
        <p>
          If you forget your passphrase, this key is the only way to open your notes. It is shown once. Write
          it down or print it, and keep it somewhere safe, away from this computer.
        </p>
        <label htmlFor="recovery-key">Recovery key</label>
        <textarea id="recovery-key" className="recovery-key" readOnly rows={3} value={recoveryKey} />
        <label className="check">
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />I have
          stored my recovery key somewhere safe
        </label>
        <button type="button" disabled={!stored} onClick={onConfirmed}>
          Continue
        </button>
      </section>
    </main>
  );
}
