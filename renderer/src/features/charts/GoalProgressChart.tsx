import { memo, useMemo } from 'react';
import { Line, Tooltip, YAxis } from 'recharts';
import { countingMinute } from '../../../../shared/analytics/clientMetrics';
import type { DateRange } from '../../../../shared/analytics/dateRange';
import { rememberedGoalProgressSeries } from '../../../../shared/analytics/goalProgressSeries';
import { goalProgressLevels } from '../../../../shared/domain/goalProgressSchema';
import type { ClientSource } from '../../data/hooks';
import { usePlanVersions } from '../../data/usePlanVersions';
import { formatDate } from '../../format/dates';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { ClickableLineChart } from './ClickableLineChart';
import { chartCatalog } from './chartCatalog';
import { openOnClick, rowTooltip, SessionDateCell, sessionHint, TooltipBox } from './chartParts';
import { axisStroke, axisTick, MAX_DOTTED_POINTS } from './chartTheme';
import {
  type ChartGoal,
  chartGoals,
  cut,
  type GoalRow,
  goalOrder,
  goalRows,
  goalsSummary,
  levelWords,
} from './goalProgressRows';
import { SessionXAxis } from './SessionXAxis';

const { title } = chartCatalog['goal-progress'];
const height = 300;

export interface GoalProgressChartProps {
  clientId: string;
  source: ClientSource;
  /** The same range as the timeline and trends beside it. */
  range: DateRange;
  /** The range in words for the summary (" from … to …", or ""). */
  rangeText: string;
  headingLevel: 2 | 3;
  /** The client's code (or the packet's alias) in the export's file name. */
  exportSubject: string;
  onOpenNote: (noteId: string) => void;
}

/**
 * Progress per treatment goal over the sessions that addressed it (issue 15), from the notes'
 * "Treatment goals" section: one line per goal on the −1 (moved away) to 3 (met) scale, over the
 * date range of the client's other charts. Goals are named in the current plan's words.
 */
export const GoalProgressChart = memo(function GoalProgressChart(props: GoalProgressChartProps) {
  const { clientId, source, range, rangeText, headingLevel, exportSubject, onOpenNote } = props;
  const loaded = usePlanVersions(clientId);
  const plans = loaded.state === 'ready' ? loaded.plans : null;
  const order = useMemo(() => goalOrder(plans ?? []), [plans]);
  const series = useMemo(
    () =>
      rememberedGoalProgressSeries(source.sessions, source.notes, { range, order, now: countingMinute() }),
    [source, range, order],
  );
  const goals = useMemo(() => chartGoals(series, plans ?? []), [series, plans]);
  const rows = useMemo(() => goalRows(series), [series]);
  const everAddressed = useMemo(
    () => source.notes.some((n) => (n.goalProgress?.length ?? 0) > 0),
    [source.notes],
  );
  const summary = useMemo(() => goalsSummary(goals, rows.length, rangeText), [goals, rows.length, rangeText]);
  const onClick = useMemo(() => openOnClick(rows, onOpenNote), [rows, onOpenNote]);
  const dotted = rows.length <= MAX_DOTTED_POINTS;
  const legend = goals.map((g): LegendItem => ({ kind: 'line', label: cut(g.label), style: g.style }));

  return (
    <ChartFigure
      chartId="goal-progress"
      headingLevel={headingLevel}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      // Said once in words: nothing addressed yet, nothing in range, or one session (a point on empty axes).
      emptyMessage={
        !everAddressed
          ? 'Progress on the treatment plan’s goals appears here once a session’s note marks a goal addressed (its Treatment goals section).'
          : rows.length === 0
            ? `No session${rangeText || ' in this range'} addressed a treatment goal.`
            : rows.length === 1
              ? summary
              : null
      }
      table={() => <GoalTable goals={goals} rows={rows} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <ClickableLineChart width={width} height={height} rows={rows} title={title} onClick={onClick}>
          <SessionXAxis rows={rows} width={width} />
          <YAxis
            domain={[-1, 3]}
            ticks={goalProgressLevels.map((l) => l.value)}
            tickFormatter={(v: number) => levelWords(v)}
            width={116}
            // The lowest level's words sit clear of the first date under the axis.
            padding={{ top: 0, bottom: 14 }}
            tick={axisTick}
            stroke={axisStroke}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: GoalRow) => (
              <TooltipBox
                heading={formatDate(row.date)}
                lines={goals
                  .filter((g) => g.goalId in row.levels)
                  .map((g) => `${cut(g.label, 48)}: ${levelWords(row.levels[g.goalId] ?? null)}`)}
                hint={sessionHint(row)}
              />
            ))}
          />
          {goals.map((g) => (
            <Line
              key={g.goalId}
              dataKey={(row: GoalRow) => row.levels[g.goalId] ?? null}
              name={g.label}
              type="linear"
              stroke={g.style.color}
              strokeWidth={2}
              strokeDasharray={g.style.dash}
              dot={
                dotted ? { symbol: g.style.shape, r: 4, fill: g.style.color, stroke: g.style.color } : false
              }
              activeDot={{ symbol: g.style.shape, r: 6, fill: g.style.color }}
              // A goal not addressed in a session has no point there; its line runs on between sessions.
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </ClickableLineChart>
      )}
    </ChartFigure>
  );
});

function GoalTable({
  goals,
  rows,
  onOpenNote,
}: {
  goals: readonly ChartGoal[];
  rows: readonly GoalRow[];
  onOpenNote: (noteId: string) => void;
}) {
  return (
    <table className="list chart-data">
      <caption>{title}: progress per session (— not addressed in that session)</caption>
      <thead>
        <tr>
          <th scope="col">Session date</th>
          {goals.map((g) => (
            <th key={g.goalId} scope="col">
              {g.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sessionId}>
            <SessionDateCell row={r} onOpenNote={onOpenNote} />
            {goals.map((g) => (
              <td key={g.goalId}>{g.goalId in r.levels ? levelWords(r.levels[g.goalId] ?? null) : '—'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
