import { memo, useId, useMemo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Line, Tooltip, YAxis } from 'recharts';
import { ruptureOutcomes, ruptureTypes } from '../../../../shared/domain/ruptures';
import { formatDate } from '../../format/dates';
import { BarPatternDefs, barFill, patternPrefix } from './barPatterns';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import { DenseStackedBars } from './DenseStackedBars';
import type { LegendItem } from './ChartLegend';
import { percent } from './chartFormat';
import { openOnClick, rowTooltip, SessionDateCell, sessionHint, TooltipBox } from './chartParts';
import {
  axisStroke,
  axisTick,
  gridStroke,
  MAX_DOTTED_POINTS,
  noGridLines,
  type OutcomeKey,
  outcomeStyles,
  repairRateStyle,
  ruptureTypeStyles,
  unthrottled,
  yAxisLabel,
} from './chartTheme';
import type { ClientChartProps } from './clientChartProps';
import { type TimelineRow, timelineRows } from './clientChartRows';
import { timelineSummary } from './clientSummaries';
import { SessionXAxis } from './SessionXAxis';

const { title } = chartCatalog.timeline;
const height = 320;
const labelOf = Object.fromEntries([
  ...ruptureTypes.map((t) => [t.id, t.label]),
  ...ruptureOutcomes.map((o) => [o.id, o.label]),
  ['unrated', 'Outcome not recorded'],
]) as Record<string, string>;
const outcomeKeys: OutcomeKey[] = ['resolved', 'partial', 'unresolved', 'unrated'];
const patternStyles = { ...ruptureTypeStyles, ...outcomeStyles };
const typeKeys = ruptureTypes.map((t) => t.id);
const countOf = (row: TimelineRow, key: string): number =>
  (row as unknown as Record<string, number>)[key] ?? 0;
/** A session's higher stack (its ruptures by type, or by outcome): what sets the count axis's top. */
const stackTop = (r: TimelineRow) =>
  Math.max(r.withdrawal + r.confrontation, r.resolved + r.partial + r.unresolved + r.unrated);

/**
 * Ruptures per session stacked by type (left bar of each session), the same ruptures stacked by
 * outcome (right bar), and the rolling repair rate as a line on a 0–100% axis at the right.
 */
export const TimelineChart = memo(function TimelineChart(props: ClientChartProps) {
  const { metrics, rangeText, exportSubject, headingLevel, onOpenNote } = props;
  const prefix = patternPrefix(useId());
  const rows = useMemo(() => timelineRows(metrics), [metrics]);
  const summary = useMemo(() => timelineSummary(metrics, rangeText), [metrics, rangeText]);
  const rateName = `Repair rate, last ${metrics.repairWindow} sessions`;
  const shownOutcomes =
    metrics.outcomes.unrated > 0 ? outcomeKeys : outcomeKeys.filter((k) => k !== 'unrated');
  const legend: LegendItem[] = [
    ...ruptureTypes.map((t): LegendItem => ({ kind: 'bar', label: t.label, style: ruptureTypeStyles[t.id] })),
    ...shownOutcomes.map((k): LegendItem => ({ kind: 'bar', label: labelOf[k]!, style: outcomeStyles[k] })),
    { kind: 'line', label: rateName, style: repairRateStyle },
  ];
  const onClick = useMemo(() => openOnClick(rows, onOpenNote), [rows, onOpenNote]);
  // Over many sessions each bar is a pixel or less wide: drawn as one path per series rather than an
  // element per bar (as lines lose their dots past the same count), the same bars in a tenth of the nodes.
  const dense = rows.length > MAX_DOTTED_POINTS;
  const fillOf = (key: string) => barFill(prefix, key, patternStyles[key as keyof typeof patternStyles]);
  const strokeOf = (key: string) => patternStyles[key as keyof typeof patternStyles].color;

  return (
    <ChartFigure
      chartId="timeline"
      headingLevel={headingLevel}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      // One session is a point on empty axes: said in words instead.
      emptyMessage={rows.length === 0 ? `No sessions${rangeText}.` : rows.length === 1 ? summary : null}
      table={() => <TimelineTable rows={rows} rateName={rateName} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <ComposedChart
          width={width}
          height={height}
          data={rows}
          margin={{ top: 10, right: 4, bottom: 4, left: 0 }}
          barGap={1}
          barCategoryGap="12%"
          onClick={onClick}
          cursor="pointer"
          throttledEvents={unthrottled}
          title={title}
        >
          <BarPatternDefs prefix={prefix} styles={patternStyles} />
          <CartesianGrid vertical={false} verticalCoordinatesGenerator={noGridLines} stroke={gridStroke} />
          <SessionXAxis rows={rows} width={width} band={dense} />
          <YAxis
            yAxisId="count"
            allowDecimals={false}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Ruptures', 30)}
          />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v: number) => `${v}%`}
            width={48}
            tick={axisTick}
            stroke={axisStroke}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: TimelineRow) => <TimelineTooltip row={row} rateName={rateName} />)}
          />
          {dense && (
            // The count axis's data when no Bar gives it: each session's higher stack, drawn as nothing.
            <Line
              yAxisId="count"
              dataKey={stackTop}
              stroke="none"
              dot={false}
              activeDot={false}
              legendType="none"
              tooltipType="none"
              isAnimationActive={false}
            />
          )}
          {dense && (
            <DenseStackedBars
              rows={rows}
              category={(r) => r.index}
              value={countOf}
              stacks={[{ keys: typeKeys }, { keys: shownOutcomes }]}
              yAxisId="count"
              fill={fillOf}
              stroke={strokeOf}
              strokeWidth={0.5}
              barGap={1}
              barCategoryGap={0.12}
            />
          )}
          {!dense &&
            ruptureTypes.map((t) => (
              <Bar
                key={t.id}
                yAxisId="count"
                dataKey={t.id}
                name={t.label}
                stackId="type"
                fill={barFill(prefix, t.id, ruptureTypeStyles[t.id])}
                stroke={ruptureTypeStyles[t.id].color}
                strokeWidth={0.5}
                isAnimationActive={false}
              />
            ))}
          {!dense &&
            shownOutcomes.map((k) => (
              <Bar
                key={k}
                yAxisId="count"
                dataKey={k}
                name={labelOf[k]}
                stackId="outcome"
                fill={barFill(prefix, k, outcomeStyles[k])}
                stroke={outcomeStyles[k].color}
                strokeWidth={0.5}
                isAnimationActive={false}
              />
            ))}
          <Line
            yAxisId="rate"
            dataKey="rollingRate"
            name={rateName}
            type="linear"
            stroke={repairRateStyle.color}
            strokeWidth={2}
            dot={
              rows.length <= MAX_DOTTED_POINTS ? { r: 3, fill: repairRateStyle.color, strokeWidth: 0 } : false
            }
            activeDot={{ r: 5 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      )}
    </ChartFigure>
  );
});

function TimelineTooltip({ row, rateName }: { row: TimelineRow; rateName: string }) {
  const ruptures = row.withdrawal + row.confrontation;
  const lines =
    ruptures === 0
      ? ['No ruptures']
      : [
          `Ruptures: ${row.withdrawal} withdrawal, ${row.confrontation} confrontation`,
          `Outcomes: ${row.resolved} resolved, ${row.partial} partial, ${row.unresolved} unresolved` +
            (row.unrated > 0 ? `, ${row.unrated} not recorded` : ''),
        ];
  lines.push(`${rateName}: ${row.rollingRate === null ? '—' : percent(row.rollingRate / 100)}`);
  return (
    <TooltipBox
      heading={`${formatDate(row.date)} · session ${row.index + 1}`}
      lines={lines}
      hint={sessionHint(row)}
    />
  );
}

function TimelineTable({
  rows,
  rateName,
  onOpenNote,
}: {
  rows: readonly TimelineRow[];
  rateName: string;
  onOpenNote: (noteId: string) => void;
}) {
  return (
    <table className="list chart-data">
      <caption>{title}: ruptures and outcomes per session</caption>
      <thead>
        <tr>
          <th scope="col">Session date</th>
          <th scope="col">{labelOf.withdrawal}</th>
          <th scope="col">{labelOf.confrontation}</th>
          <th scope="col">{labelOf.resolved}</th>
          <th scope="col">{labelOf.partial}</th>
          <th scope="col">{labelOf.unresolved}</th>
          <th scope="col">{labelOf.unrated}</th>
          <th scope="col">{rateName}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sessionId}>
            <SessionDateCell row={r} onOpenNote={onOpenNote} />
            <td>{r.withdrawal}</td>
            <td>{r.confrontation}</td>
            <td>{r.resolved}</td>
            <td>{r.partial}</td>
            <td>{r.unresolved}</td>
            <td>{r.unrated}</td>
            <td>{r.rollingRate === null ? '—' : percent(r.rollingRate / 100)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
