import { memo, useMemo } from 'react';
import { Line, Tooltip, YAxis } from 'recharts';
import { participationSentence } from '../../../../shared/analytics/mirrorWords';
import { participationItems } from '../../../../shared/domain/participation';
import { formatDate } from '../../format/dates';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { ClickableLineChart } from './ClickableLineChart';
import { openOnClick, rowTooltip, SessionDateCell, sessionHint, TooltipBox } from './chartParts';
import { axisStroke, axisTick, type LineStyle, MAX_DOTTED_POINTS, yAxisLabel } from './chartTheme';
import type { MirrorChartProps } from './MirrorOutcomeChart';
import { type ParticipationRow, participationRows } from './mirrorRows';
import { SessionXAxis } from './SessionXAxis';

const { title } = chartCatalog['mirror-participation'];
const height = 240;
const style: LineStyle = { color: 'var(--chart-developmental)', dash: undefined, shape: 'circle' };
const name = 'Participation items done (of 4)';

/** How many of the four participation items each noted session had. */
export const MirrorParticipationChart = memo(function MirrorParticipationChart(props: MirrorChartProps) {
  const { mirror, exportSubject, onOpenNote } = props;
  const rows = useMemo(() => participationRows(mirror), [mirror]);
  const summary = participationSentence(mirror.participationHalves);
  const onClick = useMemo(() => openOnClick(rows, onOpenNote), [rows, onOpenNote]);
  const legend: LegendItem[] = [{ kind: 'line', label: name, style }];

  return (
    <ChartFigure
      chartId="mirror-participation"
      headingLevel={3}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      emptyMessage={rows.length < 2 ? summary : null}
      table={() => <ParticipationTable rows={rows} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <ClickableLineChart width={width} height={height} rows={rows} title={title} onClick={onClick}>
          <SessionXAxis rows={rows} width={width} />
          <YAxis
            domain={[0, 4]}
            ticks={[0, 1, 2, 3, 4]}
            allowDecimals={false}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Items', 16)}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: ParticipationRow) => (
              <TooltipBox
                heading={formatDate(row.date)}
                lines={[
                  `${row.count} of 4 items`,
                  ...participationItems.filter((i) => row.items[i.id]).map((i) => i.label),
                ]}
                hint={sessionHint(row)}
              />
            ))}
          />
          <Line
            dataKey="count"
            name={name}
            type="linear"
            stroke={style.color}
            strokeWidth={2}
            dot={rows.length <= MAX_DOTTED_POINTS ? { r: 3.5, fill: style.color } : false}
            activeDot={{ r: 6 }}
            isAnimationActive={false}
          />
        </ClickableLineChart>
      )}
    </ChartFigure>
  );
});

function ParticipationTable({
  rows,
  onOpenNote,
}: {
  rows: readonly ParticipationRow[];
  onOpenNote: (noteId: string) => void;
}) {
  return (
    <table className="list chart-data">
      <caption>{title}: the participation items of each noted session</caption>
      <thead>
        <tr>
          <th scope="col">Session date</th>
          {participationItems.map((i) => (
            <th scope="col" key={i.id}>
              {i.label}
            </th>
          ))}
          <th scope="col">Items (of 4)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sessionId}>
            <SessionDateCell row={r} onOpenNote={onOpenNote} />
            {participationItems.map((i) => (
              <td key={i.id}>{r.items[i.id] ? 'Yes' : 'No'}</td>
            ))}
            <td>{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
