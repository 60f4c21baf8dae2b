import { memo, type ReactNode, useCallback, useId, useMemo, useRef } from 'react';
import {
  type GoalProgress,
  goalProgressLabel,
  goalProgressLevels,
} from '../../../../shared/domain/goalProgressSchema';
import { FieldError } from '../../components/FieldError';
import { useSessionRows } from '../../data/hooks';
import { usePlanVersions } from '../../data/usePlanVersions';
import { formatDate } from '../../format/dates';
import { errorUnder, type FieldErrors, type Updater } from './noteDraft';
import { earlierProgress, type NoteGoalRow, noteGoalRows } from './noteGoalRows';
import { goalsSectionLabel } from './noteOutline';
import './goalsSection.css';

export interface GoalsSectionProps {
  clientId: string;
  /** The note's session: each goal says how it stood the last time an earlier note addressed it. */
  sessionId: string;
  /** The note's goals addressed (its draft's `goalProgress`). */
  value: readonly GoalProgress[];
  /** When the note was signed: its goals are named as the plan read then. Null for a draft. */
  signedAt: string | null;
  readOnly: boolean;
  errors: FieldErrors;
  onChange: Updater<GoalProgress[]>;
  /** Leaves the note (saved first) for the client's Treatment tab, where the plan is written. */
  onOpenTreatment: () => void;
}

/**
 * The thread from the treatment plan to this session: the client's active goals, each with
 * "Addressed this session", then the progress on it (a compact scale) and a sentence. A signed
 * note shows the goals it addressed, in the plan's words as they were when it was signed, even
 * if a later plan revised them. Saved with the rest of the draft (autosave).
 */
export const GoalsSection = memo(function GoalsSection({
  clientId,
  sessionId,
  value,
  signedAt,
  readOnly,
  errors,
  onChange,
  onOpenTreatment,
}: GoalsSectionProps) {
  const headingId = useId();
  const loaded = usePlanVersions(clientId);
  const plans = loaded.state === 'ready' ? loaded.plans : null;
  const rows = useMemo(
    () => (plans ? noteGoalRows(plans, value, readOnly, signedAt) : null),
    [plans, value, readOnly, signedAt],
  );
  const sessionRows = useSessionRows(clientId);
  const earlier = useMemo(
    () => (readOnly || !sessionRows ? null : earlierProgress(sessionRows, sessionId)),
    [readOnly, sessionRows, sessionId],
  );
  // An entry unticked by mistake comes back with its progress and comment when ticked again.
  const unticked = useRef(new Map<string, GoalProgress>());

  const setAddressed = useCallback(
    (goalId: string, addressed: boolean) =>
      onChange((list) => {
        if (!addressed) {
          const entry = list.find((g) => g.goalId === goalId);
          if (entry) unticked.current.set(goalId, entry);
          return list.filter((g) => g.goalId !== goalId);
        }
        if (list.some((g) => g.goalId === goalId)) return list;
        return [...list, unticked.current.get(goalId) ?? { goalId, progress: null, comment: '' }];
      }),
    [onChange],
  );
  const setEntry = useCallback(
    (goalId: string, change: Partial<Pick<GoalProgress, 'progress' | 'comment'>>) =>
      onChange((list) => list.map((g) => (g.goalId === goalId ? { ...g, ...change } : g))),
    [onChange],
  );

  let body: ReactNode;
  if (loaded.state === 'loading' || !rows) {
    body =
      loaded.state === 'failed' ? (
        <div role="alert">
          <p className="error">The treatment plan could not be read: {loaded.message}</p>
          <button type="button" className="secondary" onClick={loaded.reload}>
            Try again
          </button>
        </div>
      ) : (
        <p className="muted" role="status">
          Reading the treatment plan…
        </p>
      );
  } else if (rows.length === 0) {
    body = readOnly ? (
      <p className="muted">No treatment goal was marked as addressed in this session.</p>
    ) : (
      <p className="goals-empty muted">
        {plans?.length
          ? 'The treatment plan has no active goals: goals added to it appear here to mark.'
          : 'No treatment plan yet: once one is written, its goals appear here to mark.'}{' '}
        <button type="button" className="link" onClick={onOpenTreatment}>
          Open the Treatment tab
        </button>
      </p>
    );
  } else if (readOnly) {
    body = (
      <ul className="goals-addressed">
        {rows.map((row) => (
          <li key={row.goalId}>
            <p className="goal-text">{row.text}</p>
            <p>
              {goalProgressLabel(row.entry?.progress ?? null)}
              {row.entry?.comment.trim() ? `: ${row.entry.comment.trim()}` : ''}
            </p>
          </li>
        ))}
      </ul>
    );
  } else {
    body = rows.map((row) => (
      <GoalItem
        key={row.goalId}
        row={row}
        lastAt={earlier?.get(row.goalId)?.startsAt ?? null}
        lastLevel={earlier?.get(row.goalId)?.level ?? null}
        errors={errors}
        onAddressed={setAddressed}
        onEntry={setEntry}
      />
    ));
  }

  return (
    <section className="note-section card goals-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{goalsSectionLabel}</h2>
      {!readOnly && rows && rows.length > 0 && (
        <p className="muted">Tick the plan’s goals this session worked on, and how the client is moving.</p>
      )}
      {body}
      <FieldError id={`${headingId}-error`} message={errors.goalProgress} />
    </section>
  );
});

/** One goal: its words, "Addressed this session", and once ticked the progress and a sentence. */
const GoalItem = memo(function GoalItem({
  row,
  lastAt,
  lastLevel,
  errors,
  onAddressed,
  onEntry,
}: {
  row: NoteGoalRow;
  /** When an earlier session's note last addressed the goal, and its progress then (null: none). */
  lastAt: string | null;
  lastLevel: number | null;
  errors: FieldErrors;
  onAddressed: (goalId: string, addressed: boolean) => void;
  onEntry: (goalId: string, change: Partial<Pick<GoalProgress, 'progress' | 'comment'>>) => void;
}) {
  const id = useId();
  const { goalId, entry } = row;
  const path = `goalProgress.${row.index}`;
  const progressError = entry ? errorUnder(errors, `${path}.progress`) : undefined;
  const commentError = entry ? errorUnder(errors, `${path}.comment`) : undefined;
  const about = [
    row.targetDate ? `Target ${formatDate(row.targetDate)}` : '',
    lastAt ? `Last addressed ${formatDate(lastAt)}: ${goalProgressLabel(lastLevel)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <fieldset className="goal-item" aria-describedby={about ? `${id}-about` : undefined}>
      <legend className="goal-text">{row.text}</legend>
      {about && (
        <p id={`${id}-about`} className="muted small goal-about">
          {about}
        </p>
      )}
      <div className="goal-addressed">
        <input
          id={`${id}-addressed`}
          type="checkbox"
          checked={entry !== undefined}
          onChange={(e) => onAddressed(goalId, e.target.checked)}
        />
        <label htmlFor={`${id}-addressed`}>Addressed this session</label>
      </div>
      {entry && (
        <div className="goal-progress">
          <ProgressRow
            value={entry.progress}
            error={progressError}
            onChange={(progress) => onEntry(goalId, { progress })}
          />
          <div className="field goal-comment">
            <label htmlFor={`${id}-comment`}>Progress in a sentence</label>
            <input
              id={`${id}-comment`}
              type="text"
              maxLength={2000}
              value={entry.comment}
              aria-invalid={commentError ? true : undefined}
              aria-describedby={commentError ? `${id}-comment-error` : undefined}
              onChange={(e) => onEntry(goalId, { comment: e.target.value })}
            />
            <FieldError id={`${id}-comment-error`} message={commentError} />
          </div>
        </div>
      )}
    </fieldset>
  );
});

/** The progress scale as one compact row of word boxes, like the attunement rating rows. */
function ProgressRow({
  value,
  error,
  onChange,
}: {
  value: number | null;
  error: string | undefined;
  onChange: (level: number) => void;
}) {
  const id = useId();
  return (
    <fieldset
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows role="radiogroup" on a fieldset, which keeps its legend as the name.
      role="radiogroup"
      className="rating-row goal-progress-row"
      aria-labelledby={`${id}-legend`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend id={`${id}-legend`}>Progress</legend>
      <div className="rating-choices">
        {goalProgressLevels.map((level) => (
          <span className="rating-choice" key={level.id}>
            <input
              id={`${id}-${level.id}`}
              type="radio"
              name={id}
              checked={value === level.value}
              onChange={() => onChange(level.value)}
            />
            <label htmlFor={`${id}-${level.id}`}>{level.label}</label>
          </span>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
