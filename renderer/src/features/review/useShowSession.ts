import { useCallback, useMemo } from 'react';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { sessionAnchor } from './PacketSessionView';

/** Brings a session of the packet shown into view and moves focus to it (its article takes focus). */
export function showSession(sessionRef: string): void {
  const target = document.getElementById(sessionAnchor(sessionRef));
  target?.scrollIntoView({ block: 'start' });
  target?.focus({ preventScroll: true });
}

/**
 * What a packet chart's point does with the note ref it is given: brings that note's session into
 * view (a packet has no note editor to open).
 */
export function useShowSession(packet: ReviewPacket): (noteRef: string) => void {
  const sessionOfNote = useMemo(() => new Map(packet.summaries.map((s) => [s.id, s.sessionId])), [packet]);
  return useCallback(
    (noteRef: string) => {
      const sessionRef = sessionOfNote.get(noteRef);
      if (sessionRef) showSession(sessionRef);
    },
    [sessionOfNote],
  );
}
