import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { CaseloadMetrics } from '../../../../shared/analytics/caseloadMetrics';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { type PrecedingRow, precedingRows } from './caseloadRows';
import { precedingSummary } from './caseloadSummaries';
import { percent } from './chartFormat';
import { rowTooltip, TooltipBox } from './chartParts';
import {
  axisStroke,
  axisTick,
  type BarStyle,
  barHoverCursor,
  gridStroke,
  noGridLines,
  yAxisLabel,
} from './chartTheme';

const { title } = chartCatalog.preceding;
const height = 280;
const barStyle: BarStyle = { color: 'var(--chart-lapse)', hatch: 'none' };
const seriesName = 'Ruptures that followed a lapse';
const legend: LegendItem[] = [{ kind: 'bar', label: seriesName, style: barStyle }];

/** How many ruptures followed a lapse of each dimension, most first. */
export const PrecedingChart = memo(function PrecedingChart({ metrics }: { metrics: CaseloadMetrics }) {
  const rows = useMemo(() => precedingRows(metrics), [metrics]);
  const summary = useMemo(() => precedingSummary(metrics, rows), [metrics, rows]);
  return (
    <ChartFigure
      chartId="preceding"
      headingLevel={2}
      summary={summary}
      legend={legend}
      emptyMessage={metrics.totals.ruptures === 0 ? 'No ruptures in this range.' : null}
      table={() => <PrecedingTable rows={rows} />}
    >
      {(width) => (
        <BarChart
          width={width}
          height={height}
          data={rows}
          margin={{ top: 20, right: 16, bottom: 4, left: 0 }}
          title={title}
        >
          <CartesianGrid vertical={false} verticalCoordinatesGenerator={noGridLines} stroke={gridStroke} />
          <XAxis dataKey="shortLabel" interval={0} tick={axisTick} stroke={axisStroke} />
          <YAxis
            allowDecimals={false}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Ruptures', 30)}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={barHoverCursor}
            content={rowTooltip((row: PrecedingRow) => (
              <TooltipBox
                heading={row.label}
                lines={[`Preceded ${row.count} ruptures`, `${percent(row.share)} of all ruptures`]}
              />
            ))}
          />
          <Bar
            dataKey="count"
            name={seriesName}
            fill={barStyle.color}
            maxBarSize={72}
            isAnimationActive={false}
          >
            <LabelList dataKey="count" position="top" fill="var(--fg)" fontSize={12} />
          </Bar>
        </BarChart>
      )}
    </ChartFigure>
  );
});

function PrecedingTable({ rows }: { rows: readonly PrecedingRow[] }) {
  return (
    <table className="list chart-data">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Dimension</th>
          <th scope="col">Ruptures that followed its lapse</th>
          <th scope="col">Share of all ruptures</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.dimension}>
            <th scope="row">{r.label}</th>
            <td>{r.count}</td>
            <td>{percent(r.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
