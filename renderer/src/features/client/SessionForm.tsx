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
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { call, messageOf } from '../../data/api';
import { useClient } from '../../data/hooks';
import { putSession } from '../../data/summaryIndex';
import { formatDate, isoLocalDateTime } from '../../format/dates';

/** Records a session for a client. */
export function SessionForm({
  clientId,
  onDone,
}: {
  clientId: string;
  onDone: (session: Session | null) => void;
}) {
  const [startsAt, setStartsAt] = useState(() => isoLocalDateTime(new Date()));
  const [duration, setDuration] = useState('50');
  const [modality, setModality] = useState<Session['modality']>('in-person');
  const [attendance, setAttendance] = useState<Session['attendance']>('attended');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useFocusOnOpen<HTMLFormElement>();
  const client = useClient(clientId);
  // A session before the client's first day is allowed (a start date set late) but said: it is
  // more often a mistyped year.
  const early = client && startsAt.slice(0, 10) < client.startDate ? client : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const when = new Date(startsAt);
    const input = {
      clientId,
      startsAt: Number.isNaN(when.getTime()) ? '' : when.toISOString(),
      durationMinutes: Number(duration),
      modality,
      attendance,
    };
    const parsed = sessionInput.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    try {
      const session = await call('sessions:create', parsed.data);
      putSession(session);
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
            onChange={(e) => setStartsAt(e.target.value)}
            aria-describedby={early ? 'session-start-early' : undefined}
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
            onChange={(e) => setDuration(e.target.value)}
          />
          <FieldError id="session-duration-error" message={errors.durationMinutes} />
        </div>
        <div>
          <label htmlFor="session-modality">Modality</label>
          <select
            id="session-modality"
            value={modality}
            onChange={(e) => setModality(e.target.value as Session['modality'])}
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
            onChange={(e) => setAttendance(e.target.value as Session['attendance'])}
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
        <button type="button" className="secondary" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
