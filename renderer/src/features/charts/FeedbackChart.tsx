import { memo, useMemo } from 'react';
import { Line, ReferenceLine, Tooltip, YAxis } from 'recharts';
import { FEEDBACK_TOTAL_MAX } from '../../../../shared/domain/feedback';
import { formatDate } from '../../format/dates';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { ClickableLineChart } from './ClickableLineChart';
import { chartCatalog } from './chartCatalog';
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
  MAX_DOTTED_POINTS,
  yAxisLabel,
} from './chartTheme';
import type { ClientChartProps } from './clientChartProps';
import { type FeedbackRow, feedbackRows } from './clientChartRows';
import { feedbackSummary } from './clientSummaries';
import { SessionXAxis } from './SessionXAxis';

const { title } = chartCatalog.feedback;
const height = 280;
const totalName = 'Feedback total (0–40)';

export interface FeedbackChartProps extends ClientChartProps {
  /** Totals below this are flagged (the user's setting). */
  concernLine: number;
}

/** The client's 0–40 feedback total per session, with the concern line from the settings. */
export const FeedbackChart = memo(function FeedbackChart(props: FeedbackChartProps) {
  const { metrics, concernLine, rangeText, exportSubject, headingLevel, onOpenNote } = props;
  const rows = useMemo(() => feedbackRows(metrics, concernLine), [metrics, concernLine]);
  const summary = useMemo(
    () => feedbackSummary(rows, concernLine, rangeText),
    [rows, concernLine, rangeText],
  );
  const onClick = useMemo(() => openOnClick(rows, onOpenNote), [rows, onOpenNote]);
  const concernName = `Concern line (${concernLine})`;
  // At the line's right end, past the last session: inside the plot the totals ran through it.
  const concernEnd = `Concern ${concernLine}`;
  const room = useMemo(() => endLabelRoom([concernEnd]), [concernEnd]);
  const legend: LegendItem[] = [
    { kind: 'line', label: totalName, style: feedbackStyle },
    { kind: 'point', label: 'Below the concern line', style: { ...concernStyle, shape: 'triangle' } },
    { kind: 'rule', label: concernName, style: concernStyle },
  ];

  return (
    <ChartFigure
      chartId="feedback"
      headingLevel={headingLevel}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      // One total is a point on empty axes: said in words instead.
      emptyMessage={
        rows.length === 0
          ? `No session${rangeText} has complete client feedback.`
          : rows.length === 1
            ? summary
            : null
      }
      table={() => <FeedbackTable rows={rows} concernLine={concernLine} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <ClickableLineChart
          width={width}
          height={height}
          rows={rows}
          title={title}
          onClick={onClick}
          rightMargin={room}
        >
          <SessionXAxis rows={rows} width={width} />
          <YAxis
            domain={[0, FEEDBACK_TOTAL_MAX]}
            ticks={[0, 10, 20, 30, 40]}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Total', 16)}
          />
          <ReferenceLine
            y={concernLine}
            stroke={concernStyle.color}
            strokeDasharray={concernStyle.dash}
            strokeWidth={1.5}
            label={endLabel(concernEnd, concernStyle.color)}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: FeedbackRow) => {
              const lines = [`Total: ${row.total} of 40`];
              if (row.below) lines.push(`Below the concern line of ${concernLine}`);
              return <TooltipBox heading={formatDate(row.date)} lines={lines} hint={sessionHint(row)} />;
            })}
          />
          <Line
            dataKey="total"
            name={totalName}
            type="linear"
            stroke={feedbackStyle.color}
            strokeWidth={2}
            dot={rows.length <= MAX_DOTTED_POINTS ? feedbackDot : false}
            activeDot={{ r: 6 }}
            isAnimationActive={false}
          />
        </ClickableLineChart>
      )}
    </ChartFigure>
  );
});

/** A circle, or a concern-coloured triangle for a total below the concern line. */
function feedbackDot(props: { cx?: number; cy?: number; index: number; payload: FeedbackRow }) {
  const { cx, cy, payload, index } = props;
  if (cx === undefined || cy === undefined) return <g key={index} />;
  if (payload.below) {
    return (
      <path
        key={index}
        className="feedback-dot below"
        d={`M${cx},${cy - 6}L${cx + 5.5},${cy + 4}L${cx - 5.5},${cy + 4}Z`}
        fill={concernStyle.color}
      />
    );
  }
  return <circle key={index} className="feedback-dot" cx={cx} cy={cy} r={3.5} fill={feedbackStyle.color} />;
}

function FeedbackTable({
  rows,
  concernLine,
  onOpenNote,
}: {
  rows: readonly FeedbackRow[];
  concernLine: number;
  onOpenNote: (noteId: string) => void;
}) {
  return (
    <table className="list chart-data">
      <caption>
        {title}: client feedback totals (concern line {concernLine})
      </caption>
      <thead>
        <tr>
          <th scope="col">Session date</th>
          <th scope="col">Total (0–40)</th>
          <th scope="col">Below the concern line</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sessionId}>
            <SessionDateCell row={r} onOpenNote={onOpenNote} />
            <td>{r.total}</td>
            <td>{r.below ? 'Yes' : 'No'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
