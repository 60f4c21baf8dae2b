/** Review mode's charts and metrics: the shared analytics, run on a packet's summaries. */
import { type ClientMetrics, clientMetrics } from '../analytics/clientMetrics';
import type { AnalyticsSession } from '../analytics/notesBySession';
import type { NoteSummary } from '../summaries/noteSummary';
import { CASE_REF, type ReviewPacket } from './packetSchema';

/** A packet's sessions and note summaries in the shapes the analytics take, keyed by packet refs. */
export function packetAnalyticsInput(packet: ReviewPacket): {
  clientId: typeof CASE_REF;
  sessions: AnalyticsSession[];
  notes: NoteSummary[];
} {
  return {
    clientId: CASE_REF,
    sessions: packet.sessions.map((s) => ({
      id: s.sessionRef,
      clientId: CASE_REF,
      startsAt: s.startsAt,
      attendance: s.attendance,
    })),
    // Typed as NoteSummary: a packet summary is one, with refs for ids.
    notes: packet.summaries,
  };
}

/**
 * The case's metrics as the clinician's own charts compute them, over the packet's sessions.
 * Empty of notes when the clinician left both metrics and charts out.
 */
export function packetMetrics(packet: ReviewPacket): ClientMetrics {
  const { clientId, sessions, notes } = packetAnalyticsInput(packet);
  // Counted as of the packet's making (shifted with its dates), as the clinician's charts were then;
  // dated by UTC day, as the packet shows its times, whatever the reader's time zone.
  return clientMetrics(clientId, sessions, notes, {
    concernLine: packet.concernLine,
    now: packet.createdAt,
    calendar: 'utc',
  });
}
