import { useDeferredValue, useId, useMemo, useState } from 'react';
import { countingMinute } from '../../../../shared/analytics/clientMetrics';
import { rememberedClientMetrics } from '../../../../shared/analytics/memoizedMetrics';
import { useClientChartSource, useSettings } from '../../data/hooks';
import { ClientMirror } from './ClientMirror';
import { DateRangeFilter } from './DateRangeFilter';
import { allDates, type RangeInput, rangeWords, toDateRange } from './dateRangeInput';
import { FeedbackChart } from './FeedbackChart';
import { GoalProgressChart } from './GoalProgressChart';
import { OneSessionSummary } from './OneSessionSummary';
import { ProfileChart } from './ProfileChart';
import { TimelineChart } from './TimelineChart';
import { TrendsChart } from './TrendsChart';
import { useStableCallback } from './useStableCallback';
import './charts.css';

/** Sessions in the rolling repair rate's window. */
const REPAIR_WINDOW = 5;

/** What the Patterns tab says until a client has two sessions with notes (said once, not per chart). */
export const chartsNeedTwoNotes =
  'Charts of ruptures, repairs and attunement appear here after two sessions with notes.';

/**
 * A client's charts, for the client's page: a date-range filter over the rupture and repair
 * timeline, the attunement trends, the progress on treatment goals, the attunement profile radar
 * and the session feedback.
 * Clicking a session in a chart (or its date in a table) opens that session's note.
 * A chart needs two sessions with notes: before that, one message says so (with the one noted
 * session's values, if there is one) instead of four empty charts; a date range holding one
 * noted session shows that session's values, and one holding none says so once.
 */
export function ClientCharts({
  clientId,
  onOpenNote,
  range: chosenRange,
  onRangeChange,
}: {
  clientId: string;
  onOpenNote: (noteId: string) => void;
  /** The date range, when the page keeps it (so the measure charts beside follow it too). */
  range?: RangeInput;
  onRangeChange?: (range: RangeInput) => void;
}) {
  const headingId = useId();
  const source = useClientChartSource(clientId);
  const { feedbackConcernLine } = useSettings();
  const [ownRange, setOwnRange] = useState<RangeInput>(allDates);
  const range = chosenRange ?? ownRange;
  const setRange = onRangeChange ?? setOwnRange;
  const dateRange = useMemo(() => toDateRange(range), [range]);
  const openNote = useStableCallback(onOpenNote);

  // The concern line is applied by the feedback chart alone, so the settings arriving after the
  // index does not recompute the metrics and redraw every chart.
  const metrics = useMemo(
    () =>
      source &&
      rememberedClientMetrics(clientId, source.sessions, source.notes, {
        range: toDateRange(range),
        window: REPAIR_WINDOW,
        now: countingMinute(),
      }),
    [clientId, source, range],
  );
  // The timeline and trends draw first; the goals, profile and feedback follow in a background render.
  // Null at first, so this holds when the page opens with its metrics remembered too (without an
  // initial value, a first render would draw them all at once).
  const laterMetrics = useDeferredValue<typeof metrics | null>(metrics, null);
  const rangeText = rangeWords(range);
  const code = source?.clientCode ?? clientId;
  // The client's noted sessions that took place, whatever the range: a cancelled session's note
  // (why it did not happen) and a note begun for a session to come are not sessions to chart.
  const everMetrics = useMemo(
    () =>
      source && (dateRange.from != null || dateRange.to != null)
        ? rememberedClientMetrics(clientId, source.sessions, source.notes, {
            window: REPAIR_WINDOW,
            now: countingMinute(),
          })
        : metrics,
    [clientId, source, dateRange, metrics],
  );
  const notedEver = everMetrics?.notedSessionCount ?? 0;
  const onlyNoted = (notedEver < 2 ? everMetrics : metrics)?.sessions.find((s) => s.noteId !== null);

  if (!metrics) {
    return (
      <section className="charts" aria-labelledby={headingId}>
        <h2 id={headingId}>Patterns over time</h2>
        <p className="muted">Loading charts…</p>
      </section>
    );
  }

  if (notedEver < 2) {
    return (
      <section className="charts" aria-labelledby={headingId}>
        <h2 id={headingId}>Patterns over time</h2>
        <div className="empty-state">
          <p>
            {chartsNeedTwoNotes}{' '}
            {notedEver > 0
              ? 'Until then, the one noted session:'
              : source?.sessions.length
                ? 'Write a session’s note on the Sessions tab to start.'
                : 'Record a session on the Sessions tab and write its note to start.'}
          </p>
          {onlyNoted && (
            <OneSessionSummary session={onlyNoted} concernLine={feedbackConcernLine} onOpenNote={openNote} />
          )}
        </div>
      </section>
    );
  }

  return (
    <section className="charts" aria-labelledby={headingId}>
      <h2 id={headingId}>Patterns over time</h2>
      <DateRangeFilter value={range} onChange={setRange} />
      {metrics.notedSessionCount === 0 ? (
        <p className="muted chart-range-empty">
          No session with a note{rangeText || ' in this range'}. Widen the dates to see the charts.
        </p>
      ) : metrics.notedSessionCount === 1 && onlyNoted ? (
        <div className="chart-range-empty">
          <p className="muted">
            One session with a note{rangeText}: its values below. Widen the dates to see the charts.
          </p>
          <OneSessionSummary session={onlyNoted} concernLine={feedbackConcernLine} onOpenNote={openNote} />
        </div>
      ) : (
        <div className="chart-list">
          <TimelineChart
            metrics={metrics}
            rangeText={rangeText}
            headingLevel={3}
            onOpenNote={openNote}
            exportSubject={code}
          />
          <TrendsChart
            metrics={metrics}
            rangeText={rangeText}
            headingLevel={3}
            onOpenNote={openNote}
            exportSubject={code}
          />
          {laterMetrics ? (
            <>
              {source && (
                <GoalProgressChart
                  clientId={clientId}
                  source={source}
                  range={dateRange}
                  rangeText={rangeText}
                  headingLevel={3}
                  onOpenNote={openNote}
                  exportSubject={code}
                />
              )}
              <ProfileChart
                metrics={laterMetrics}
                rangeText={rangeText}
                headingLevel={3}
                onOpenNote={openNote}
                exportSubject={code}
              />
              <FeedbackChart
                metrics={laterMetrics}
                concernLine={feedbackConcernLine}
                rangeText={rangeText}
                headingLevel={3}
                onOpenNote={openNote}
                exportSubject={code}
              />
              {source && (
                <ClientMirror
                  clientId={clientId}
                  source={source}
                  range={dateRange}
                  concernLine={feedbackConcernLine}
                  onOpenNote={openNote}
                />
              )}
            </>
          ) : (
            <p className="muted">Loading the goal, profile and feedback charts…</p>
          )}
        </div>
      )}
    </section>
  );
}
