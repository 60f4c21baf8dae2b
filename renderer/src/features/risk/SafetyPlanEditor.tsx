import { type FormEvent, useId, useState } from 'react';
import type { SafetyPlan } from '../../../../shared/domain/riskSchema';
import { FieldError } from '../../components/FieldError';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { TextAreaField } from '../../components/TextAreaField';
import { call, messageOf } from '../../data/api';
import { ContactListField, TextListField } from './PlanListFields';
import { formOf, inputOf, planErrors, planSections, type SafetyPlanForm } from './safetyPlanForm';

/**
 * The safety plan form. What is typed stays in the form until it is saved: a refusal (invalid,
 * changed elsewhere, locked) shows its message and keeps every row.
 */
export function SafetyPlanEditor({
  clientId,
  plan,
  onSaved,
  onCancel,
}: {
  clientId: string;
  plan: SafetyPlan | null;
  onSaved: (plan: SafetyPlan) => void;
  onCancel: () => void;
}) {
  const [opened] = useState<SafetyPlanForm>(() => formOf(plan));
  const [form, setForm] = useState<SafetyPlanForm>(opened);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reviewedId = useId();
  const set =
    <K extends keyof SafetyPlanForm>(key: K) =>
    (value: SafetyPlanForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = inputOf(form, clientId, plan?.updatedAt ?? null);
    const found = planErrors(input);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError('Some parts need attention: see the messages below each.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await call('safetyPlans:save', input));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="safety-plan" onSubmit={save} noValidate aria-label="Safety plan">
      {planSections.map((section) => {
        switch (section.kind) {
          case 'text':
            return (
              <TextListField
                key={section.key}
                title={section.title}
                help={section.help}
                item={section.item}
                rows={form[section.key]}
                onChange={set(section.key)}
                error={errors[section.key]}
              />
            );
          case 'contacts':
            return (
              <ContactListField
                key={section.key}
                title={section.title}
                help={section.help}
                item={section.item}
                rows={form[section.key]}
                onChange={set(section.key)}
                error={errors[section.key]}
              />
            );
          default:
            return (
              <TextAreaField
                key={section.key}
                label={section.title}
                description={section.help}
                value={form.safeEnvironment}
                onChange={set('safeEnvironment')}
                error={errors.safeEnvironment}
              />
            );
        }
      })}
      <div className="field reviewed">
        <label htmlFor={reviewedId}>Reviewed with the client on</label>
        <input
          id={reviewedId}
          type="date"
          value={form.reviewedOn}
          onChange={(e) => set('reviewedOn')(e.target.value)}
          aria-invalid={errors.reviewedOn ? true : undefined}
          aria-describedby={errors.reviewedOn ? `${reviewedId}-error` : undefined}
        />
        <FieldError id={`${reviewedId}-error`} message={errors.reviewedOn} />
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save safety plan'}
        </button>
        {/* Cancel asks first once something was changed: nothing typed is dropped by one click. */}
        <ConfirmableButton
          label="Cancel"
          needsConfirmation={form !== opened}
          question="Discard the changes to the safety plan?"
          confirmLabel="Discard changes"
          keepLabel="Keep editing"
          onConfirm={onCancel}
        />
      </div>
    </form>
  );
}
