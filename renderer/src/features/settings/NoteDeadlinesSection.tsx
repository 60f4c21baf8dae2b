import { Clock } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { z } from 'zod';
import {
  DEFAULT_DRAFT_REMINDER_DAYS,
  DEFAULT_LATE_ENTRY_AFTER_HOURS,
  MAX_DRAFT_REMINDER_DAYS,
  MAX_LATE_ENTRY_AFTER_HOURS,
} from '../../../../shared/domain/lateEntry';
import { settingsSchema } from '../../../../shared/domain/settingsSchema';
import { FieldError, fieldErrors } from '../../components/FieldError';
import { Icon } from '../../components/Icon';
import { call, messageOf } from '../../data/api';
import { formatTime } from '../../format/dates';

/** What is checked and sent: the two limits, and nothing else (the rest of the settings stay). */
const limitsSchema = z.strictObject({
  lateEntryAfterHours: settingsSchema.shape.lateEntryAfterHours.unwrap(),
  draftReminderDays: settingsSchema.shape.draftReminderDays.unwrap(),
});

/**
 * When a note is overdue on Today, and when a signed note is labelled a late entry. Both are
 * worked out from the session's start whenever a note is shown, so changing them relabels every
 * note and rewrites none.
 */
export function NoteDeadlinesSection({ onSaved }: { onSaved?: (() => void) | undefined }) {
  // Kept as typed (text) until saved, so an out-of-range entry is shown back with its message.
  const [hours, setHours] = useState(String(DEFAULT_LATE_ENTRY_AFTER_HOURS));
  const [days, setDays] = useState(String(DEFAULT_DRAFT_REMINDER_DAYS));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    call('settings:get')
      .then((s) => {
        setHours(String(s.lateEntryAfterHours));
        setDays(String(s.draftReminderDays));
      })
      .catch((failure) => setErrors({ _: messageOf(failure) }));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = limitsSchema.safeParse({
      lateEntryAfterHours: hours.trim() === '' ? undefined : Number(hours),
      draftReminderDays: days.trim() === '' ? undefined : Number(days),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    try {
      await call('settings:update', parsed.data);
      setStatus(`Note deadlines saved at ${formatTime(new Date())}.`);
      onSaved?.();
    } catch (failure) {
      setErrors({ _: messageOf(failure) });
    }
  }

  return (
    <section className="card" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title" className="section-title">
        <Icon icon={Clock} /> Note deadlines
      </h2>
      <p className="muted">
        Today lists the notes still to finish; one not signed within the first limit is shown as overdue. A
        note signed after the second is labelled a late entry, with its signing date, on the note, in the
        client’s sessions and in printed records. Signed notes themselves are never changed.
      </p>
      <form onSubmit={submit} noValidate aria-labelledby="deadlines-title">
        <label htmlFor="draft-reminder-days">
          Overdue when unsigned this many days after the session (1–{MAX_DRAFT_REMINDER_DAYS})
        </label>
        <input
          id="draft-reminder-days"
          type="number"
          min={1}
          max={MAX_DRAFT_REMINDER_DAYS}
          value={days}
          aria-invalid={errors.draftReminderDays ? true : undefined}
          aria-describedby={errors.draftReminderDays ? 'draft-reminder-days-error' : undefined}
          onChange={(e) => setDays(e.target.value)}
        />
        <FieldError id="draft-reminder-days-error" message={errors.draftReminderDays} />
        <label htmlFor="late-entry-hours">
          Late entry when signed more than this many hours after the session began (1–
          {MAX_LATE_ENTRY_AFTER_HOURS})
        </label>
        <input
          id="late-entry-hours"
          type="number"
          min={1}
          max={MAX_LATE_ENTRY_AFTER_HOURS}
          value={hours}
          aria-invalid={errors.lateEntryAfterHours ? true : undefined}
          aria-describedby={
            errors.lateEntryAfterHours
              ? 'late-entry-hours-error late-entry-hours-help'
              : 'late-entry-hours-help'
          }
          onChange={(e) => setHours(e.target.value)}
        />
        <p id="late-entry-hours-help" className="field-description">
          {DEFAULT_LATE_ENTRY_AFTER_HOURS} hours by default: record reviewers commonly expect a note within 24
          to 48 hours of the session.
        </p>
        <FieldError id="late-entry-hours-error" message={errors.lateEntryAfterHours} />
        {errors._ && (
          <p role="alert" className="error">
            {errors._}
          </p>
        )}
        <button type="submit">Save note deadlines</button>
        <output aria-live="polite">{status}</output>
      </form>
    </section>
  );
}
