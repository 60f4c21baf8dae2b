import { type FormEvent, useId, useRef, useState } from 'react';
import { FormFooter } from '../../components/FormFooter';
import { ShowInFolderButton } from '../../components/ShowInFolderButton';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { ApiError, messageOf } from '../../data/api';
import { useSettings } from '../../data/hooks';
import { unsavedForms } from '../../data/unsavedForms';
import { commentsFileName } from './exportFileNames';
import { LabelledInput } from './LabelledInput';
import { checkPacketPassphrase, chooseSavePath, exportComments } from './reviewData';
import { plural } from './reviewFormat';

/**
 * "Export comments": the reviewer's name and the packet's passphrase, then where to save it (the
 * save dialog), then the encrypted file's path with Show in folder.
 */
export function ExportCommentsPanel({
  packetId,
  alias,
  comments,
}: {
  packetId: string;
  alias: string;
  comments: number;
}) {
  const id = useId();
  const { clinicianName } = useSettings();
  const [open, setOpen] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const form = useFocusOnOpen<HTMLFormElement>({ open, returnTo: openButton });
  const [name, setName] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  // A problem with the name or the passphrase, said under that field (and focused); `error` is the export's own.
  const [fieldError, setFieldError] = useState<{ field: 'name' | 'passphrase'; message: string } | null>(
    null,
  );
  const nameInput = useRef<HTMLInputElement>(null);
  const passphraseInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ path: string; comments: number; fileId: string } | null>(null);
  const reviewerName = name ?? clinicianName ?? '';
  // Comment boxes of this packet holding typed text not saved yet (CommentBox keeps it).
  const unsaved = open
    ? unsavedForms
        .keysStartingWith(`comment:${packetId}:`)
        .filter((key) => (unsavedForms.get<{ text: string }>(key)?.text.trim() ?? '') !== '').length
    : 0;
  // Saved comments being edited (CommentItem keeps the new text): their saved text is what goes.
  const editing = open
    ? unsavedForms
        .keysStartingWith(`comment-edit:${packetId}:`)
        .filter((key) => unsavedForms.get<{ editing: boolean }>(key)?.editing === true).length
    : 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!reviewerName.trim()) {
      setFieldError({
        field: 'name',
        message: 'Enter your name, so the clinician knows whose comments these are.',
      });
      nameInput.current?.focus();
      return;
    }
    if (!passphrase) {
      setFieldError({ field: 'passphrase', message: 'Enter the packet passphrase the clinician gave you.' });
      passphraseInput.current?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      // Before the save dialog: a wrong passphrase said after it would send the reviewer through it again.
      await checkPacketPassphrase(packetId, passphrase);
      const saveTo = await chooseSavePath('review-comments', commentsFileName(alias, new Date()));
      if (!saveTo) return; // cancelled: the form stays as it was
      setSaved(await exportComments(packetId, reviewerName, passphrase, saveTo));
      setPassphrase('');
      setOpen(false);
    } catch (failure) {
      if (failure instanceof ApiError && failure.kind === 'wrong-passphrase') {
        setFieldError({ field: 'passphrase', message: messageOf(failure) });
        passphraseInput.current?.focus();
      } else setError(messageOf(failure));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="packet-output">
      {open ? (
        <form ref={form} className="card narrow" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
          <h2 id={`${id}-title`}>Send your comments back</h2>
          <p className="muted">
            {plural(comments, 'comment')} will be sealed with the packet’s passphrase, so only the clinician
            can open them.
          </p>
          {unsaved > 0 && (
            <p role="status" className="notice">
              {unsaved === 1
                ? '1 comment you typed is not saved, so it will not be sent: save it first with Save comment under it.'
                : `${unsaved} comments you typed are not saved, so they will not be sent: save them first with Save comment under each.`}
            </p>
          )}
          {editing > 0 && (
            <p role="status" className="notice">
              {editing === 1
                ? '1 comment you are changing is not saved, so its earlier text will be sent: save it first with Save changes under it.'
                : `${editing} comments you are changing are not saved, so their earlier text will be sent: save them first with Save changes under each.`}
            </p>
          )}
          <LabelledInput
            id={`${id}-name`}
            label="Your name"
            inputRef={nameInput}
            autoComplete="name"
            value={reviewerName}
            onChange={setName}
            error={fieldError?.field === 'name' ? fieldError.message : null}
          />
          <LabelledInput
            id={`${id}-pass`}
            label="Packet passphrase"
            inputRef={passphraseInput}
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={setPassphrase}
            error={fieldError?.field === 'passphrase' ? fieldError.message : null}
          />
          <FormFooter
            escapeCancels
            error={error}
            busy={busy}
            submitLabel="Encrypt and save comments…"
            busyLabel="Encrypting…"
            onCancel={() => {
              setFieldError(null);
              setOpen(false);
            }}
          />
        </form>
      ) : (
        <>
          <button
            ref={openButton}
            type="button"
            onClick={() => setOpen(true)}
            disabled={comments === 0}
            aria-describedby={comments === 0 ? `${id}-none` : undefined}
          >
            Export comments
          </button>
          {comments === 0 && (
            <p id={`${id}-none`} className="muted small">
              Only saved comments are exported: save one first with Save comment under it.
            </p>
          )}
        </>
      )}
      <div role="status">
        {saved && (
          <p>
            {plural(saved.comments, 'comment')} saved to <code className="path">{saved.path}</code>. Send this
            file to the clinician; it opens with the packet’s passphrase.{' '}
            <ShowInFolderButton fileId={saved.fileId} />
          </p>
        )}
      </div>
    </div>
  );
}
