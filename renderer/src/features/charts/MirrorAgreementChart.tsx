import { memo, useMemo } from 'react';
import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { agreementSentence } from '../../../../shared/analytics/mirrorWords';
import { type AgreementReading, agreementReadings } from '../../../../shared/analytics/ratingAgreement';
import { FEEDBACK_TOTAL_MAX } from '../../../../shared/domain/feedback';
import { formatDate } from '../../format/dates';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { rowTooltip, SessionDateCell, TooltipBox } from './chartParts';
import { axisStroke, axisTick, concernStyle, gridStroke, type LineStyle, yAxisLabel } from './chartTheme';
import type { MirrorChartProps } from './MirrorOutcomeChart';
import { type AgreementRow, agreementRows } from './mirrorRows';

const { title } = chartCatalog['mirror-agreement'];
const height = 300;
const margin = { top: 10, right: 16, bottom: 24, left: 0 };

/** What each reading means, for the legend, the tooltip and the table. */
export const readingWords: Record<AgreementReading, string> = {
  'agree-good': 'Agree: both good',
  'agree-concern': 'Agree: both below',
  'blind-spot': 'You high, client low (blind spot)',
  'client-higher': 'Client higher than you',
};

const readingStyles: Record<AgreementReading, LineStyle> = {
  'agree-good': { color: 'var(--chart-resolved)', dash: undefined, shape: 'circle' },
  'agree-concern': { color: 'var(--chart-partial)', dash: undefined, shape: 'square' },
  'blind-spot': { color: 'var(--chart-concern)', dash: undefined, shape: 'triangle' },
  'client-higher': { color: 'var(--chart-withdrawal)', dash: undefined, shape: 'diamond' },
};

/**
 * Each session with both: your mean attunement rating (1–5) across, the client's feedback total
 * (0–40) up, with your "high" line (4) and the concern line marking the four readings.
 */
export const MirrorAgreementChart = memo(function MirrorAgreementChart(props: MirrorChartProps) {
  const { mirror, exportSubject, onOpenNote } = props;
  const rows = useMemo(() => agreementRows(mirror), [mirror]);
  const byReading = useMemo(
    () =>
      Object.fromEntries(agreementReadings.map((r) => [r, rows.filter((p) => p.reading === r)])) as Record<
        AgreementReading,
        AgreementRow[]
      >,
    [rows],
  );
  const { highRatingLine, concernLine } = mirror.agreement;
  const summary = agreementSentence(mirror.agreement);
  const legend: LegendItem[] = [
    ...agreementReadings.map((r) => ({
      kind: 'point' as const,
      label: readingWords[r],
      style: readingStyles[r],
    })),
    {
      kind: 'rule',
      label: `Concern line (${concernLine}) and your “high” line (${highRatingLine})`,
      style: concernStyle,
    },
  ];

  return (
    <ChartFigure
      chartId="mirror-agreement"
      headingLevel={3}
      summary={summary}
      legend={legend}
      exportSubject={exportSubject}
      emptyMessage={rows.length === 0 ? summary : null}
      table={() => <AgreementTable rows={rows} onOpenNote={onOpenNote} />}
    >
      {(width) => (
        <ScatterChart width={width} height={height} margin={margin} title={title}>
          <CartesianGrid stroke={gridStroke} />
          <XAxis
            type="number"
            dataKey="meanRating"
            name="Your mean rating"
            domain={[1, 5]}
            ticks={[1, 2, 3, 4, 5]}
            tick={axisTick}
            stroke={axisStroke}
            label={{
              value: 'Your mean attunement rating (1–5)',
              position: 'bottom',
              fill: 'var(--chart-axis)',
              offset: 4,
            }}
          />
          <YAxis
            type="number"
            dataKey="feedbackTotal"
            name="Client feedback"
            domain={[0, FEEDBACK_TOTAL_MAX]}
            ticks={[0, 10, 20, 30, 40]}
            width={44}
            tick={axisTick}
            stroke={axisStroke}
            label={yAxisLabel('Client feedback', 40)}
          />
          <ReferenceLine
            y={concernLine}
            stroke={concernStyle.color}
            strokeDasharray={concernStyle.dash}
            strokeWidth={1.5}
          />
          <ReferenceLine
            x={highRatingLine}
            stroke={concernStyle.color}
            strokeDasharray={concernStyle.dash}
            strokeWidth={1.5}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={false}
            content={rowTooltip((row: AgreementRow) => (
              <TooltipBox
                heading={formatDate(row.date)}
                lines={[
                  `Your mean rating: ${row.meanRating.toFixed(1)}`,
                  `Client feedback: ${row.feedbackTotal} of 40`,
                  readingWords[row.reading],
                ]}
                hint="Open the note from the table view"
              />
            ))}
          />
          {agreementReadings.map((r) => (
            <Scatter
              key={r}
              name={readingWords[r]}
              data={byReading[r]}
              fill={readingStyles[r].color}
              shape={readingStyles[r].shape}
              isAnimationActive={false}
            />
          ))}
        </ScatterChart>
      )}
    </ChartFigure>
  );
});

function AgreementTable({
  rows,
  onOpenNote,
}: {
  rows: readonly AgreementRow[];
  onOpenNote: (noteId: string) => void;
}) {
  return (
    <table className="list chart-data">
      <caption>{title}: each session with both your ratings and the client’s complete feedback</caption>
      <thead>
        <tr>
          <th scope="col">Session date</th>
          <th scope="col">Your mean rating (1–5)</th>
          <th scope="col">Client feedback (0–40)</th>
          <th scope="col">Reading</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sessionId}>
            <SessionDateCell row={r} onOpenNote={onOpenNote} />
            <td>{r.meanRating.toFixed(1)}</td>
            <td>{r.feedbackTotal}</td>
            <td>{readingWords[r.reading]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
