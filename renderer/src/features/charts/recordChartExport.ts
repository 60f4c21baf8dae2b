import { call } from '../../data/api';

const caseloadCharts = new Set(['caseload-months', 'preceding', 'strategies', 'markers']);

/** Tells main a chart was saved as an image, for the audit log. */
export async function recordChartExport(chart: string, format: 'png' | 'svg'): Promise<void> {
  await call('audit:chartExported', {
    chart,
    format,
    scope: caseloadCharts.has(chart) ? 'caseload' : 'client',
  });
}
