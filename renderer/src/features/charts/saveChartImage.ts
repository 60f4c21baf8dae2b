import type { Saved } from '../../../../shared/ipc/contracts/savedFile';
import { call } from '../../data/api';
import { type ChartId, chartCatalog } from './chartCatalog';
import { chartImage, type ExportOptions } from './exportChart';

/**
 * Saves a chart as an image: main's save dialog (opened where the last export went, at
 * `<stem>.<format>`), then the image drawn here, written by main there and recorded in the audit
 * log. Null when the user cancels the dialog.
 */
export async function saveChartImage(
  chart: ChartId,
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
    scope: chartCatalog[chart].scope,
    saveTo: chosen.path,
    image: await chartImage(svg, format, options),
  });
}
