import { type FormEvent, useEffect, useState } from 'react';
import { practiceHeaderSchema } from '../../../../shared/domain/settingsSchema';
import { FieldError, fieldErrors } from '../../components/FieldError';
import { call, messageOf } from '../../data/api';
import { formatTime } from '../../format/dates';
import { Building2 } from 'lucide-react';
import { Icon } from '../../components/Icon';

/** The practice header printed at the top of every record PDF: a name and address or contact lines. */
export function PracticeSection() {
  const [name, setName] = useState('');
  const [details, setDetails] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    call('settings:get')
      .then((s) => {
        setName(s.practiceHeader.name);
        setDetails(s.practiceHeader.details);
      })
      .catch((failure) => setErrors({ _: messageOf(failure) }));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = practiceHeaderSchema.safeParse({ name, details });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues));
    setErrors({});
    try {
      await call('settings:update', { practiceHeader: parsed.data });
      setStatus(`Practice details saved at ${formatTime(new Date())}.`);
    } catch (failure) {
      setErrors({ _: messageOf(failure) });
    }
  }

  return (
    <section className="card" aria-labelledby="practice-title">
      <h2 id="practice-title" className="section-title">
        <Icon icon={Building2} /> Practice details on printed records
      </h2>
      <p className="muted">
        Printed at the top of a note or client record saved as PDF. Leave empty to print none.
      </p>
      <form onSubmit={submit} noValidate aria-labelledby="practice-title">
        <label htmlFor="practice-name">Practice name</label>
        <input
          id="practice-name"
          type="text"
          maxLength={200}
          value={name}
          aria-describedby={errors.name ? 'practice-name-error' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <FieldError id="practice-name-error" message={errors.name} />
        <label htmlFor="practice-details">Address and contact lines (one per line, up to 8)</label>
        <textarea
          id="practice-details"
          rows={4}
          value={details}
          aria-describedby={errors.details ? 'practice-details-error' : undefined}
          onChange={(e) => setDetails(e.target.value)}
        />
        <FieldError id="practice-details-error" message={errors.details} />
        {errors._ && (
          <p role="alert" className="error">
            {errors._}
          </p>
        )}
        <button type="submit">Save practice details</button>
        <output aria-live="polite">{status}</output>
      </form>
    </section>
  );
}
