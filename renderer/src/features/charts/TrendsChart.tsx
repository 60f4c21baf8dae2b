import { memo, useId, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClientMetrics } from '../../../../shared/analytics/clientMetrics';
import { type DimensionId, dimensionIds, dimensions } from '../../../../shared/domain/dimensions';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { tickInterval } from './chartFormat';
import { openOnClick, SessionDateCell, sessionHint, TooltipBox } from './chartParts';
import {
  axisStroke,
  axisTick,
  dimensionStyles,
  gridStroke,
  MAX_DOTTED_POINTS,
  noGridLines,
  unthrottled,
} from './chartTheme';
import { type TrendRow, trendRows } from './clientChartRows';
import { trendsSummary } from './clientSummaries';

const title = 'Attunement trends';
const height = 300;

export interface TrendsChartProps {
  metrics: ClientMetrics;
  rangeText: string;
  exportStem: string;
  headingLevel: 2 | 3;
  onOpenNote: (noteId: string) => void;
}

/** The five dimension ratings (1–5) over the sessions, each shown or hidden by its checkbox. */
export const TrendsChart = memo(function TrendsChart(props: TrendsChartProps) {
  const { metrics, rangeText, exportStem, headingLevel, onOpenNote } = props;
  const id = useId();
  const [shown, setShown] = useState<ReadonlySet<DimensionId>>(() => new Set(dimensionIds));
  const rows = useMemo(() => trendRows(metrics), [metrics]);
  const summary = useMemo(() => trendsSummary(metrics, rangeText), [metrics, rangeText]);
  const onClick = useMemo(() => openOnClick(rows, onOpenNote), [rows, onOpenNote]);
  const visible = dimensions.filter((d) => shown.has(d.id));
  const dotted = rows.length <= MAX_DOTTED_POINTS;
  const legend = visible.map(
    (d): LegendItem => ({ kind: 'line', label: d.label, style: dimensionStyles[d.id] }),
  );

  function toggle(dimension: DimensionId, on: boolean) {
    setShown((current) => {
      const next = new Set(current);
      if (on) next.add(dimension);
      else next.delete(dimension);
      return next;
    });
  }

  const controls = (
    <fieldset className="chart-controls">
      <legend>Dimensions shown</legend>
      {dimensions.map((d) => (
        <label key={d.id} className="check" htmlFor={`${id}-${d.id}`}>
          <input
            id={`${id}-${d.id}`}
            type="checkbox"
            checked={shown.has(d.id)}
            onChange={(e) => toggle(d.id, e.target.checked)}
          />
          {d.label}
        </label>
      ))}
    </fieldset>
  );

  return (
    <ChartFigure
      chartId="trends"
      title={title}
      headingLevel={headingLevel}
      summary={summary}
      legend={legend}
      exportStem={exportStem}
      emptyMessage={rows.length === 0 ? `No sessions${rangeText}.` : null}
      controls={controls}
      table={() => <TrendsTable rows={rows} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <LineChart
          width={width}
          height={height}
          data={rows}
          margin={{ top: 10, right: 16, bottom: 4, left: 0 }}
          onClick={onClick}
          cursor="pointer"
          throttledEvents={unthrottled}
          title={title}
        >
          <CartesianGrid vertical={false} verticalCoordinatesGenerator={noGridLines} stroke={gridStroke} />
          <XAxis
            dataKey="index"
            type="category"
            tickFormatter={(i: number) => rows[i]?.date ?? ''}
            interval={tickInterval(rows.length, width)}
            tick={axisTick}
            stroke={axisStroke}
          />
          <YAxis
            domain={[1, 5]}
            ticks={[1, 2, 3, 4, 5]}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={{ value: 'Rating', angle: -90, position: 'insideLeft', fill: 'var(--muted)', dy: 24 }}
          />
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const row = active ? (payload?.[0]?.payload as TrendRow | undefined) : undefined;
              if (!row) return null;
              const lines = visible.map(
                (d) => `${d.shortLabel}: ${row[d.id] === null ? 'not observed' : row[d.id]}`,
              );
              return (
                <TooltipBox
                  heading={`${row.date} · session ${row.index + 1}`}
                  lines={lines}
                  hint={sessionHint(row)}
                />
              );
            }}
          />
          {visible.map((d) => {
            const style = dimensionStyles[d.id];
            return (
              <Line
                key={d.id}
                dataKey={d.id}
                name={d.label}
                type="linear"
                stroke={style.color}
                strokeWidth={2}
                strokeDasharray={style.dash}
                dot={dotted ? { symbol: style.shape, r: 4, fill: style.color, stroke: style.color } : false}
                activeDot={{ symbol: style.shape, r: 6, fill: style.color }}
                connectNulls
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      )}
    </ChartFigure>
  );
});

function TrendsTable({
  rows,
  onOpenNote,
}: {
  rows: readonly TrendRow[];
  onOpenNote: (noteId: string) => void;
}) {
  return (
    <table className="list chart-data">
      <caption>{title}: ratings 1–5 per session (— not observed)</caption>
      <thead>
        <tr>
          <th scope="col">Session date</th>
          {dimensions.map((d) => (
            <th key={d.id} scope="col">
              {d.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sessionId}>
            <SessionDateCell row={r} onOpenNote={onOpenNote} />
            {dimensions.map((d) => (
              <td key={d.id}>{r[d.id] ?? '—'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
