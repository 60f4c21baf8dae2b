import type { ClientMetrics } from '../../../../shared/analytics/clientMetrics';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { FeedbackChart } from '../charts/FeedbackChart';
import { ProfileChart } from '../charts/ProfileChart';
import { TimelineChart } from '../charts/TimelineChart';
import { TrendsChart } from '../charts/TrendsChart';
import { useShowSession } from './useShowSession';
import '../charts/charts.css';

/**
 * The clinician's client charts, drawn from the packet's summaries (ids are packet refs).
 * A chart point brings its session into view instead of opening a note.
 */
export function PacketCharts({
  packet,
  metrics,
  headingLevel,
}: {
  packet: ReviewPacket;
  metrics: ClientMetrics;
  headingLevel: 2 | 3;
}) {
  const showSession = useShowSession(packet);
  const common = { metrics, rangeText: '', headingLevel, onOpenNote: showSession };
  return (
    <div className="chart-list packet-charts">
      <TimelineChart {...common} exportSubject={packet.alias} />
      <TrendsChart {...common} exportSubject={packet.alias} />
      <ProfileChart {...common} exportSubject={packet.alias} />
      <FeedbackChart {...common} concernLine={packet.concernLine} exportSubject={packet.alias} />
    </div>
  );
}
