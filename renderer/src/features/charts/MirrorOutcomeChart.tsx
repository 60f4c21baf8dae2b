import { memo, useMemo } from 'react';
import { Line, ReferenceLine, Symbols, Tooltip, YAxis } from 'recharts';
import type { ClientMirror } from '../../../../shared/analytics/mirror';
import type { EpisodeStatus } from '../../../../shared/analytics/mirrorEpisodes';
import { episodeSentence, outcomeSourceSentence } from '../../../../shared/analytics/mirrorWords';
import { outcomeRating } from '../../../../shared/measures/outcomeRating';
import { formatDate } from '../../format/dates';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { ClickableLineChart } from './ClickableLineChart';
import { openOnClick, rowTooltip, SessionDateCell, sessionHint, TooltipBox } from './chartParts';
import {
  axisStroke,
  axisTick,
  concernStyle,
  feedbackStyle,
  type LineStyle,
  MAX_DOTTED_POINTS,
  yAxisLabel,
} from './chartTheme';
import { changeText, EPISODE_BAND, episodeStatusWords, type OutcomeRow, outcomeRows } from './mirrorRows';
import { SessionXAxis } from './SessionXAxis';

const { title } = chartCatalog['mirror-outcome'];
const height = 300;

const episodeStyles: Record<EpisodeStatus, LineStyle> = {
  resolved: { color: 'var(--chart-resolved)', dash: undefined, shape: 'circle' },
  unresolved: { color: 'var(--chart-unresolved)', dash: undefined, shape: 'triangle' },
  unrated: { color: 'var(--chart-unrated)', dash: undefined, shape: 'diamond' },
};
const episodeNames: Record<EpisodeStatus, string> = {
  resolved: 'Ruptures, all resolved',
  unresolved: 'Ruptures, not fully resolved',
  unrated: 'Ruptures, outcome not recorded',
};
const statuses: readonly EpisodeStatus[] = ['resolved', 'unresolved', 'unrated'];

export interface MirrorChartProps {
  mirror: ClientMirror;
  /** The client's code (or the packet's alias) in the export's file name. */
  exportSubject: string;
  onOpenNote: (noteId: string) => void;
}

/**
 * The client's outcome per session (the outcome rating, or the feedback total standing in), with
 * the sessions that held ruptures marked on the same time axis in a band above it, by how they ended.
 */
export const MirrorOutcomeChart = memo(function MirrorOutcomeChart(props: MirrorChartProps) {
  const { mirror, exportSubject, onOpenNote } = props;
  const rows = useMemo(() => outcomeRows(mirror), [mirror]);
  const summary = `${outcomeSourceSentence(mirror.outcomeSource)} ${episodeSentence(mirror.episodeGroups)}`;
  const onClick = useMemo(() => openOnClick(rows, onOpenNote), [rows, onOpenNote]);
  const scale = mirror.outcomeSource === 'outcome-scale';
  const outcomeName = scale
    ? 'Outcome rating total (0–40)'
    : 'Feedback total (0–40), standing in for the outcome';
  const line = scale ? outcomeRating.clinicalCutoff : mirror.concernLine;
  const lineName = scale ? `Clinical cut-off (${line})` : `Concern line (${line})`;
  const dotted = rows.length <= MAX_DOTTED_POINTS;
  const legend: LegendItem[] = [
    { kind: 'line', label: outcomeName, style: feedbackStyle },
    ...statuses.map((s) => ({ kind: 'point' as const, label: episodeNames[s], style: episodeStyles[s] })),
    { kind: 'rule', label: lineName, style: concernStyle },
  ];

  return (
    <ChartFigure
      chartId="mirror-outcome"
      headingLevel={3}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      emptyMessage={
        rows.length === 0
          ? `${outcomeSourceSentence(mirror.outcomeSource)} None is recorded in this range, and no rupture either.`
          : null
      }
      table={() => <OutcomeTable rows={rows} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <ClickableLineChart width={width} height={height} rows={rows} title={title} onClick={onClick}>
          <SessionXAxis rows={rows} width={width} />
          <YAxis
            domain={[0, EPISODE_BAND + 2]}
            ticks={[0, 10, 20, 30, 40]}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Outcome', 20)}
          />
          <ReferenceLine
            y={line}
            stroke={concernStyle.color}
            strokeDasharray={concernStyle.dash}
            strokeWidth={1.5}
            label={{ value: lineName, position: 'insideBottomLeft', fill: concernStyle.color, fontSize: 12 }}
          />
          <Tooltip
            isAnimationActive={false}
            content={rowTooltip((row: OutcomeRow) => (
              <TooltipBox heading={formatDate(row.date)} lines={tooltipLines(row)} hint={sessionHint(row)} />
            ))}
          />
          <Line
            dataKey="outcome"
            name={outcomeName}
            type="linear"
            stroke={feedbackStyle.color}
            strokeWidth={2}
            dot={dotted ? { r: 3.5, fill: feedbackStyle.color } : false}
            activeDot={{ r: 6 }}
            connectNulls
            isAnimationActive={false}
          />
          {/* One series for the three kinds of episode: recharts renders a dot element for every row of
              a series, so three series drew three per session (1,500 over 500 sessions), two of them empty. */}
          <Line
            dataKey={episodeMark}
            name="Rupture episodes"
            stroke="none"
            legendType="none"
            dot={episodeDot}
            activeDot={false}
            isAnimationActive={false}
          />
        </ClickableLineChart>
      )}
    </ChartFigure>
  );
});

function tooltipLines(row: OutcomeRow): string[] {
  const lines = [row.outcome === null ? 'No outcome recorded' : `Outcome: ${row.outcome} of 40`];
  const e = row.episode;
  if (e) {
    lines.push(
      `${e.ruptures === 1 ? '1 rupture' : `${e.ruptures} ruptures`}: ${episodeStatusWords[e.status].toLowerCase()}`,
    );
    if (e.change !== null) lines.push(`Outcome by the next session: ${changeText(e.change)}`);
  }
  return lines;
}

/** Where a session's episode mark sits: in the band above the outcome, or nowhere. */
const episodeMark = (row: OutcomeRow): number | null => (row.episode ? EPISODE_BAND : null);

/** A mark in the episode band, in its status's colour and shape. */
function episodeDot(props: { cx?: number; cy?: number; index: number; payload?: OutcomeRow }) {
  const { cx, cy, index, payload } = props;
  const status = payload?.episode?.status;
  if (cx === undefined || cy === undefined || !status) return <g key={index} />;
  const style = episodeStyles[status];
  return <Symbols key={index} type={style.shape} size={70} cx={cx} cy={cy} fill={style.color} />;
}

function OutcomeTable({
  rows,
  onOpenNote,
}: {
  rows: readonly OutcomeRow[];
  onOpenNote: (noteId: string) => void;
}) {
  return (
    <table className="list chart-data">
      <caption>
        {title}: the outcome per session, the sessions with ruptures, and the outcome by the next session
      </caption>
      <thead>
        <tr>
          <th scope="col">Session date</th>
          <th scope="col">Outcome (0–40)</th>
          <th scope="col">Ruptures</th>
          <th scope="col">How they ended</th>
          <th scope="col">Outcome before</th>
          <th scope="col">Outcome next</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sessionId}>
            <SessionDateCell row={r} onOpenNote={onOpenNote} />
            <td>{r.outcome ?? '—'}</td>
            <td>{r.episode?.ruptures ?? 0}</td>
            <td>{r.episode ? episodeStatusWords[r.episode.status] : '—'}</td>
            <td>{r.episode?.outcomeAt ?? '—'}</td>
            <td>{r.episode?.outcomeNext ?? '—'}</td>
            <td>{r.episode ? changeText(r.episode.change) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
