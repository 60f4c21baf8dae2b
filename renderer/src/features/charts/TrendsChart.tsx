import { memo, useId, useMemo, useState } from 'react';
import { Tooltip, YAxis } from 'recharts';
import {
  type DimensionId,
  dimensionIds,
  dimensions,
  unratedChoices,
} from '../../../../shared/domain/dimensions';
import { formatDate } from '../../format/dates';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { ClickableLineChart } from './ClickableLineChart';
import { chartCatalog } from './chartCatalog';
import { openOnClick, rowTooltip, SessionDateCell, sessionHint, TooltipBox } from './chartParts';
import { axisStroke, axisTick, dimensionStyles, MAX_DOTTED_POINTS, yAxisLabel } from './chartTheme';
import type { ClientChartProps } from './clientChartProps';
import { NO_NOTE, type TrendRow, trendRows } from './clientChartRows';
import { trendsSummary } from './clientSummaries';
import { DimensionLines } from './DimensionLines';
import { SessionXAxis } from './SessionXAxis';

const { title } = chartCatalog.trends;
const height = 300;
/** The note's reasons for no rating, as its editor labels them: "Did not come up, Could not judge". */
const unratedLabels = unratedChoices.map((c) => c.label).join(', ');

/** The five dimension ratings (1–5) over the sessions, each shown or hidden by its checkbox. */
export const TrendsChart = memo(function TrendsChart(props: ClientChartProps) {
  const { metrics, rangeText, exportSubject, headingLevel, onOpenNote } = props;
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
      headingLevel={headingLevel}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      // One session is a point on empty axes: said in words instead.
      emptyMessage={rows.length === 0 ? `No sessions${rangeText}.` : rows.length === 1 ? summary : null}
      controls={controls}
      table={() => <TrendsTable rows={rows} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <ClickableLineChart width={width} height={height} rows={rows} title={title} onClick={onClick}>
          <SessionXAxis rows={rows} width={width} />
          <YAxis
            domain={[1, 5]}
            ticks={[1, 2, 3, 4, 5]}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Rating', 24)}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: TrendRow) => {
              const lines = visible.map((d) => `${d.shortLabel}: ${row.ratingText[d.id]}`);
              return (
                <TooltipBox
                  heading={`${formatDate(row.date)} · session ${row.index + 1}`}
                  lines={lines}
                  hint={sessionHint(row)}
                />
              );
            })}
          />
          <DimensionLines dimensions={visible} dotted={dotted} />
        </ClickableLineChart>
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
      <caption>
        {title}: ratings 1–5 per session, or why a dimension has none ({unratedLabels}, or {NO_NOTE})
      </caption>
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
              <td key={d.id}>{r.ratingText[d.id]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
