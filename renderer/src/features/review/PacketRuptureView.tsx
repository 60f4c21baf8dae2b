import { type ReactNode, useId } from 'react';
import type { CommentTarget, ReviewPacket } from '../../../../shared/ipc/contract';
import type { PacketRupture } from '../../../../shared/review/packetSchema';
import { Heading } from './Heading';
import { therapistMarkerLabel } from '../records/recordFormat';
import { dimensionLabel, markerLabel, outcomeLabel, strategyLabel, typeLabel } from './reviewFormat';

/** The heading of a rupture: "Rupture 1 · Withdrawal · minute 12". */
export function ruptureTitle(number: number, rupture: Pick<PacketRupture, 'type' | 'minute'>): string {
  return `Rupture ${number} · ${typeLabel(rupture.type)}${rupture.minute === null ? '' : ` · minute ${rupture.minute}`}`;
}

/** One rupture and its repair, read-only, as a named region (review mode comments on it). */
export function PacketRuptureView({
  packet,
  sessionRef,
  rupture,
  number,
  level,
  commentSlot,
}: {
  packet: ReviewPacket;
  sessionRef: string;
  rupture: PacketRupture;
  number: number;
  level: number;
  commentSlot?: (target: CommentTarget) => ReactNode;
}) {
  const headingId = useId();
  const rows: Array<[string, string]> = [
    ['Markers', rupture.markers.map((m) => markerLabel(packet, m)).join('; ')],
    ['Therapist’s own reactions', rupture.therapistMarkers.map(therapistMarkerLabel).join('; ')],
    ['Salience', rupture.salience === null ? '' : `${rupture.salience} / 5`],
    ['Followed a lapse in', rupture.followedLapseOf.map(dimensionLabel).join(', ')],
    ['Context', rupture.context],
    ['Repair strategies', rupture.strategies.map((s) => strategyLabel(packet, s)).join('; ')],
    [
      'Outcome',
      rupture.outcome === null
        ? ''
        : `${outcomeLabel(rupture.outcome)}${rupture.repairMinute === null ? '' : ` at minute ${rupture.repairMinute}`}`,
    ],
    ['Client response', rupture.clientResponse],
  ];
  return (
    <section className="packet-rupture" aria-labelledby={headingId}>
      <Heading level={level} id={headingId}>
        {ruptureTitle(number, rupture)}
      </Heading>
      <dl className="packet-fields">
        {rows
          .filter(([, value]) => value.trim() !== '')
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd className="prewrap">{value}</dd>
            </div>
          ))}
      </dl>
      {commentSlot?.({ kind: 'rupture', sessionRef, ruptureRef: rupture.ruptureRef })}
    </section>
  );
}
