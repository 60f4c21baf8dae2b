import { type FormEvent, useId, useRef, useState } from 'react';
import type { PacketRequestInput, ReviewPacket } from '../../../../shared/ipc/contract';
import { FormFooter } from '../../components/FormFooter';
import { ShowInFolderButton } from '../../components/ShowInFolderButton';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { messageOf } from '../../data/api';
import { packetFileName } from './exportFileNames';
import { LabelledInput } from './LabelledInput';
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
  // A problem with one of the two fields, said under it (and focused); `error` is the export's own.
  const [fieldError, setFieldError] = useState<{ field: 'passphrase' | 'confirm'; message: string } | null>(
    null,
  );
  const passphraseInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ path: string; fileId: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (passphrase.length < MIN_LENGTH) {
      setFieldError({
        field: 'passphrase',
        message: `Use a packet passphrase of at least ${MIN_LENGTH} characters.`,
      });
      passphraseInput.current?.focus();
      return;
    }
    if (passphrase !== confirmation) {
      setFieldError({ field: 'confirm', message: 'The two passphrases differ; type them again.' });
      confirmInput.current?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
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
          <LabelledInput
            id={`${id}-pass`}
            label="Packet passphrase"
            inputRef={passphraseInput}
            type="password"
            autoComplete="new-password"
            hintId={`${id}-hint`}
            value={passphrase}
            onChange={setPassphrase}
            error={fieldError?.field === 'passphrase' ? fieldError.message : null}
          />
          <p id={`${id}-hint`} className="field-description">
            At least {MIN_LENGTH} characters; a few unrelated words are easy to say aloud.
          </p>
          <LabelledInput
            id={`${id}-confirm`}
            label="Confirm packet passphrase"
            inputRef={confirmInput}
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={setConfirmation}
            error={fieldError?.field === 'confirm' ? fieldError.message : null}
          />
          <FormFooter
            escapeCancels
            error={error}
            busy={busy}
            submitLabel="Encrypt and save packet…"
            busyLabel="Encrypting…"
            onCancel={() => {
              setFieldError(null);
              setOpen(false);
            }}
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
