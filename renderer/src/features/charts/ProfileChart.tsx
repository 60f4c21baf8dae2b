import { memo, useId, useMemo, useState } from 'react';
import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, Tooltip } from 'recharts';
import { formatDate } from '../../format/dates';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { chartCatalog } from './chartCatalog';
import { mean1, sessionDate } from './chartFormat';
import { rowTooltip, TooltipBox } from './chartParts';
import { averageRadarStyle, axisTick, gridStroke, sessionRadarStyle } from './chartTheme';
import type { ClientChartProps } from './clientChartProps';
import { type ProfileRow, profileRows, ratedSessions } from './clientChartRows';
import { profileSummary } from './clientSummaries';

const { title } = chartCatalog.profile;
const averageName = "Client's average";

/** A radar of one session's five ratings against the client's average over the range. */
export const ProfileChart = memo(function ProfileChart(props: ClientChartProps) {
  const { metrics, rangeText, exportSubject, headingLevel, onOpenNote } = props;
  const id = useId();
  const choices = useMemo(() => ratedSessions(metrics), [metrics]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  // The latest rated session unless the user picked one that is still in range.
  const session = choices.find((s) => s.sessionId === chosenId) ?? choices[choices.length - 1];
  const rows = useMemo(() => profileRows(metrics, session), [metrics, session]);
  const summary = useMemo(
    () => profileSummary(session, rows, metrics.calendar),
    [session, rows, metrics.calendar],
  );
  const sessionName = session
    ? `Session of ${formatDate(sessionDate(session.startsAt, metrics.calendar))}`
    : 'Session';
  const noteId = session?.noteId ?? null;
  const legend: LegendItem[] = [
    { kind: 'line', label: sessionName, style: sessionRadarStyle },
    { kind: 'line', label: averageName, style: averageRadarStyle },
  ];
  const positions = useMemo(() => new Map(metrics.sessions.map((s, i) => [s.sessionId, i + 1])), [metrics]);

  const controls = (
    <div className="chart-controls">
      <label className="inline" htmlFor={`${id}-session`}>
        Session
        <select
          id={`${id}-session`}
          value={session?.sessionId ?? ''}
          disabled={choices.length === 0}
          onChange={(e) => setChosenId(e.target.value)}
        >
          {choices.map((s) => (
            <option key={s.sessionId} value={s.sessionId}>
              {formatDate(sessionDate(s.startsAt, metrics.calendar))} · session {positions.get(s.sessionId)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="secondary"
        disabled={!noteId}
        onClick={() => noteId && onOpenNote(noteId)}
      >
        Open this session's note
      </button>
    </div>
  );

  return (
    <ChartFigure
      chartId="profile"
      headingLevel={headingLevel}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      emptyMessage={session ? null : `No session${rangeText} has attunement ratings.`}
      controls={controls}
      table={() => <ProfileTable rows={rows} sessionName={sessionName} />}
    >
      {(width) => {
        const size = Math.min(width, 560);
        return (
          <RadarChart
            width={size}
            height={Math.min(380, Math.max(280, size * 0.7))}
            data={rows}
            outerRadius="72%"
            onClick={() => noteId && onOpenNote(noteId)}
            cursor={noteId ? 'pointer' : undefined}
            title={title}
          >
            <PolarGrid stroke={gridStroke} />
            <PolarAngleAxis dataKey="shortLabel" tick={{ ...axisTick, fill: 'var(--fg)' }} />
            {/* Between the first two spokes: on a spoke the ticks sat under its points and its label. */}
            <PolarRadiusAxis
              domain={[0, 5]}
              ticks={[1, 2, 3, 4, 5]}
              angle={90 - 360 / Math.max(rows.length, 1) / 2}
              tick={axisTick}
              axisLine={false}
            />
            <Tooltip
              isAnimationActive={false}
              content={rowTooltip((row: ProfileRow) => (
                <TooltipBox
                  heading={row.label}
                  lines={[
                    `${sessionName}: ${row.session ?? row.sessionUnrated}`,
                    `${averageName}: ${mean1(row.average)}`,
                  ]}
                />
              ))}
            />
            <Radar
              name={averageName}
              dataKey={(r: ProfileRow) => r.average ?? 0}
              stroke={averageRadarStyle.color}
              strokeDasharray={averageRadarStyle.dash}
              strokeWidth={2}
              fill={averageRadarStyle.color}
              fillOpacity={0.08}
              dot={{ symbol: averageRadarStyle.shape, r: 3.5, fill: averageRadarStyle.color }}
              isAnimationActive={false}
            />
            <Radar
              name={sessionName}
              dataKey={(r: ProfileRow) => r.session ?? 0}
              stroke={sessionRadarStyle.color}
              strokeWidth={2}
              fill={sessionRadarStyle.color}
              fillOpacity={0.22}
              dot={{ symbol: sessionRadarStyle.shape, r: 3.5, fill: sessionRadarStyle.color }}
              isAnimationActive={false}
            />
          </RadarChart>
        );
      }}
    </ChartFigure>
  );
});

function ProfileTable({ rows, sessionName }: { rows: readonly ProfileRow[]; sessionName: string }) {
  return (
    <table className="list chart-data">
      <caption>{title}: one session against the client's average</caption>
      <thead>
        <tr>
          <th scope="col">Dimension</th>
          <th scope="col">{sessionName}</th>
          <th scope="col">{averageName}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.dimension}>
            <th scope="row">{r.label}</th>
            <td>{r.session ?? r.sessionUnrated}</td>
            <td>{mean1(r.average)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
