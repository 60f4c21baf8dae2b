import { memo, useMemo } from 'react';
import { Tooltip, XAxis, YAxis } from 'recharts';
import type { CaseloadMetrics } from '../../../../shared/analytics/caseloadMetrics';
import { dimensions } from '../../../../shared/domain/dimensions';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { ClickableLineChart } from './ClickableLineChart';
import { type MonthRow, monthRows } from './caseloadRows';
import { monthsSummary } from './caseloadSummaries';
import { mean1, percent, tickInterval } from './chartFormat';
import { activeRow, rowTooltip, TooltipBox } from './chartParts';
import { axisStroke, axisTick, dimensionStyles, MAX_DOTTED_POINTS, yAxisLabel } from './chartTheme';
import { DimensionLines } from './DimensionLines';

const { title } = chartCatalog['caseload-months'];
const height = 300;
const legend = dimensions.map(
  (d): LegendItem => ({ kind: 'line', label: d.label, style: dimensionStyles[d.id] }),
);

export interface MonthsChartProps {
  metrics: CaseloadMetrics;
  /** Called with a month (yyyy-mm) when the user picks one in the chart or the table. */
  onSelectMonth: (month: string) => void;
}

/** Each dimension's mean rating per calendar month across the caseload. */
export const MonthsChart = memo(function MonthsChart({ metrics, onSelectMonth }: MonthsChartProps) {
  const rows = useMemo(() => monthRows(metrics.months), [metrics]);
  const summary = useMemo(() => monthsSummary(metrics, rows), [metrics, rows]);
  const dotted = rows.length <= MAX_DOTTED_POINTS;
  return (
    <ChartFigure
      chartId="caseload-months"
      headingLevel={2}
      summary={summary}
      legend={legend}
      emptyMessage={rows.length === 0 ? 'No sessions in this range.' : null}
      table={() => <MonthsTable rows={rows} onSelectMonth={onSelectMonth} />}
    >
      {(width) => (
        <ClickableLineChart
          width={width}
          height={height}
          rows={rows}
          title={title}
          onClick={(state) => {
            const row = activeRow(rows, state);
            if (row) onSelectMonth(row.month);
          }}
        >
          <XAxis
            dataKey="label"
            interval={tickInterval(rows.length, width, 72)}
            tick={axisTick}
            stroke={axisStroke}
          />
          <YAxis
            domain={[1, 5]}
            ticks={[1, 2, 3, 4, 5]}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Mean rating', 36)}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: MonthRow) => {
              const lines = [
                `${row.notes} notes, ${row.ruptures} ruptures`,
                ...dimensions.map((d) => `${d.shortLabel}: ${mean1(row[d.id])}`),
              ];
              return <TooltipBox heading={row.label} lines={lines} hint="Click to list this month's notes" />;
            })}
          />
          <DimensionLines dimensions={dimensions} dotted={dotted} gaps={rows} />
        </ClickableLineChart>
      )}
    </ChartFigure>
  );
});

function MonthsTable({
  rows,
  onSelectMonth,
}: {
  rows: readonly MonthRow[];
  onSelectMonth: (month: string) => void;
}) {
  return (
    <table className="list chart-data">
      <caption>{title} (— no rating that month)</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Sessions</th>
          <th scope="col">Notes</th>
          <th scope="col">Ruptures</th>
          <th scope="col">Repair rate</th>
          {dimensions.map((d) => (
            <th key={d.id} scope="col">
              {d.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.month}>
            <th scope="row">
              <button type="button" className="link" onClick={() => onSelectMonth(r.month)}>
                {r.label}
              </button>
            </th>
            <td>{r.sessions}</td>
            <td>{r.notes}</td>
            <td>{r.ruptures}</td>
            <td>{percent(r.repairRate)}</td>
            {dimensions.map((d) => (
              <td key={d.id}>{mean1(r[d.id])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
