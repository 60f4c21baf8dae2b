import { type ReactNode, useId } from 'react';
import { attendanceLabels, modalityLabels } from '../../../../shared/domain/sessionSchema';
import type { CommentTarget, ReviewPacket } from '../../../../shared/ipc/contract';
import type { PacketNote, PacketSession } from '../../../../shared/review/packetSchema';
import { Heading } from './Heading';
import { PacketNoteView } from './PacketNoteView';
import { packetDateTime } from './reviewFormat';

/** The id of a session's article, so a chart point can bring it into view. */
export const sessionAnchor = (sessionRef: string): string => `packet-session-${sessionRef}`;

/** One session of a packet: when, how, its note (or why there is none) and its process note. */
export function PacketSessionView({
  packet,
  session,
  number,
  note,
  withoutNote,
  processNote,
  level,
  commentSlot,
}: {
  packet: ReviewPacket;
  session: PacketSession;
  number: number;
  note: PacketNote | undefined;
  /** What to say where the packet holds no note for the session (null: nothing, notes were not put in). */
  withoutNote: string | null;
  processNote: string | undefined;
  level: number;
  commentSlot?: (target: CommentTarget) => ReactNode;
}) {
  const headingId = useId();
  return (
    <article
      className="packet-session"
      aria-labelledby={headingId}
      id={sessionAnchor(session.sessionRef)}
      tabIndex={-1}
    >
      <Heading level={level} id={headingId}>
        Session {number} · {packetDateTime(session.startsAt)}
      </Heading>
      <p className="muted">
        {session.durationMinutes} min · {modalityLabels[session.modality]} ·{' '}
        {attendanceLabels[session.attendance]}
      </p>
      {note ? (
        <PacketNoteView packet={packet} note={note} level={level + 1} commentSlot={commentSlot} />
      ) : (
        withoutNote && <p className="muted">{withoutNote}</p>
      )}
      {processNote !== undefined && (
        <section className="packet-process-note">
          <Heading level={level + 1}>Psychotherapy process note</Heading>
          <p className="muted small">
            Kept apart from the clinical record; included by the clinician’s choice.
          </p>
          <p className="prewrap">{processNote}</p>
        </section>
      )}
      {commentSlot?.({ kind: 'session', sessionRef: session.sessionRef })}
    </article>
  );
}
