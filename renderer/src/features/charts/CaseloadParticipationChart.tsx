import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { caseloadParticipationSentence } from '../../../../shared/analytics/mirrorWords';
import type { ParticipationMonth } from '../../../../shared/analytics/participationOverTime';
import { participationItems } from '../../../../shared/domain/participation';
import { formatMonth } from '../../format/dates';
import type { CaseloadMirrorChartProps } from './CaseloadMirrorCharts';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { tickInterval } from './chartFormat';
import { rowTooltip, TooltipBox } from './chartParts';
import { axisStroke, axisTick, gridStroke, type LineStyle, noGridLines, yAxisLabel } from './chartTheme';

const { title } = chartCatalog['mirror-participation-months'];
const height = 240;
const margin = { top: 10, right: 16, bottom: 4, left: 0 };
const style: LineStyle = { color: 'var(--chart-developmental)', dash: undefined, shape: 'circle' };
const name = 'Participation items per noted session (of 4)';

interface MonthRow extends ParticipationMonth {
  label: string;
}

/** The mean number of participation items per noted session, month by month. */
export const CaseloadParticipationChart = memo(function CaseloadParticipationChart(
  props: CaseloadMirrorChartProps,
) {
  const { mirror } = props;
  const rows = useMemo<MonthRow[]>(
    () => mirror.participationByMonth.map((m) => ({ ...m, label: formatMonth(m.month) })),
    [mirror],
  );
  const summary = caseloadParticipationSentence(mirror.participationHalves);
  const legend: LegendItem[] = [{ kind: 'line', label: name, style }];
  return (
    <ChartFigure
      chartId="mirror-participation-months"
      headingLevel={3}
      summary={summary}
      legend={legend}
      emptyMessage={rows.length < 2 ? summary : null}
      table={() => (
        <table className="list chart-data">
          <caption>{title}: noted sessions in which each item happened</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Noted sessions</th>
              {participationItems.map((i) => (
                <th scope="col" key={i.id}>
                  {i.label}
                </th>
              ))}
              <th scope="col">Items per session</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.month}>
                <th scope="row">{r.label}</th>
                <td>{r.notes}</td>
                {participationItems.map((i) => (
                  <td key={i.id}>{r.items[i.id]}</td>
                ))}
                <td>{r.meanItems.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    >
      {(width) => (
        <LineChart width={width} height={height} data={rows} margin={margin} title={title}>
          <CartesianGrid vertical={false} verticalCoordinatesGenerator={noGridLines} stroke={gridStroke} />
          <XAxis
            dataKey="label"
            interval={tickInterval(rows.length, width, 72)}
            tick={axisTick}
            stroke={axisStroke}
          />
          <YAxis
            domain={[0, 4]}
            ticks={[0, 1, 2, 3, 4]}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Items', 16)}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: MonthRow) => (
              <TooltipBox
                heading={row.label}
                lines={[`${row.meanItems.toFixed(1)} items per noted session`, `${row.notes} noted sessions`]}
              />
            ))}
          />
          <Line
            dataKey="meanItems"
            name={name}
            type="linear"
            stroke={style.color}
            strokeWidth={2}
            dot={{ r: 3.5, fill: style.color }}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ChartFigure>
  );
});
