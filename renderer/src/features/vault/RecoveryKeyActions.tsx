import './recoveryKey.css';
import { Copy, FileDown, Printer } from 'lucide-react';
import { useCallback, useState } from 'react';
import { PrintFrame } from '../../components/PrintFrame';
import { call, messageOf } from '../../data/api';

/**
 * Copy, Print and Save to file for the recovery key on screen. Main copies (and clears the
 * clipboard after a minute) and writes the file where the user chooses; Print prints a page
 * with the key and plain instructions and nothing else.
 */
export function RecoveryKeyActions({ recoveryKey }: { recoveryKey: string }) {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<string | null>) {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const copy = () =>
    run(async () => {
      const { clearsInSeconds } = await call('recoveryKey:copy', { recoveryKey });
      return (
        `Recovery key copied. Paste it where you keep it safe: Attune clears the clipboard in ` +
        `${clearsInSeconds} seconds if the key is still on it. A clipboard history (Windows) or a ` +
        'clipboard shared with your other devices may keep its own copy: clear it there too.'
      );
    });

  const save = () =>
    run(async () => {
      const saved = await call('recoveryKey:save', { recoveryKey });
      if (!saved) return null;
      return (
        `Recovery key saved to ${saved.path}. Keep it off this computer: move it to a USB stick ` +
        'or print it, then delete this file (and empty the trash).'
      );
    });

  const printed = useCallback(() => {
    window.print();
    setPrinting(false);
    setStatus('Sent to the printer. Keep the page somewhere safe, away from this computer.');
  }, []);

  return (
    <div className="recovery-actions">
      <div className="actions">
        <button type="button" className="secondary" disabled={busy} onClick={() => void copy()}>
          <Copy aria-hidden="true" size={16} /> Copy
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || printing}
          onClick={() => {
            setError(null);
            setStatus(null);
            setPrinting(true);
          }}
        >
          <Printer aria-hidden="true" size={16} /> Print
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void save()}>
          <FileDown aria-hidden="true" size={16} /> Save to file…
        </button>
      </div>
      <div role="status">{status && <p className="small">{status}</p>}</div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {printing && (
        <PrintFrame className="recovery-print" onReady={printed}>
          <h1>Attune recovery key</h1>
          <p className="recovery-print-key">{recoveryKey}</p>
          <p>
            If you forget your Attune passphrase, this key is the only way to open your notes: on the unlock
            screen choose “Forgot your passphrase?” and type it in.
          </p>
          <p>
            Keep this page somewhere safe, away from your computer. Anyone with this key and your vault can
            read your notes. A newer recovery key replaces this one; destroy this page when that happens.
          </p>
        </PrintFrame>
      )}
    </div>
  );
}
