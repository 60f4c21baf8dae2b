import { useCallback, useEffect, useRef, useState } from 'react';
import type { PacketListing } from '../../../../shared/ipc/contract';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { messageOf } from '../../data/api';
import { PassphrasePrompt } from './PassphrasePrompt';
import { listPackets, openPacket, removePacket } from './reviewData';
import { localDate, packetDate, plural } from './reviewFormat';
import { useChosenFile } from './useChosenFile';
import './review.css';

/**
 * Review mode's front page: the packets other clinicians shared with this user, kept apart from
 * their own clients, and "Open review packet" (native dialog, then the packet's passphrase).
 */
export function ReviewPacketsPage({ onOpen }: { onOpen: (packetId: string) => void }) {
  const [packets, setPackets] = useState<PacketListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const file = useChosenFile('open-packet');
  const openButton = useRef<HTMLButtonElement>(null);

  const reload = useCallback(() => {
    listPackets()
      .then(setPackets)
      .catch((failure) => setError(messageOf(failure)));
  }, []);
  useEffect(reload, [reload]);

  async function open(passphrase: string) {
    if (!file.path) return;
    const packet = await openPacket(file.path, passphrase);
    file.clear();
    onOpen(packet.packetId);
  }

  // The removed row took the pressed button with it: the page says what went, and the keyboard
  // carries on from the list's heading rather than the top of the document.
  async function remove(packetId: string, alias: string) {
    setError(null);
    setRemoved(null);
    try {
      await removePacket(packetId);
      setPackets((list) => list?.filter((p) => p.packetId !== packetId) ?? list);
      setRemoved(`Removed ${alias} and your comments on it from this computer.`);
      listHeading.current?.focus();
      reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <main className="page review-screen">
      <div className="page-head">
        <h1>Review packets</h1>
        <button ref={openButton} type="button" onClick={file.choose} disabled={file.path !== null}>
          Open review packet
        </button>
      </div>
      <p className="muted">
        Case packets other clinicians shared with you for supervision. They are read-only, de-identified and
        kept apart from your own clients. Your comments go back to the clinician as an encrypted file.
      </p>
      {file.path && (
        <PassphrasePrompt
          title="Open review packet"
          path={file.path}
          submitLabel="Open packet"
          busyLabel="Opening…"
          onSubmit={open}
          onCancel={file.clear}
          returnTo={openButton}
        />
      )}
      {(error || file.error) && (
        <p role="alert" className="error">
          {error ?? file.error}
        </p>
      )}
      <h2 ref={listHeading} tabIndex={-1}>
        Opened packets
      </h2>
      <div role="status">{removed && <p>{removed}</p>}</div>
      {packets === null ? (
        <p>Loading…</p>
      ) : packets.length === 0 ? (
        <p className="muted">No review packets opened yet.</p>
      ) : (
        <ul className="packet-list">
          {packets.map((p) => (
            <li key={p.packetId}>
              <button type="button" className="link" onClick={() => onOpen(p.packetId)}>
                {p.alias}
              </button>
              <span className="muted">
                {plural(p.sessions, 'session')} · made {packetDate(p.createdAt)} · opened{' '}
                {localDate(p.openedAt)} · {plural(p.comments, 'comment')}
              </span>
              <ConfirmableButton
                label={`Remove ${p.alias}`}
                needsConfirmation
                question={`Remove the packet of ${p.alias} and your comments on it from this computer?`}
                confirmLabel="Remove"
                keepLabel="Keep"
                onConfirm={() => void remove(p.packetId, p.alias)}
              />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
