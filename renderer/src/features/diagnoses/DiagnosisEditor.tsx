import { type FormEvent, useId, useState } from 'react';
import {
  type Diagnosis,
  diagnosisRankLabels,
  diagnosisStatusLabels,
} from '../../../../shared/domain/diagnosisSchema';
import { FieldError } from '../../components/FieldError';
import { FormFooter } from '../../components/FormFooter';
import { RadioGroup } from '../../components/RadioGroup';
import { TextAreaField } from '../../components/TextAreaField';
import { messageOf } from '../../data/api';
import { saveDiagnosis } from '../../data/diagnoses';
import { DiagnosisSearch } from './DiagnosisSearch';
import {
  type DiagnosisForm,
  type DiagnosisRank,
  type DiagnosisStatus,
  formErrors,
  hasEnded,
  inputOf,
} from './diagnosisForm';

const rankOptions = (['primary', 'secondary'] as const).map((value) => ({
  value,
  label: diagnosisRankLabels[value],
}));
const statuses = Object.keys(diagnosisStatusLabels) as DiagnosisStatus[];

/**
 * Adds or edits one diagnosis. What is typed stays in the form until it is saved: a refusal
 * (a second primary, a version saved elsewhere, the vault locked) shows its message and keeps it.
 */
export function DiagnosisEditor({
  clientId,
  editing,
  initial,
  onSaved,
  onCancel,
}: {
  clientId: string;
  /** The diagnosis edited; null for a new one. */
  editing: Diagnosis | null;
  initial: DiagnosisForm;
  onSaved: (diagnosis: Diagnosis) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const set =
    <K extends keyof DiagnosisForm>(key: K) =>
    (value: DiagnosisForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = inputOf(form, clientId, editing);
    const found = formErrors(input);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError('Some parts need attention: see the messages below each.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await saveDiagnosis(input));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const title = editing ? `Edit ${editing.code}` : 'Add a diagnosis';
  const dateField = (key: 'diagnosedOn' | 'endedOn', label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="date"
        value={form[key]}
        onChange={(e) => set(key)(e.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${id}-${key}-error` : undefined}
      />
      <FieldError id={`${id}-${key}-error`} message={errors[key]} />
    </div>
  );
  return (
    <form className="diagnosis-editor" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <DiagnosisSearch picked={form.picked} onPick={set('picked')} error={errors.code} />
      <div className="diagnosis-fields">
        <RadioGroup<DiagnosisRank>
          label="Rank"
          options={rankOptions}
          value={form.rank}
          onChange={set('rank')}
          error={errors.rank}
        />
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            value={form.status}
            onChange={(e) => set('status')(e.target.value as DiagnosisStatus)}
          >
            {statuses.map((status) => (
              <option key={status} value={status}>
                {diagnosisStatusLabels[status]}
              </option>
            ))}
          </select>
        </div>
        {dateField('diagnosedOn', 'Diagnosed on')}
        {hasEnded(form.status) && dateField('endedOn', `${diagnosisStatusLabels[form.status]} on`)}
      </div>
      <TextAreaField
        label="Comment (optional)"
        description="What supports it, or what is still to be assessed."
        value={form.comment}
        onChange={set('comment')}
        error={errors.comment}
      />
      <FormFooter
        error={error}
        busy={busy}
        submitLabel={editing ? 'Save diagnosis' : 'Add diagnosis'}
        busyLabel="Saving…"
        onCancel={onCancel}
      />
    </form>
  );
}
