import { type ReactNode, useMemo } from 'react';
import type { CommentTarget, ReviewPacket } from '../../../../shared/ipc/contract';
import { packetMetrics } from '../../../../shared/review/packetAnalytics';
import { formatDate } from '../../format/dates';
import { Heading } from './Heading';
import { PacketCharts } from './PacketCharts';
import { PacketContents } from './PacketContents';
import { PacketMeasures } from './PacketMeasures';
import { PacketMetrics } from './PacketMetrics';
import { PacketPlanView } from './PacketPlanView';
import { PacketSessionView } from './PacketSessionView';
import { includedParts, packetDate, plural } from './reviewFormat';

export interface PacketViewProps {
  packet: ReviewPacket;
  /** Level of the packet's own section headings ("Summary metrics", "Sessions"). */
  sectionLevel: 2 | 3;
  /** Review mode's comment box for the case, a session or a rupture. */
  commentSlot?: (target: CommentTarget) => ReactNode;
}

/**
 * A packet as its reader sees it, read-only: the alias, what it holds, the metrics and charts
 * computed from its summaries, the outcome measures, and each session with its note, ruptures and process note. The
 * clinician's preview, review mode and the PDF's print view all show it through this component,
 * so the preview is exactly what leaves the machine.
 */
export function PacketView({ packet, sectionLevel, commentSlot }: PacketViewProps) {
  const metrics = useMemo(() => packetMetrics(packet), [packet]);
  const notes = useMemo(() => new Map(packet.notes.map((n) => [n.sessionRef, n])), [packet]);
  const processNotes = useMemo(
    () => new Map((packet.processNotes ?? []).map((p) => [p.sessionRef, p.text])),
    [packet],
  );
  const { include, range } = packet;
  // No range: all of the client's sessions, or sessions picked one by one.
  const rangeText = range
    ? ` from ${range.from ? formatDate(range.from) : 'the first session'} to ${range.to ? formatDate(range.to) : 'the last session'}`
    : '';
  // What a session without a note in the packet says: with ruptures only, a note without any is
  // left out, so "no note" would read as missing documentation.
  const withoutNote = include.notes
    ? 'No note for this session.'
    : include.ruptures
      ? 'No rupture recorded for this session (the packet holds ruptures only, not the notes).'
      : null;

  return (
    <div className="packet-view">
      <div className="packet-head">
        <p className="packet-alias">
          <strong>{packet.alias}</strong> <span className="deid-mark">De-identified</span>
        </p>
        <p>
          {plural(packet.sessions.length, 'session')}
          {rangeText}. Packet made {packetDate(packet.createdAt)}.{' '}
          {packet.dateShiftApplied
            ? 'Every date is shifted by the same number of days: intervals are real, dates are not.'
            : 'Dates are the real dates.'}
        </p>
        <p>Contains: {includedParts(include).join(', ')}.</p>
      </div>
      <PacketContents packet={packet} notes={notes} />
      {commentSlot?.({ kind: 'case' })}
      {include.metrics && <PacketMetrics metrics={metrics} level={sectionLevel} />}
      {include.charts && <PacketCharts packet={packet} metrics={metrics} headingLevel={sectionLevel} />}
      {packet.measures.length > 0 && <PacketMeasures packet={packet} level={sectionLevel} />}
      <PacketPlanView packet={packet} level={sectionLevel} />
      <Heading level={sectionLevel}>Sessions</Heading>
      {packet.sessions.map((session, i) => (
        <PacketSessionView
          key={session.sessionRef}
          packet={packet}
          session={session}
          number={i + 1}
          note={notes.get(session.sessionRef)}
          withoutNote={withoutNote}
          processNote={processNotes.get(session.sessionRef)}
          level={sectionLevel + 1}
          commentSlot={commentSlot}
        />
      ))}
    </div>
  );
}
