import { useId, useMemo } from 'react';
import { calendarDate, inRange } from '../../../../shared/analytics/dateRange';
import { instruments } from '../../../../shared/measures/instruments';
import type { NoteSummary } from '../../../../shared/summaries/noteSummary';
import { useClientChartSource, useClientMeasures } from '../../data/hooks';
import { allDates, type RangeInput, rangeWords, toDateRange } from './dateRangeInput';
import { MeasureChart } from './MeasureChart';
import { noteIdsBySession } from './measureRows';
import { useStableCallback } from './useStableCallback';

const noNotes: readonly NoteSummary[] = [];

/**
 * A client's outcome measures on the Patterns tab: one chart per instrument the client has been
 * given, with its clinical line, bands and reliable change, each with a table view. Shown whatever
 * the notes are (measures belong to sessions), over the date range the charts above are filtered to
 * (all dates when none is given).
 */
export function MeasureCharts({
  clientId,
  onOpenNote,
  range = allDates,
}: {
  clientId: string;
  onOpenNote: (noteId: string) => void;
  range?: RangeInput;
}) {
  const headingId = useId();
  const measures = useClientMeasures(clientId);
  const dateRange = useMemo(() => toDateRange(range), [range]);
  const rangeText = rangeWords(range);
  const source = useClientChartSource(clientId);
  const openNote = useStableCallback(onOpenNote);
  const noteOfSession = noteIdsBySession(source?.notes ?? noNotes);
  const given = useMemo(
    () => instruments.filter((i) => measures?.some((m) => m.instrument === i.id)),
    [measures],
  );
  // The instruments given within the range: each draws its administrations in the range, their
  // change still counted from the client's first administration, whatever the range.
  const inRangeGiven = useMemo(
    () =>
      given.filter((i) =>
        measures?.some((m) => m.instrument === i.id && inRange(calendarDate(m.administeredAt), dateRange)),
      ),
    [given, measures, dateRange],
  );
  const code = source?.clientCode ?? clientId;
  return (
    <section className="charts" aria-labelledby={headingId}>
      <h2 id={headingId}>Outcome measures</h2>
      {measures === undefined ? (
        <p className="muted">Loading measures…</p>
      ) : given.length > 0 && inRangeGiven.length === 0 ? (
        <p className="muted">
          No outcome measure given{rangeText || ' in this range'}. Widen the dates to see them.
        </p>
      ) : given.length === 0 ? (
        <p className="muted">
          Outcome ratings, PHQ-9 and GAD-7 given at sessions appear here over time. Add one in a session’s
          note, under Outcome measures.
        </p>
      ) : (
        <div className="chart-list">
          {inRangeGiven.map((instrument) => (
            <MeasureChart
              key={instrument.id}
              instrument={instrument.id}
              measures={measures}
              range={dateRange}
              noteOfSession={noteOfSession}
              exportSubject={code}
              onOpenNote={openNote}
            />
          ))}
        </div>
      )}
    </section>
  );
}
