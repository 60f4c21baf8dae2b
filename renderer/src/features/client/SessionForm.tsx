import { type FormEvent, type RefObject, useMemo, useState } from 'react';
import {
  attendanceIds,
  attendanceLabels,
  modalityIds,
  modalityLabels,
  type Session,
} from '../../../../shared/domain/sessionSchema';
import { sessionInput } from '../../../../shared/ipc/contracts/clientContract';
import { FieldError, fieldErrors } from '../../components/FieldError';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { call, messageOf } from '../../data/api';
import { useClient } from '../../data/hooks';
import { putSession } from '../../data/summaryIndex';
import { useUnsavedForm } from '../../data/unsavedForms';
import { formatDate, formatDateTime, isoLocalDateTime } from '../../format/dates';

/**
 * The picker's value ('yyyy-mm-ddThh:mm', local time) as the instant to store, or what to say: the
 * picker gives '' while empty or incomplete, and takes years past 9999, which a record cannot hold.
 */
function startFromPicker(value: string): string | { problem: string } {
  if (/^\d{5,}-/.test(value)) return { problem: 'Enter a date with a four-digit year.' };
  const when = new Date(value);
  if (Number.isNaN(when.getTime())) return { problem: 'Enter the session’s date and time.' };
  // 9999-12-31 late in the evening west of UTC is already year 10000 there.
  const iso = when.toISOString();
  return /^\d{4}-/.test(iso) ? iso : { problem: 'Enter a date with a four-digit year.' };
}

/** The key under which what is typed into a client's new-session form is kept until saved or cancelled. */
export const sessionFormKey = (clientId: string): string => `session:new:${clientId}`;

/** The key under which the changes typed into a session's edit form are kept. */
export const sessionEditKey = (sessionId: string): string => `session:edit:${sessionId}`;

/**
 * Records a session for a client, or with `session` changes one (its date, length, modality or
 * attendance: a booked session the client called off is marked cancelled). What is typed is kept
 * (unsavedForms.ts) when the screen is left or the vault locks, until it is saved or cancelled:
 * the client's page opens the form again.
 */
export function SessionForm({
  clientId,
  session,
  onDone,
}: {
  clientId: string;
  session?: Session | undefined;
  onDone: (session: Session | null) => void;
}) {
  const [fields, change, forget] = useUnsavedForm(
    session ? sessionEditKey(session.id) : sessionFormKey(clientId),
    () => ({
      startsAt: isoLocalDateTime(session ? new Date(session.startsAt) : new Date()),
      duration: String(session?.durationMinutes ?? 50),
      modality: session?.modality ?? ('in-person' as Session['modality']),
      attendance: session?.attendance ?? ('attended' as Session['attendance']),
    }),
  );
  const title = session ? `Edit session of ${formatDateTime(session.startsAt)}` : 'New session';
  // Its own ids: the new-session form may be open beside it.
  const idPrefix = session ? 'session-edit' : 'session';
  const fieldIds = { startsAt: `${idPrefix}-start`, durationMinutes: `${idPrefix}-duration` };
  const { startsAt, duration, modality, attendance } = fields;
  const [errors, setErrors] = useState<Record<string, string>>({});
  // An edit gives the focus back to its session's row (its date button) when it closes, whatever
  // opened it: a form kept while the page was left opens with the page, from the sidebar's link.
  const editId = session?.id;
  const returnTo = useMemo<RefObject<HTMLElement | null> | undefined>(
    () =>
      editId === undefined
        ? undefined
        : {
            get current() {
              return document.querySelector<HTMLElement>(`button[data-edit-session="${CSS.escape(editId)}"]`);
            },
          },
    [editId],
  );
  const form = useFocusOnOpen<HTMLFormElement>({ returnTo });
  const client = useClient(clientId);
  // A session before the client's first day is allowed (a start date set late) but said: it is
  // more often a mistyped year. Only for a whole date: the picker holds '' while empty or incomplete.
  const day = /^(\d{4}-\d{2}-\d{2})T/.exec(startsAt)?.[1];
  const early = client && day !== undefined && day < client.startDate ? client : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const start = startFromPicker(startsAt);
    const input = {
      clientId,
      startsAt: typeof start === 'string' ? start : '',
      durationMinutes: Number(duration),
      modality,
      attendance,
    };
    const parsed = sessionInput.safeParse(input);
    // The picker's value is checked here, in words for it: the schema's message asks for ISO 8601
    // text, which is for import files and the command line, not a field no one types that into.
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (typeof start !== 'string') found.startsAt = start.problem;
    if (!parsed.success || found.startsAt) {
      setErrors(found);
      focusFirstInvalid(found, fieldIds);
      return;
    }
    setErrors({});
    try {
      const { clientId: _, ...changes } = parsed.data;
      const saved = session
        ? await call('sessions:update', { id: session.id, changes })
        : await call('sessions:create', parsed.data);
      putSession(saved);
      forget();
      onDone(saved);
    } catch (failure) {
      setErrors({ _: messageOf(failure) });
    }
  }

  return (
    <form ref={form} className="card" onSubmit={submit} aria-label={title} noValidate>
      <h2>{title}</h2>
      <div className="grid2">
        <div>
          <label htmlFor={`${idPrefix}-start`}>Date and time</label>
          <input
            id={`${idPrefix}-start`}
            type="datetime-local"
            value={startsAt}
            onChange={(e) => change({ startsAt: e.target.value })}
            aria-invalid={Boolean(errors.startsAt)}
            aria-describedby={describedBy(
              early && `${idPrefix}-start-early`,
              errors.startsAt && `${idPrefix}-start-error`,
            )}
          />
          {early && (
            <p id={`${idPrefix}-start-early`} className="muted small">
              This is before {early.code}’s start date ({formatDate(early.startDate)}). Check the date, or
              change the client’s start date.
            </p>
          )}
          <FieldError id={`${idPrefix}-start-error`} message={errors.startsAt} />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-duration`}>Duration (minutes)</label>
          <input
            id={`${idPrefix}-duration`}
            type="number"
            min={1}
            max={600}
            value={duration}
            onChange={(e) => change({ duration: e.target.value })}
            aria-invalid={Boolean(errors.durationMinutes)}
            aria-describedby={errors.durationMinutes ? `${idPrefix}-duration-error` : undefined}
          />
          <FieldError id={`${idPrefix}-duration-error`} message={errors.durationMinutes} />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-modality`}>Modality</label>
          <select
            id={`${idPrefix}-modality`}
            value={modality}
            onChange={(e) => change({ modality: e.target.value as Session['modality'] })}
          >
            {modalityIds.map((id) => (
              <option key={id} value={id}>
                {modalityLabels[id]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${idPrefix}-attendance`}>Attendance</label>
          <select
            id={`${idPrefix}-attendance`}
            value={attendance}
            onChange={(e) => change({ attendance: e.target.value as Session['attendance'] })}
          >
            {attendanceIds.map((id) => (
              <option key={id} value={id}>
                {attendanceLabels[id]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {errors._ && (
        <p role="alert" className="error">
          {errors._}
        </p>
      )}
      <div className="actions">
        <button type="submit">Save session</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            forget();
            onDone(null);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The ids of what describes a field, or undefined when nothing does. */
function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}
