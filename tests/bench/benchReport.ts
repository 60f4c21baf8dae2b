import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release } from 'node:os';
import { dirname } from 'node:path';
import { median, percentile, round } from '../../main/cli/bench/stats';

/** A target a statistic of the samples must meet (`≤ max`, or `< max` when `strict`). */
export interface Target {
  stat: 'median' | 'p95';
  max: number;
  strict?: boolean;
}

export interface Metric {
  id: string;
  label: string;
  unit: 'ms' | 'count' | 'MiB';
  samples: number[];
  /** Absent for numbers reported for context (cold paths, the KDF, long-task counts). */
  target?: Target;
  note?: string;
  /** The load average (1, 5, 15 min) when the samples were taken; now, if not given. */
  loadAverage?: number[];
}

export interface MetricRow {
  id: string;
  label: string;
  unit: Metric['unit'];
  runs: number;
  median: number;
  p95: number;
  max: number;
  target: string;
  result: 'pass' | 'FAIL' | 'info';
  samples: number[];
  /** Load average 1, 5, 15 min when measured: machines here are shared. */
  load: string;
  note?: string;
}

/** The machine's load average (1, 5, 15 min) now. */
export const loadAverageNow = (): number[] => loadavg().map((n) => round(n));

/** Summarises a metric; a missed target is reported as FAIL, never thrown (machines are noisy). */
export function metricRow(metric: Metric): MetricRow {
  const stats = {
    median: median(metric.samples),
    p95: percentile(metric.samples, 95),
    max: Math.max(...metric.samples),
  };
  const { target } = metric;
  let result: MetricRow['result'] = 'info';
  if (target) {
    const value = stats[target.stat];
    result = (target.strict ? value < target.max : value <= target.max) ? 'pass' : 'FAIL';
  }
  return {
    id: metric.id,
    label: metric.label,
    unit: metric.unit,
    runs: metric.samples.length,
    median: round(stats.median, 1),
    p95: round(stats.p95, 1),
    max: round(stats.max, 1),
    target: target ? `${target.stat} ${target.strict ? '<' : '≤'} ${target.max} ${metric.unit}` : '—',
    result,
    samples: metric.samples.map((s) => round(s, 1)),
    load: (metric.loadAverage ?? loadAverageNow()).map((n) => n.toFixed(2)).join(' '),
    ...(metric.note ? { note: metric.note } : {}),
  };
}

const format = (value: number, unit: Metric['unit']): string =>
  unit === 'ms'
    ? `${value.toFixed(value >= 100 ? 0 : 1)} ms`
    : unit === 'MiB'
      ? `${value.toFixed(0)} MiB`
      : String(value);

/** The results as a plain-text table: metric | runs | median | p95 | max | target | pass/fail | load. */
export function resultTable(rows: readonly MetricRow[]): string {
  const header = ['metric', 'runs', 'median', 'p95', 'max', 'target', 'pass/fail', 'load avg 1/5/15'];
  const body = rows.map((r) => [
    r.label,
    String(r.runs),
    format(r.median, r.unit),
    format(r.p95, r.unit),
    format(r.max, r.unit),
    r.target,
    r.result,
    r.load,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Writes the results with what they were measured on. */
export async function writeResults(
  file: string,
  rows: readonly MetricRow[],
  context: Record<string, unknown>,
): Promise<void> {
  const report = {
    benchmark: 'ui',
    at: new Date().toISOString(),
    machine: {
      platform: `${platform()} ${release()}`,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      node: process.version,
    },
    ...context,
    metrics: rows,
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
