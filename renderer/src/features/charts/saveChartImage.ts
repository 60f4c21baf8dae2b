import type { Saved } from '../../../../shared/ipc/contracts/savedFile';
import { call } from '../../data/api';
import { chartImage, type ExportOptions } from './exportChart';

/** The caseload page's charts (every other chart is a client's), for the audit log's scope. */
const caseloadCharts = new Set([
  'caseload-months',
  'preceding',
  'strategies',
  'strategy-groups',
  'markers',
  'mirror-episodes',
  'mirror-agreement-caseload',
  'mirror-participation-months',
]);

/**
 * Saves a chart as an image: main's save dialog (opened where the last export went, at
 * `<stem>.<format>`), then the image drawn here, written by main there and recorded in the audit
 * log. Null when the user cancels the dialog.
 */
export async function saveChartImage(
  chart: string,
  format: 'png' | 'svg',
  svg: SVGSVGElement,
  stem: string,
  options: ExportOptions,
): Promise<Saved<{ path: string }> | null> {
  const chosen = await call('files:chooseSaveFile', {
    purpose: `chart-${format}`,
    suggestedName: `${stem}.${format}`,
  });
  if (!chosen) return null;
  return call('charts:save', {
    chart,
    format,
    scope: caseloadCharts.has(chart) ? 'caseload' : 'client',
    saveTo: chosen.path,
    image: await chartImage(svg, format, options),
  });
}
