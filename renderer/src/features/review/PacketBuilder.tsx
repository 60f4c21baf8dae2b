import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PacketRequestInput, ReviewPacket } from '../../../../shared/ipc/contract';
import { messageOf } from '../../data/api';
import { useClient, useSessionRows } from '../../data/hooks';
import { unsavedForms } from '../../data/unsavedForms';
import { ExportPacketPanel } from './ExportPacketPanel';
import { PacketChoicesForm } from './PacketChoicesForm';
import { PacketView } from './PacketView';
import {
  type ChoiceProblem,
  defaultChoices,
  type PacketChoices,
  packetRequest,
  rowsInDates,
} from './packetChoices';
import { previewPacket } from './reviewData';
import { SavePdfPanel } from './SavePdfPanel';
import './review.css';

/**
 * Builds a case review packet of one client: the choices, then a preview of exactly what would
 * leave the machine, then the two outputs (the encrypted packet and the PDF summary). Any change
 * to the choices drops the preview, so what is exported is always what was last previewed.
 */
export function PacketBuilder({ clientId, onBack }: { clientId: string; onBack: () => void }) {
  const id = useId();
  const client = useClient(clientId);
  const rows = useSessionRows(clientId);
  // The choices are kept while the vault is open (unsavedForms): the names to remove typed once
  // are still there when the builder opens again, so a second packet does not leave them in.
  const formKey = `packet-choices:${clientId}`;
  const [choices, setChoices] = useState<PacketChoices>(
    () => unsavedForms.get<PacketChoices>(formKey) ?? defaultChoices,
  );
  const [preview, setPreview] = useState<{ packet: ReviewPacket; request: PacketRequestInput } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A choice to fix, said at its part of the form (which focuses it); `error` is the preview's own.
  const [problem, setProblem] = useState<ChoiceProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const inDates = useMemo(() => rowsInDates(rows ?? [], choices.from, choices.to), [rows, choices]);

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  function change(patch: Partial<PacketChoices>) {
    setChoices((current) => {
      const next = { ...current, ...patch };
      unsavedForms.keep(formKey, next);
      return next;
    });
    setPreview(null);
    setError(null);
    setProblem(null);
  }

  async function runPreview() {
    const made = packetRequest(clientId, choices, inDates);
    if ('problem' in made) return setProblem(made.problem);
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      setPreview({ packet: await previewPacket(made.request), request: made.request });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!client || rows === undefined) {
    return <main className="page">{client === null ? 'Client not found.' : 'Loading…'}</main>;
  }

  return (
    <main className="page review-screen">
      <button type="button" className="secondary" onClick={onBack}>
        Back to client
      </button>
      <h1>Case review packet · {client.code}</h1>
      <p className="muted">
        A de-identified packet of this case for supervision. The client appears under an alias; their name,
        code and the other names you list are replaced in every text. Nothing leaves this computer until you
        export it.
      </p>
      {rows.length === 0 ? (
        <p>This client has no sessions yet, so there is nothing to put in a packet.</p>
      ) : (
        <PacketChoicesForm
          choices={choices}
          inDates={inDates}
          onChange={change}
          onPreview={runPreview}
          busy={busy}
          problem={problem}
        />
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview && (
        <>
          <section className="packet-preview" aria-labelledby={`${id}-preview`}>
            <h2 id={`${id}-preview`} ref={previewHeading} tabIndex={-1}>
              Preview: what will leave this computer
            </h2>
            <p className="muted">
              This is the whole packet, as your supervisor will read it. Read it through for anything that
              could still identify the client: nicknames, misspelt names, places, employers, rare events.
            </p>
            <PacketView packet={preview.packet} sectionLevel={3} />
          </section>
          <section className="packet-outputs" aria-labelledby={`${id}-outputs`}>
            <h2 id={`${id}-outputs`}>Share it</h2>
            <ExportPacketPanel request={preview.request} packet={preview.packet} />
            <SavePdfPanel packet={preview.packet} />
          </section>
        </>
      )}
    </main>
  );
}
