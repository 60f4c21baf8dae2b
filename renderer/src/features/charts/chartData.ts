/**
 * The charts' data module: the only place the charts read the Dexie index. Each query returns
 * plain summaries; the metrics are computed from them by `shared/analytics` in the components.
 */
import type { Session } from '../../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../../shared/summaries/noteSummary';
import { call } from '../../data/api';
import { index } from '../../data/indexDb';

/** One client's sessions and note summaries, with the client's code for export file names. */
export interface ClientChartSource {
  clientCode: string | null;
  sessions: Session[];
  notes: NoteSummary[];
}

/** Every session and note summary, with each client's code (for listing notes by client). */
export interface CaseloadChartSource {
  sessions: Session[];
  notes: NoteSummary[];
  clientCodes: Map<string, string>;
}

/** Reads one client's chart data from the index. */
export async function queryClientChartSource(clientId: string): Promise<ClientChartSource> {
  const [client, sessions, notes] = await Promise.all([
    index.clients.get(clientId),
    index.sessions.where('clientId').equals(clientId).toArray(),
    index.notes.where('clientId').equals(clientId).toArray(),
  ]);
  return { clientCode: client?.code ?? null, sessions, notes };
}

/** Reads the whole caseload's chart data from the index. */
export async function queryCaseloadChartSource(): Promise<CaseloadChartSource> {
  const [clients, sessions, notes] = await Promise.all([
    index.clients.toArray(),
    index.sessions.toArray(),
    index.notes.toArray(),
  ]);
  return { sessions, notes, clientCodes: new Map(clients.map((c) => [c.id, c.code])) };
}

const caseloadCharts = new Set(['caseload-months', 'preceding', 'strategies', 'markers']);

/** Tells main a chart was saved as an image, for the audit log. */
export async function recordChartExport(chart: string, format: 'png' | 'svg'): Promise<void> {
  await call('audit:chartExported', {
    chart,
    format,
    scope: caseloadCharts.has(chart) ? 'caseload' : 'client',
  });
}
