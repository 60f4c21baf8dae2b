import { type FormEvent, useId, useState } from 'react';
import type { SafetyPlan } from '../../../../shared/domain/riskSchema';
import { FieldError } from '../../components/FieldError';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { TextAreaField } from '../../components/TextAreaField';
import { call, messageOf } from '../../data/api';
import { unsavedForms } from '../../data/unsavedForms';
import { ContactListField, TextListField } from './PlanListFields';
import { formOf, inputOf, planErrors, planSections, type SafetyPlanForm } from './safetyPlanForm';

/** Names a client's safety plan form in `unsavedForms`: the panel opens the editor again when one is kept. */
export const safetyPlanFormKey = (clientId: string): string => `safety-plan:${clientId}`;

/** What is kept of an unsaved plan: the form, and the version of the plan it was begun from. */
interface KeptPlan {
  form: SafetyPlanForm;
  base: string | null;
}

/**
 * The safety plan form. What is typed stays in the form until it is saved: a refusal (invalid,
 * changed elsewhere, locked) shows its message and keeps every row. It is kept in memory too
 * (unsavedForms), so leaving the client or a lock (an idle one, mid-session) loses nothing; saved
 * later, it is checked against the version it was begun from, so a plan changed meanwhile is
 * refused rather than overwritten.
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
  const key = safetyPlanFormKey(clientId);
  const [opened] = useState<SafetyPlanForm>(() => formOf(plan));
  const [kept] = useState(() => unsavedForms.get<KeptPlan>(key));
  const base = kept ? kept.base : (plan?.updatedAt ?? null);
  const [form, setForm] = useState<SafetyPlanForm>(kept?.form ?? opened);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reviewedId = useId();
  const set =
    <K extends keyof SafetyPlanForm>(field: K) =>
    (value: SafetyPlanForm[K]) =>
      setForm((f) => {
        const next = { ...f, [field]: value };
        unsavedForms.keep<KeptPlan>(key, { form: next, base });
        return next;
      });

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = inputOf(form, clientId, base);
    const found = planErrors(input);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setError('Some parts need attention: see the messages below each.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await call('safetyPlans:save', input);
      unsavedForms.forget(key);
      onSaved(saved);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="safety-plan" onSubmit={save} noValidate aria-label="Safety plan">
      {kept && (
        <p role="status" className="notice">
          What you typed into the safety plan before is back. It is not saved yet.
        </p>
      )}
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
          onConfirm={() => {
            unsavedForms.forget(key);
            onCancel();
          }}
        />
      </div>
    </form>
  );
}
