import type { SessionMetrics } from '../../../../shared/analytics/sessionMetrics';
import { dimensions } from '../../../../shared/domain/dimensions';
import { FEEDBACK_TOTAL_MAX } from '../../../../shared/domain/feedback';
import { formatDate } from '../../format/dates';
import { plural, sessionDate } from './chartFormat';
import { unratedWords } from './clientChartRows';

/**
 * One session's values in words and numbers, where a chart would be a single point on empty
 * axes: its five ratings, its ruptures and their outcomes, and the client's feedback total.
 */
export function OneSessionSummary({
  session,
  concernLine,
  onOpenNote,
}: {
  session: SessionMetrics;
  /** Totals below this are flagged (the user's setting). */
  concernLine: number;
  onOpenNote: (noteId: string) => void;
}) {
  const date = formatDate(sessionDate(session.startsAt));
  const { withdrawal, confrontation } = session.rupturesByType;
  const { resolved, partial, unresolved, unrated } = session.outcomes;
  const outcomes = [
    resolved > 0 && `${resolved} resolved`,
    partial > 0 && `${partial} partially resolved`,
    unresolved > 0 && `${unresolved} unresolved`,
    unrated > 0 && `${unrated} without an outcome`,
  ].filter(Boolean);
  const noteId = session.noteId;
  return (
    <section className="one-session" aria-label={`Session of ${date}`}>
      <div className="one-session-head">
        <h3>Session of {date}</h3>
        {noteId && (
          <button type="button" className="secondary" onClick={() => onOpenNote(noteId)}>
            Open this session's note
          </button>
        )}
      </div>
      <dl>
        {dimensions.map((d) => (
          <div key={d.id}>
            <dt>{d.label}</dt>
            <dd>{session.ratings[d.id] ?? unratedWords(session, d.id)}</dd>
          </div>
        ))}
        <div>
          <dt>Ruptures</dt>
          <dd>
            {session.ruptureCount === 0
              ? 'None'
              : `${plural(session.ruptureCount, 'rupture')} (${withdrawal} withdrawal, ${confrontation} confrontation)` +
                (outcomes.length > 0 ? `: ${outcomes.join(', ')}` : '')}
          </dd>
        </div>
        <div>
          <dt>Feedback total</dt>
          <dd>
            {session.feedbackTotal === null
              ? 'Not given'
              : `${session.feedbackTotal} of ${FEEDBACK_TOTAL_MAX}` +
                (session.feedbackTotal < concernLine ? `, below the concern line of ${concernLine}` : '')}
          </dd>
        </div>
      </dl>
    </section>
  );
}
