import { type ReactNode, useId, useMemo, useRef, useState } from 'react';
import { ShowInFolderButton } from '../../components/ShowInFolderButton';
import { messageOf } from '../../data/api';
import { ChartLegend, type LegendItem } from './ChartLegend';
import { type ChartId, chartCatalog } from './chartCatalog';
import { exportStem } from './chartFormat';
import { saveChartImage } from './saveChartImage';
import { useContainerWidth } from './useContainerWidth';
import { useUntabbableChartLayers } from './useUntabbableChartLayers';

export interface ChartFigureProps {
  /** Which chart: its title and scope are the catalog's. */
  chartId: ChartId;
  headingLevel: 2 | 3;
  /** The accessible text summary of what the chart shows. */
  summary: string;
  legend?: readonly LegendItem[];
  /** Whose chart, in the export's file name: the client's code or the packet's alias (none for the caseload). */
  exportSubject?: string;
  /** When set, shown instead of the chart and its summary (nothing to draw); exports are then unavailable. */
  emptyMessage?: string | null;
  /** Controls that belong to this chart (checkboxes, selects), shown above it. */
  controls?: ReactNode;
  /** The same numbers as a table; rendered only while "View as table" is on. */
  table: () => ReactNode;
  /** The chart at the measured width. */
  children: (width: number) => ReactNode;
}

/**
 * One chart with the conventions every chart follows: a titled figure with a text summary,
 * a legend, a "View as table" toggle, and export as PNG or SVG. The chart stays mounted (hidden)
 * while the table shows, so it can still be exported.
 */
export function ChartFigure(props: ChartFigureProps) {
  const { chartId, headingLevel, summary, legend, exportSubject, emptyMessage, controls, table, children } =
    props;
  const { title } = chartCatalog[chartId];
  const id = useId();
  const canvasRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const width = useContainerWidth(canvasRef);
  useUntabbableChartLayers(canvasRef);
  const [showTable, setShowTable] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [saved, setSaved] = useState<{ path: string; fileId: string } | null>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const canExport = !emptyMessage && width !== null;
  // Toggling the table or exporting re-renders the figure, not the chart.
  const chart = useMemo(() => (width === null ? null : children(width)), [width, children]);

  async function save(format: 'png' | 'svg') {
    if (exporting) return;
    const svg = canvasRef.current?.querySelector<SVGSVGElement>('.recharts-wrapper > svg');
    if (!svg) {
      setExportError('There is no chart to export in this range.');
      return;
    }
    setExportError(null);
    setSaved(null);
    setExporting(true);
    const options = { title, legend: legendRef.current };
    try {
      // Main asks where, writes the image there and records the export in the audit log.
      const result = await saveChartImage(
        chartId,
        format,
        svg,
        exportStem(chartId, exportSubject ?? null),
        options,
      );
      if (result) setSaved({ path: result.path, fileId: result.fileId });
    } catch (error) {
      setExportError(
        error instanceof Error && !('kind' in error)
          ? `The chart could not be exported: ${error.message}`
          : messageOf(error),
      );
    } finally {
      setExporting(false);
    }
  }

  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <div className="chart-head">
        <Heading id={`${id}-title`}>{title}</Heading>
        <div className="chart-actions">
          <button
            type="button"
            className="secondary"
            aria-pressed={showTable}
            // Nothing to tabulate: the empty message says so.
            disabled={Boolean(emptyMessage)}
            onClick={() => setShowTable((on) => !on)}
          >
            View as table
          </button>
          <button
            type="button"
            className="secondary"
            // Not disabled while exporting: a disabled button loses focus to the page.
            disabled={!canExport}
            aria-disabled={exporting || undefined}
            onClick={() => save('png')}
          >
            Export PNG…
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!canExport}
            aria-disabled={exporting || undefined}
            onClick={() => save('svg')}
          >
            Export SVG…
          </button>
        </div>
      </div>
      {controls}
      <div className="chart-canvas" data-chart={chartId} ref={canvasRef} hidden={showTable}>
        {emptyMessage ? null : chart}
      </div>
      {legend && legend.length > 0 && !emptyMessage && (
        <div ref={legendRef} hidden={showTable}>
          <ChartLegend items={legend} />
        </div>
      )}
      {showTable && <div className="chart-table">{table()}</div>}
      {/* With nothing to draw, the empty message is the summary: said once, not twice. */}
      <figcaption
        id={`${id}-summary`}
        className={emptyMessage ? 'chart-summary chart-empty muted' : 'chart-summary'}
      >
        {emptyMessage || summary}
      </figcaption>
      <div role="status">
        {saved && (
          <p className="small">
            Chart saved to <code className="path">{saved.path}</code>.{' '}
            <ShowInFolderButton fileId={saved.fileId} />
          </p>
        )}
      </div>
      {exportError && (
        <p role="alert" className="error">
          {exportError}
        </p>
      )}
    </figure>
  );
}
