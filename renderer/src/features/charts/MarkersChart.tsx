import { memo, useId } from 'react';
import { Bar, Cell, LabelList } from 'recharts';
import { ruptureTypes } from '../../../../shared/domain/ruptures';
import { BarPatternDefs, barFill, patternPrefix } from './barPatterns';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import type { MarkerRow, MarkerType } from './caseloadRows';
import { markersSummary } from './caseloadSummaries';
import { TooltipBox } from './chartParts';
import { type BarStyle, ruptureTypeStyles } from './chartTheme';
import { HorizontalBarChart } from './HorizontalBarChart';

const { title } = chartCatalog.markers;
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
const markerEndLabel = (row: MarkerRow) => String(row.count);

/** How often each marker was recorded, most frequent first, each bar coloured and hatched by rupture type. */
export const MarkersChart = memo(function MarkersChart({ rows }: { rows: readonly MarkerRow[] }) {
  const prefix = patternPrefix(useId());
  const summary = markersSummary(rows);
  const shown = typeIds.filter((t) => t !== 'other' || rows.some((r) => r.type === 'other'));
  const legend = shown.map((t): LegendItem => ({ kind: 'bar', label: typeLabel[t], style: styles[t] }));
  return (
    <ChartFigure
      chartId="markers"
      headingLevel={2}
      summary={summary}
      legend={legend}
      emptyMessage={rows.length === 0 ? 'No rupture markers recorded in this range.' : null}
      table={() => <MarkersTable rows={rows} />}
    >
      {(width) => (
        <HorizontalBarChart
          width={width}
          title={title}
          rows={rows}
          rowHeight={30}
          endLabel={markerEndLabel}
          valueAxis={{ allowDecimals: false }}
          tooltip={(row) => (
            <TooltipBox
              heading={row.label}
              lines={[`${typeLabel[row.type]}`, `Recorded ${row.count} times`]}
            />
          )}
          defs={<BarPatternDefs prefix={prefix} styles={styles} />}
        >
          <Bar dataKey="count" name="Times recorded" maxBarSize={20} isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.id} fill={barFill(prefix, r.type, styles[r.type])} stroke={styles[r.type].color} />
            ))}
            <LabelList dataKey="count" position="right" fill="var(--fg)" fontSize={12} />
          </Bar>
        </HorizontalBarChart>
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
