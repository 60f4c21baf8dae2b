import { type FormEvent, useId, useRef, useState } from 'react';
import type { PacketRequestInput, ReviewPacket } from '../../../../shared/ipc/contract';
import { FormFooter } from '../../components/FormFooter';
import { ShowInFolderButton } from '../../components/ShowInFolderButton';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { messageOf } from '../../data/api';
import { packetFileName } from './exportFileNames';
import { chooseSavePath, exportPacket } from './reviewData';

const MIN_LENGTH = 10;

/**
 * "Export review packet": a packet passphrase, confirmed, then where to save it (the save
 * dialog), then the encrypted file, where it is, and Show in folder.
 */
export function ExportPacketPanel({
  request,
  packet,
}: {
  request: PacketRequestInput;
  packet: ReviewPacket;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const form = useFocusOnOpen<HTMLFormElement>({ open, returnTo: openButton });
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ path: string; fileId: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase.length < MIN_LENGTH) {
      return setError(`Use a packet passphrase of at least ${MIN_LENGTH} characters.`);
    }
    if (passphrase !== confirmation) return setError('The two passphrases differ; type them again.');
    setBusy(true);
    setError(null);
    try {
      const saveTo = await chooseSavePath('review-packet', packetFileName(packet));
      if (!saveTo) return; // cancelled: the form stays, passphrase and all
      const result = await exportPacket(request, passphrase, saveTo);
      setSaved({ path: result.path, fileId: result.fileId });
      setPassphrase('');
      setConfirmation('');
      setOpen(false);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="packet-output">
      {open ? (
        <form ref={form} className="card narrow" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
          <h3 id={`${id}-title`}>Export review packet</h3>
          <p className="muted">
            The packet is encrypted with a passphrase of its own, not your vault passphrase. Your supervisor
            needs it to open the packet, and the clinician side needs it to read the comments that come back.
          </p>
          <label htmlFor={`${id}-pass`}>Packet passphrase</label>
          <input
            id={`${id}-pass`}
            type="password"
            autoComplete="new-password"
            aria-describedby={`${id}-hint`}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
          <p id={`${id}-hint`} className="field-description">
            At least {MIN_LENGTH} characters; a few unrelated words are easy to say aloud.
          </p>
          <label htmlFor={`${id}-confirm`}>Confirm packet passphrase</label>
          <input
            id={`${id}-confirm`}
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
          />
          <FormFooter
            escapeCancels
            error={error}
            busy={busy}
            submitLabel="Encrypt and save packet…"
            busyLabel="Encrypting…"
            onCancel={() => setOpen(false)}
          />
        </form>
      ) : (
        <button ref={openButton} type="button" onClick={() => setOpen(true)}>
          Export review packet
        </button>
      )}
      <div role="status">
        {saved && (
          <>
            <p>
              Packet saved to <code className="path">{saved.path}</code>.{' '}
              <ShowInFolderButton fileId={saved.fileId} />
            </p>
            <p>
              <strong>Share the passphrase separately</strong>: tell it to your supervisor in person or by
              phone, never in the same message as the file.
            </p>
          </>
        )}
      </div>
    </div>
  );
}
