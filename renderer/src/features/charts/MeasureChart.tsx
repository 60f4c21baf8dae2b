import { memo, useMemo } from 'react';
import { Line, ReferenceArea, ReferenceLine, Tooltip, YAxis } from 'recharts';
import type { Calendar, DateRange } from '../../../../shared/analytics/dateRange';
import type { InstrumentId } from '../../../../shared/measures/instrument';
import { instrumentsById } from '../../../../shared/measures/instruments';
import type { Measure } from '../../../../shared/measures/measureSchema';
import { formatDate } from '../../format/dates';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { ClickableLineChart } from './ClickableLineChart';
import {
  endLabel,
  endLabelRoom,
  openOnClick,
  rowTooltip,
  SessionDateCell,
  sessionHint,
  TooltipBox,
} from './chartParts';
import {
  axisStroke,
  axisTick,
  concernStyle,
  feedbackStyle,
  type LineStyle,
  MAX_DOTTED_POINTS,
  yAxisLabel,
} from './chartTheme';
import {
  changeText,
  type MeasureRow,
  markedRows,
  measureSummary,
  rememberedMeasureRows,
  rowsInRange,
} from './measureRows';
import { SessionXAxis } from './SessionXAxis';

const height = 260;
const improvedStyle: LineStyle = { color: 'var(--chart-resolved)', dash: undefined, shape: 'diamond' };
const worseStyle: LineStyle = { ...concernStyle, dash: undefined, shape: 'triangle' };
const riskStyle: LineStyle = { ...concernStyle, dash: undefined, shape: 'square' };

export interface MeasureChartProps {
  instrument: InstrumentId;
  measures: readonly Measure[];
  noteOfSession: ReadonlyMap<string, string>;
  /** The dates drawn (all when absent); change is still counted from the first administration. */
  range?: DateRange;
  /** Local days by default; 'utc' in a review packet (its dates are shifted in UTC and shown so). */
  calendar?: Calendar;
  /** The client's code (or the packet's alias) in the export's file name. */
  exportSubject: string;
  onOpenNote: (noteId: string) => void;
}

/**
 * One instrument's totals over time: the severity bands shaded (deeper toward the clinical end),
 * the clinical cut-off as a line, and reliable change from the first administration marked on
 * the points (a diamond for a reliable improvement, a triangle for a reliable deterioration; a
 * square for PHQ-9 item 9 answered above 0).
 */
export const MeasureChart = memo(function MeasureChart({
  instrument,
  measures,
  noteOfSession,
  range,
  calendar,
  exportSubject,
  onOpenNote,
}: MeasureChartProps) {
  const definition = instrumentsById[instrument];
  const allRows = rememberedMeasureRows(measures, instrument, noteOfSession, calendar);
  const rows = useMemo(() => rowsInRange(allRows, range), [allRows, range]);
  const summary = useMemo(() => measureSummary(instrument, rows, allRows[0]), [instrument, rows, allRows]);
  // Too many points for a dot each: only the risk flags and where reliable change begins are drawn.
  const dot = useMemo(() => {
    if (rows.length <= MAX_DOTTED_POINTS) return measureDot;
    const marked = markedRows(rows);
    return (props: MeasureDotProps) =>
      marked.has(props.index) ? measureDot(props) : <g key={props.index} />;
  }, [rows]);
  const onClick = useMemo(() => openOnClick(rows, onOpenNote), [rows, onOpenNote]);
  const cutoffName = `Clinical cut-off (${definition.clinicalCutoff})`;
  const totalName = `${definition.label} total (0–${definition.totalMax})`;
  // The bands' names and the cut-off at the plot's right end, past the last point: inside it the
  // line and its markers crossed them. Each band's name is centred in its band, clear of the line's.
  const cutoffEnd = `Cut-off ${definition.clinicalCutoff}`;
  const room = useMemo(
    () => endLabelRoom([cutoffEnd, ...definition.bands.map((b) => b.label)], 11),
    [cutoffEnd, definition],
  );
  const legend: LegendItem[] = [
    { kind: 'line', label: totalName, style: feedbackStyle },
    { kind: 'rule', label: cutoffName, style: concernStyle },
    { kind: 'point', label: 'Reliable improvement since the first', style: improvedStyle },
    { kind: 'point', label: 'Reliable deterioration since the first', style: worseStyle },
    ...(definition.riskItemId
      ? [{ kind: 'point' as const, label: 'Item 9 above 0: risk follow-up', style: riskStyle }]
      : []),
  ];
  // Shading deepens toward the clinical end, whichever way the scale runs.
  const bands = definition.bands.map((band, i) => {
    const next = definition.bands[i + 1];
    const severity = definition.direction === 'higher-is-worse' ? i : definition.bands.length - 1 - i;
    return {
      band,
      y1: band.min,
      y2: next ? next.min : definition.totalMax,
      opacity: 0.03 + severity * 0.035,
    };
  });

  return (
    <ChartFigure
      chartId={`measure-${instrument}` as const}
      headingLevel={3}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      emptyMessage={rows.length <= 1 ? summary : null}
      table={() => <MeasureTable instrument={instrument} rows={rows} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <ClickableLineChart
          width={width}
          height={height}
          rows={rows}
          title={definition.label}
          onClick={onClick}
          rightMargin={room}
        >
          {bands.map(({ band, y1, y2, opacity }) => (
            <ReferenceArea
              key={band.id}
              y1={y1}
              y2={y2}
              fill="var(--chart-concern)"
              fillOpacity={opacity}
              strokeOpacity={0}
              ifOverflow="hidden"
              label={endLabel(band.label, 'var(--chart-axis)', 11)}
            />
          ))}
          <SessionXAxis rows={rows} width={width} />
          <YAxis
            domain={[0, definition.totalMax]}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Total', 16)}
          />
          <ReferenceLine
            y={definition.clinicalCutoff}
            stroke={concernStyle.color}
            strokeDasharray={concernStyle.dash}
            strokeWidth={1.5}
            label={endLabel(cutoffEnd, concernStyle.color, 11)}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: MeasureRow) => {
              const lines = [`Total: ${row.total} of ${definition.totalMax} (${row.band.toLowerCase()})`];
              lines.push(`Since the first: ${changeText(row.sinceFirst)}`);
              for (const flag of row.flags)
                if (flag.kind === 'risk-item') lines.push('Item 9 above 0: follow up on risk');
              return <TooltipBox heading={formatDate(row.date)} lines={lines} hint={sessionHint(row)} />;
            })}
          />
          <Line
            dataKey="total"
            name={totalName}
            type="linear"
            stroke={feedbackStyle.color}
            strokeWidth={2}
            dot={dot}
            activeDot={{ r: 6 }}
            isAnimationActive={false}
          />
        </ClickableLineChart>
      )}
    </ChartFigure>
  );
});

type MeasureDotProps = { cx?: number; cy?: number; index: number; payload: MeasureRow };

/** A circle, or the marker of reliable change, with a square around a risk-flagged point. */
function measureDot(props: MeasureDotProps) {
  const { cx, cy, payload, index } = props;
  if (cx === undefined || cy === undefined) return <g key={index} />;
  const ring = payload.risk ? (
    <rect x={cx - 7} y={cy - 7} width={14} height={14} fill="none" stroke={riskStyle.color} strokeWidth={2} />
  ) : null;
  let mark = <circle cx={cx} cy={cy} r={3.5} fill={feedbackStyle.color} />;
  if (payload.sinceFirst === 'reliable-improvement') {
    mark = (
      <path
        d={`M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z`}
        fill={improvedStyle.color}
      />
    );
  } else if (payload.sinceFirst === 'reliable-deterioration') {
    mark = (
      <path d={`M${cx},${cy - 6}L${cx + 5.5},${cy + 4}L${cx - 5.5},${cy + 4}Z`} fill={worseStyle.color} />
    );
  }
  return (
    <g key={index} className={`measure-dot ${payload.sinceFirst ?? 'first'}${payload.risk ? ' risk' : ''}`}>
      {ring}
      {mark}
    </g>
  );
}

function MeasureTable({
  instrument,
  rows,
  onOpenNote,
}: {
  instrument: InstrumentId;
  rows: readonly MeasureRow[];
  onOpenNote: (noteId: string) => void;
}) {
  const definition = instrumentsById[instrument];
  return (
    <table className="list chart-data">
      <caption>
        {definition.label}: totals, bands and reliable change (cut-off {definition.clinicalCutoff}, reliable
        change {definition.reliableChange} points)
      </caption>
      <thead>
        <tr>
          <th scope="col">Session date</th>
          <th scope="col">Total (0–{definition.totalMax})</th>
          <th scope="col">Band</th>
          <th scope="col">Since the first</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sessionId}>
            <SessionDateCell row={r} onOpenNote={onOpenNote} />
            <td>{r.total}</td>
            <td>{r.band}</td>
            <td>{changeText(r.sinceFirst)}</td>
            <td>{r.flags.map((f) => f.message).join(' ') || 'None'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
