import { goalProgressLabel } from '../../../../shared/domain/goalProgressSchema';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import type { PacketNote } from '../../../../shared/review/packetSchema';
import { RiskSummary } from '../risk/RiskSummary';
import { Heading } from './Heading';

/**
 * The goals a packet note addressed, with their progress and comment, and its risk section
 * (packet version 2). Nothing for a note with neither, so older packets read as before.
 */
export function PacketNoteThread({
  packet,
  note,
  level,
}: {
  packet: ReviewPacket;
  note: PacketNote;
  level: number;
}) {
  // A packet stored by an older Attune may lack both: read as none.
  const progress = note.goalProgress ?? [];
  const goals = new Map((packet.treatmentPlan?.goals ?? []).map((g) => [g.goalRef, g.text]));
  return (
    <>
      {progress.length > 0 && (
        <>
          <Heading level={level}>Treatment goals addressed</Heading>
          <ul>
            {progress.map((g) => {
              const label = goalProgressLabel(g.progress);
              return (
                <li key={g.goalRef}>
                  {goals.get(g.goalRef) ?? 'A goal not in the packet'}: {label}
                  {g.comment.trim() ? `. ${g.comment.trim()}` : ''}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {note.risk && (
        <>
          <Heading level={level}>Risk assessment</Heading>
          <RiskSummary risk={note.risk} />
        </>
      )}
    </>
  );
}
