import { memo, useId } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { ruptureTypes } from '../../../../shared/domain/ruptures';
import { BarPatternDefs, barFill, patternPrefix } from './barPatterns';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { categoryAxisWidth, type MarkerRow, type MarkerType, shorten } from './caseloadRows';
import { markersSummary } from './caseloadSummaries';
import { TooltipBox } from './chartParts';
import {
  axisStroke,
  axisTick,
  type BarStyle,
  gridStroke,
  noGridLines,
  ruptureTypeStyles,
} from './chartTheme';

const title = 'Rupture marker frequencies';
const styles: Record<MarkerType, BarStyle> = {
  ...ruptureTypeStyles,
  other: { color: 'var(--chart-unrated)', hatch: 'dots' },
};
const typeLabel: Record<MarkerType, string> = {
  withdrawal: 'Withdrawal marker',
  confrontation: 'Confrontation marker',
  other: 'Marker no longer in the vocabulary',
};
const typeIds: MarkerType[] = [...ruptureTypes.map((t) => t.id), 'other'];

/** How often each marker was recorded, most frequent first, each bar coloured and hatched by rupture type. */
export const MarkersChart = memo(function MarkersChart({
  rows,
  exportStem,
}: {
  rows: readonly MarkerRow[];
  exportStem: string;
}) {
  const prefix = patternPrefix(useId());
  const summary = markersSummary(rows);
  const shown = typeIds.filter((t) => t !== 'other' || rows.some((r) => r.type === 'other'));
  const legend = shown.map((t): LegendItem => ({ kind: 'bar', label: typeLabel[t], style: styles[t] }));
  return (
    <ChartFigure
      chartId="markers"
      title={title}
      headingLevel={2}
      summary={summary}
      legend={legend}
      exportStem={exportStem}
      emptyMessage={rows.length === 0 ? 'No rupture markers recorded in this range.' : null}
      table={() => <MarkersTable rows={rows} />}
    >
      {(width) => (
        <BarChart
          width={width}
          height={rows.length * 30 + 50}
          data={rows as MarkerRow[]}
          layout="vertical"
          margin={{ top: 4, right: 48, bottom: 4, left: 8 }}
          title={title}
        >
          <BarPatternDefs prefix={prefix} styles={styles} />
          <CartesianGrid
            horizontal={false}
            horizontalCoordinatesGenerator={noGridLines}
            stroke={gridStroke}
          />
          <XAxis type="number" allowDecimals={false} tick={axisTick} stroke={axisStroke} />
          <YAxis
            type="category"
            dataKey="label"
            width={categoryAxisWidth(width)}
            interval={0}
            tickFormatter={(label: string) => shorten(label)}
            tick={axisTick}
            stroke={axisStroke}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: 'var(--line)', fillOpacity: 0.35 }}
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as MarkerRow | undefined) : undefined;
              if (!row) return null;
              return (
                <TooltipBox
                  heading={row.label}
                  lines={[`${typeLabel[row.type]}`, `Recorded ${row.count} times`]}
                />
              );
            }}
          />
          <Bar dataKey="count" name="Times recorded" maxBarSize={20} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.id} fill={barFill(prefix, r.type, styles[r.type])} stroke={styles[r.type].color} />
            ))}
            <LabelList dataKey="count" position="right" fill="var(--fg)" fontSize={12} />
          </Bar>
        </BarChart>
      )}
    </ChartFigure>
  );
});

function MarkersTable({ rows }: { rows: readonly MarkerRow[] }) {
  return (
    <table className="list chart-data">
      <caption>{title}, most frequent first</caption>
      <thead>
        <tr>
          <th scope="col">Marker</th>
          <th scope="col">Rupture type</th>
          <th scope="col">Times recorded</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.label}</th>
            <td>{r.type === 'other' ? 'Unknown' : ruptureTypes.find((t) => t.id === r.type)?.label}</td>
            <td>{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
