import type { NoteSummary } from '../summaries/noteSummary';
import { type CaseloadMetrics, caseloadMetrics } from './caseloadMetrics';
import { type ClientMetrics, clientMetrics, type MetricsOptions } from './clientMetrics';
import type { AnalyticsSession } from './notesBySession';

/**
 * Remembers the last few results of a metric by its inputs: collections by identity (a caller
 * that holds its summaries unchanged between changes passes the same arrays), everything else by
 * value. So a page visited again, or re-rendered, gets the metrics computed once per change of
 * the summaries or of the options, not once per render or visit.
 */
export function rememberLast<Args extends unknown[], R>(
  compute: (...args: Args) => R,
  size = 4,
): (...args: Args) => R {
  const entries: Array<{ keys: unknown[]; result: R }> = [];
  return (...args: Args): R => {
    const keys = args.map(keyOf);
    const found = entries.findIndex(
      (e) => e.keys.length === keys.length && e.keys.every((k, i) => k === keys[i]),
    );
    if (found >= 0) {
      const [entry] = entries.splice(found, 1);
      entries.unshift(entry!);
      return entry!.result;
    }
    const result = compute(...args);
    entries.unshift({ keys, result });
    entries.length = Math.min(entries.length, size);
    return result;
  };
}

/** Arrays, maps, sets and other iterables by identity; plain option objects by their JSON. */
function keyOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Symbol.iterator in value) return value;
  return `json:${stableJson(value)}`;
}

/** JSON with object keys in sorted order, so `{from, to}` and `{to, from}` are one key. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`);
  return `{${fields.join(',')}}`;
}

/** `caseloadMetrics`, remembered over the same summaries and options. */
export const rememberedCaseloadMetrics: (
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<NoteSummary>,
  options?: Pick<MetricsOptions, 'range' | 'now'>,
) => CaseloadMetrics = rememberLast(caseloadMetrics);

/** `clientMetrics`, remembered over the same client, summaries and options. */
export const rememberedClientMetrics: (
  clientId: string,
  sessions: Iterable<AnalyticsSession>,
  notes: Iterable<NoteSummary>,
  options?: MetricsOptions,
) => ClientMetrics = rememberLast(clientMetrics, 8);
