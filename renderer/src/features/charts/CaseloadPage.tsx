import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { countingMinute } from '../../../../shared/analytics/clientMetrics';
import { rememberedCaseloadMetrics } from '../../../../shared/analytics/memoizedMetrics';
import { dimensions } from '../../../../shared/domain/dimensions';
import { ruptureVocabularyFor } from '../../../../shared/domain/settingsSchema';
import { useCaseloadChartSource, useSettings } from '../../data/hooks';
import { CaseloadMirrorSection } from './CaseloadMirrorSection';
import { markerRows, monthNoteRows, strategyGroupRows, strategyRows } from './caseloadRows';
import { nothingHeldSummary, overviewSummary, profileSentence, unratedCounts } from './caseloadSummaries';
import { caseloadView } from './caseloadView';
import { count, mean1 } from './chartFormat';
import { DateRangeFilter } from './DateRangeFilter';
import { type RangeInput, rangeWords, toDateRange } from './dateRangeInput';
import { MarkersChart } from './MarkersChart';
import { MonthNotes } from './MonthNotes';
import { MonthsChart } from './MonthsChart';
import { PrecedingChart } from './PrecedingChart';
import { StrategiesChart } from './StrategiesChart';
import { StrategyGroupsChart } from './StrategyGroupsChart';
import { useStableCallback } from './useStableCallback';
import './charts.css';

/**
 * The clinician's reflection across the whole caseload: dimension means by month, the dimensions
 * whose lapses preceded ruptures, which repair strategies worked, which markers recur, and the
 * clinician's weakest dimension. Picking a month lists its sessions, each opening its note.
 */
export function CaseloadPage({
  onOpenNote,
  onNewNote,
}: {
  onOpenNote: (noteId: string) => void;
  /** The empty page's one action: a first session note. */
  onNewNote: () => void;
}) {
  const profileId = useId();
  const source = useCaseloadChartSource();
  const settings = useSettings();
  // As the page was left (caseloadView.ts): back from a note, the same range and month.
  const [range, setRangeState] = useState<RangeInput>(() => caseloadView.get().range);
  const [month, setMonthState] = useState<string | null>(() => caseloadView.get().month);
  const [returnTo] = useState(() => caseloadView.get().openedNote);
  const setRange = useCallback((next: RangeInput) => {
    caseloadView.keep({ range: next });
    setRangeState(next);
  }, []);
  const setMonth = useCallback((next: string | null) => {
    caseloadView.keep({ month: next, openedNote: null });
    setMonthState(next);
  }, []);
  // What chose the month (a month's button in the table, the chart): focus goes back there on closing.
  const monthChooser = useRef<Element | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const chooseMonth = useCallback(
    (chosen: string) => {
      monthChooser.current = document.activeElement;
      setMonth(chosen);
    },
    [setMonth],
  );
  const closeMonth = useCallback(() => {
    setMonth(null);
    const chooser = monthChooser.current;
    if (chooser instanceof HTMLElement && chooser.isConnected) chooser.focus();
    // The month was open when the page came back (from a note): what chose it is gone, so focus
    // goes to the page's heading rather than the page itself.
    else headingRef.current?.focus();
  }, [setMonth]);
  const openNote = useStableCallback((noteId: string) => {
    caseloadView.keep({ openedNote: noteId });
    onOpenNote(noteId);
  });
  const dateRange = useMemo(() => toDateRange(range), [range]);

  const metrics = useMemo(
    () =>
      source &&
      rememberedCaseloadMetrics(source.sessions, source.notes, { range: dateRange, now: countingMinute() }),
    [source, dateRange],
  );
  const vocabulary = useMemo(() => ruptureVocabularyFor(settings), [settings]);
  const strategies = useMemo(() => (metrics ? strategyRows(metrics, vocabulary) : []), [metrics, vocabulary]);
  const strategyGroups = useMemo(() => (metrics ? strategyGroupRows(metrics) : []), [metrics]);
  const markers = useMemo(() => (metrics ? markerRows(metrics, vocabulary) : []), [metrics, vocabulary]);
  const monthSessions = useMemo(
    () =>
      source && month
        ? monthNoteRows(source.sessions, source.notes, source.clientCodes, month, dateRange)
        : null,
    [source, month, dateRange],
  );

  return (
    <main className="page charts charts-page">
      <h1 ref={headingRef} tabIndex={-1}>
        Caseload reflection
      </h1>
      {source?.sessions.length === 0 ? (
        // Nothing to reflect on yet: one sentence and the one action, not a card per empty chart.
        <div className="charts-empty">
          <p>
            Your attunement profile, dimension means by month, ruptures and repairs across all your clients
            will appear here once you have written session notes.
          </p>
          <button type="button" onClick={onNewNote}>
            New session note
          </button>
        </div>
      ) : (
        <DateRangeFilter value={range} onChange={setRange} />
      )}
      {source?.sessions.length === 0 ? null : !metrics ? (
        <p className="muted">Loading your caseload…</p>
      ) : metrics.totals.sessions === 0 ? (
        <p className="chart-overview">{nothingHeldSummary(metrics.sessionsNotHeld, rangeWords(range))}</p>
      ) : (
        <>
          <p className="chart-overview">{overviewSummary(metrics, rangeWords(range))}</p>
          <section className="card clinician-profile" aria-labelledby={profileId}>
            <h2 id={profileId}>Your attunement profile</h2>
            <p className="profile-sentence">{profileSentence(metrics)}</p>
            <ul className="profile-means">
              {dimensions.map((d) => (
                <li key={d.id}>
                  {d.label}: mean {mean1(metrics.clinicianProfile.means[d.id])} over{' '}
                  {count(metrics.clinicianProfile.rated[d.id])} rated notes
                  {unratedCounts(
                    metrics.clinicianProfile.didNotComeUp[d.id],
                    metrics.clinicianProfile.couldNotJudge[d.id],
                  )}
                </li>
              ))}
            </ul>
          </section>
          <div className="chart-list">
            <MonthsChart metrics={metrics} onSelectMonth={chooseMonth} />
            {month && monthSessions && (
              <MonthNotes
                month={month}
                rows={monthSessions}
                returnTo={returnTo}
                onOpenNote={openNote}
                onClose={closeMonth}
              />
            )}
            <PrecedingChart metrics={metrics} />
            <StrategyGroupsChart rows={strategyGroups} />
            <StrategiesChart rows={strategies} />
            <MarkersChart rows={markers} />
            {source && (
              <CaseloadMirrorSection
                source={source}
                range={dateRange}
                concernLine={settings.feedbackConcernLine}
              />
            )}
          </div>
        </>
      )}
    </main>
  );
}
