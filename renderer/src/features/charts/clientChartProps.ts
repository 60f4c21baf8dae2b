/** What each of a client's charts takes from the client's page. */
import type { ClientMetrics } from '../../../../shared/analytics/clientMetrics';

export interface ClientChartProps {
  metrics: ClientMetrics;
  /** The range in words for the summary (" from … to …", or ""). */
  rangeText: string;
  /** The client's code (or the packet's alias) in the export's file name. */
  exportSubject: string;
  headingLevel: 2 | 3;
  onOpenNote: (noteId: string) => void;
}
