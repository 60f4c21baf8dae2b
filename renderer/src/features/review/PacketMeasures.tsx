import { useMemo } from 'react';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { instrumentIds } from '../../../../shared/measures/instrument';
import { packetMeasureRecords } from '../../../../shared/review/packetMeasureSchema';
import { MeasureChart } from '../charts/MeasureChart';
import { Heading } from './Heading';
import { useShowSession } from './useShowSession';
import '../charts/charts.css';

/**
 * The client's outcome measures in a packet: one chart per instrument given, with its cut-off,
 * bands and reliable change since the packet's first administration, each with its table. The
 * same charts as the clinician's Patterns tab, drawn from the packet's measures.
 */
export function PacketMeasures({ packet, level }: { packet: ReviewPacket; level: number }) {
  const showSession = useShowSession(packet);
  const measures = useMemo(() => packetMeasureRecords(packet.measures), [packet]);
  const noteOfSession = useMemo(() => new Map(packet.summaries.map((s) => [s.sessionId, s.id])), [packet]);
  const given = instrumentIds.filter((id) => packet.measures.some((m) => m.instrument === id));
  return (
    <section className="charts packet-measures">
      <Heading level={level}>Outcome measures</Heading>
      <div className="chart-list">
        {given.map((instrument) => (
          <MeasureChart
            key={instrument}
            instrument={instrument}
            measures={measures}
            noteOfSession={noteOfSession}
            // The packet shows its times in UTC: its measures fall on those days, not the reader's.
            calendar="utc"
            exportSubject={packet.alias}
            onOpenNote={showSession}
          />
        ))}
      </div>
    </section>
  );
}
