import { useCallback, useMemo } from 'react';
import type { ClientMetrics } from '../../../../shared/analytics/clientMetrics';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { todayIso } from '../../format/dates';
import { exportStem } from '../charts/chartFormat';
import { FeedbackChart } from '../charts/FeedbackChart';
import { ProfileChart } from '../charts/ProfileChart';
import { TimelineChart } from '../charts/TimelineChart';
import { TrendsChart } from '../charts/TrendsChart';
import { sessionAnchor } from './PacketSessionView';
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
  const today = useMemo(() => todayIso(), []);
  const sessionOfNote = useMemo(() => new Map(packet.summaries.map((s) => [s.id, s.sessionId])), [packet]);
  const showSession = useCallback(
    (noteRef: string) => {
      const sessionRef = sessionOfNote.get(noteRef);
      const target = sessionRef ? document.getElementById(sessionAnchor(sessionRef)) : null;
      target?.scrollIntoView({ block: 'start' });
      target?.focus({ preventScroll: true });
    },
    [sessionOfNote],
  );
  const common = { metrics, rangeText: '', headingLevel, onOpenNote: showSession };
  return (
    <div className="chart-list packet-charts">
      <TimelineChart {...common} exportStem={exportStem('timeline', packet.alias, today)} />
      <TrendsChart {...common} exportStem={exportStem('trends', packet.alias, today)} />
      <ProfileChart {...common} exportStem={exportStem('profile', packet.alias, today)} />
      <FeedbackChart
        {...common}
        concernLine={packet.concernLine}
        exportStem={exportStem('feedback', packet.alias, today)}
      />
    </div>
  );
}
