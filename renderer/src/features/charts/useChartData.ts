import { useLiveQuery } from 'dexie-react-hooks';
import {
  type CaseloadChartSource,
  type ClientChartSource,
  queryCaseloadChartSource,
  queryClientChartSource,
} from './chartData';

/** A client's chart data, live: undefined while loading, updated whenever the index changes. */
export function useClientChartSource(clientId: string): ClientChartSource | undefined {
  return useLiveQuery(() => queryClientChartSource(clientId), [clientId]);
}

/** The caseload's chart data, live: undefined while loading. */
export function useCaseloadChartSource(): CaseloadChartSource | undefined {
  return useLiveQuery(() => queryCaseloadChartSource(), []);
}
