import type { ReviewPacket } from '../../../../shared/ipc/contract';
import type { PacketNote } from '../../../../shared/review/packetSchema';
import { packetDateTime, plural } from './reviewFormat';
import { showSession } from './useShowSession';

/** From this many sessions a packet lists them at its top, so a reader need not scroll to find one. */
export const CONTENTS_FROM = 4;

/**
 * The packet's sessions as a list to jump from: each with its date and how many ruptures its note
 * records. Folded by default, so a short read starts with the case itself; not printed.
 */
export function PacketContents({
  packet,
  notes,
}: {
  packet: ReviewPacket;
  notes: ReadonlyMap<string, PacketNote>;
}) {
  if (packet.sessions.length < CONTENTS_FROM) return null;
  return (
    <nav className="packet-contents" aria-label="Sessions in this packet">
      <details>
        <summary>Go to a session ({packet.sessions.length})</summary>
        <ol>
          {packet.sessions.map((session, i) => {
            const ruptures = notes.get(session.sessionRef)?.ruptures.length ?? 0;
            return (
              <li key={session.sessionRef}>
                <button type="button" className="link" onClick={() => showSession(session.sessionRef)}>
                  Session {i + 1} · {packetDateTime(session.startsAt)}
                </button>
                {ruptures > 0 && <span className="muted small"> · {plural(ruptures, 'rupture')}</span>}
              </li>
            );
          })}
        </ol>
      </details>
    </nav>
  );
}
