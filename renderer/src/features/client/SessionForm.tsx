import { type FormEvent, useState } from 'react';
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
import { formatDate, isoLocalDateTime } from '../../format/dates';

/** Each checked field's input, by the name its errors carry, in the form's order. */
const fieldIds = { startsAt: 'session-start', durationMinutes: 'session-duration' } as const;

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

/**
 * Records a session for a client. What is typed is kept (unsavedForms.ts) when the screen is
 * left or the vault locks, until it is saved or cancelled: the client's page opens the form again.
 */
export function SessionForm({
  clientId,
  onDone,
}: {
  clientId: string;
  onDone: (session: Session | null) => void;
}) {
  const [fields, change, forget] = useUnsavedForm(sessionFormKey(clientId), () => ({
    startsAt: isoLocalDateTime(new Date()),
    duration: '50',
    modality: 'in-person' as Session['modality'],
    attendance: 'attended' as Session['attendance'],
  }));
  const { startsAt, duration, modality, attendance } = fields;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useFocusOnOpen<HTMLFormElement>();
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
      const session = await call('sessions:create', parsed.data);
      putSession(session);
      forget();
      onDone(session);
    } catch (failure) {
      setErrors({ _: messageOf(failure) });
    }
  }

  return (
    <form ref={form} className="card" onSubmit={submit} aria-label="New session" noValidate>
      <h2>New session</h2>
      <div className="grid2">
        <div>
          <label htmlFor="session-start">Date and time</label>
          <input
            id="session-start"
            type="datetime-local"
            value={startsAt}
            onChange={(e) => change({ startsAt: e.target.value })}
            aria-invalid={Boolean(errors.startsAt)}
            aria-describedby={describedBy(
              early && 'session-start-early',
              errors.startsAt && 'session-start-error',
            )}
          />
          {early && (
            <p id="session-start-early" className="muted small">
              This is before {early.code}’s start date ({formatDate(early.startDate)}). Check the date, or
              change the client’s start date.
            </p>
          )}
          <FieldError id="session-start-error" message={errors.startsAt} />
        </div>
        <div>
          <label htmlFor="session-duration">Duration (minutes)</label>
          <input
            id="session-duration"
            type="number"
            min={1}
            max={600}
            value={duration}
            onChange={(e) => change({ duration: e.target.value })}
            aria-invalid={Boolean(errors.durationMinutes)}
            aria-describedby={errors.durationMinutes ? 'session-duration-error' : undefined}
          />
          <FieldError id="session-duration-error" message={errors.durationMinutes} />
        </div>
        <div>
          <label htmlFor="session-modality">Modality</label>
          <select
            id="session-modality"
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
          <label htmlFor="session-attendance">Attendance</label>
          <select
            id="session-attendance"
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
