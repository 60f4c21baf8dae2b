import { Plus } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SignerNameField, type SigningState } from '../../components/SignerNameField';
import { TextAreaField } from '../../components/TextAreaField';
import { useAddedRowFocus } from '../../components/useAddedRowFocus';
import { ApiError, call, messageOf } from '../../data/api';
import { useSettings } from '../../data/hooks';
import { errorList } from '../note/noteDraft';
import { saveStatusText } from '../note/saveStatusText';
import { GoalFields } from './GoalFields';
import { PlanDateField, removeAt, replaceAt } from './PlanInputs';
import { TextItemList } from './TextItemList';
import { usePlanDraft } from './usePlanDraft';

/**
 * The draft version of a client's plan: problems, goals with their objectives, interventions,
 * review date and notes, autosaved as typed; then signed (with a confirmation) or discarded.
 */
export function PlanEditor({
  plan,
  takeFocus = false,
  onSigned,
  onDiscarded,
}: {
  plan: TreatmentPlan;
  /** Move focus to the editor's heading (it was just opened from a button that is now gone). */
  takeFocus?: boolean;
  onSigned: (plan: TreatmentPlan) => void;
  onDiscarded: () => void;
}) {
  const draft = usePlanDraft(plan);
  const { content, setContent, errors } = draft;
  const settings = useSettings();
  const headingId = useId();
  const [signing, setSigning] = useState<SigningState | null>(null);
  const [signerName, setSignerName] = useState('');
  const [discardError, setDiscardError] = useState<string | null>(null);
  const nameKnown = Boolean(settings.clinicianName?.trim());
  const problems = errorList(errors);
  const heading = useRef<HTMLHeadingElement>(null);
  const goalFocus = useAddedRowFocus(content.goals.length, ':scope > fieldset.plan-goal');
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);

  async function confirmSign() {
    const name = signerName.trim();
    if (!nameKnown && !name) {
      setSigning({
        busy: false,
        error: null,
        nameMissing: { message: 'Enter your name as it should appear on the signed plan.' },
      });
      return;
    }
    setSigning({ busy: true, error: null });
    try {
      if (!nameKnown) await call('settings:update', { clinicianName: name });
      const signed = await draft.sign();
      setSigning(null);
      onSigned(signed);
    } catch (error) {
      // An ApiError carries main's words; the draft's own failure (not saved) says what to do.
      const message =
        !(error instanceof ApiError) && error instanceof Error ? error.message : messageOf(error);
      setSigning({ busy: false, error: message });
    }
  }

  async function discard() {
    try {
      await draft.discard();
      onDiscarded();
    } catch (error) {
      setDiscardError(messageOf(error));
    }
  }

  const failed = draft.status.kind === 'failed';
  return (
    <section className="plan-editor" aria-labelledby={headingId}>
      <div className="plan-head">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          {plan.version === 1 ? 'Draft plan' : `Draft revision, version ${plan.version}`}
        </h3>
        <span className="badge draft">Draft</span>
        <span className={failed ? 'plan-save error' : 'plan-save muted'} role="status">
          {saveStatusText(draft.status)}
        </span>
      </div>
      {draft.choosing && (
        <div className="banner warning" role="alert">
          <span className="banner-text">
            Changes made earlier could not be saved, and this draft was saved elsewhere since. Use them, or
            keep the saved draft?
          </span>
          <button type="button" onClick={draft.useHeld}>
            Use the unsaved changes
          </button>
          <button type="button" className="secondary" onClick={draft.keepSaved}>
            Keep the saved draft
          </button>
        </div>
      )}
      {problems.length > 0 && (
        <p className="field-error" id={`${headingId}-problems`}>
          {problems.length === 1 ? '1 field needs attention' : `${problems.length} fields need attention`}:
          marked below.
        </p>
      )}

      <div className="plan-part">
        <h4>Problems</h4>
        <TextItemList
          noun="Problem"
          path="problems"
          items={content.problems}
          errors={errors}
          max={50}
          onText={(i, text) =>
            setContent((c) => ({ ...c, problems: replaceAt(c.problems, i, (p) => ({ ...p, text })) }))
          }
          onRemove={(i) =>
            setContent((c) => {
              const removed = c.problems[i]?.id;
              return {
                ...c,
                problems: removeAt(c.problems, i),
                // A goal can only point at the plan's own problems.
                goals: c.goals.map((g) => ({
                  ...g,
                  problemIds: g.problemIds.filter((id) => id !== removed),
                })),
              };
            })
          }
          onAdd={() =>
            setContent((c) => ({ ...c, problems: [...c.problems, { id: crypto.randomUUID(), text: '' }] }))
          }
        />
      </div>

      <div className="plan-part">
        <h4>Goals</h4>
        {content.goals.length === 0 && <p className="muted small">A plan is signed for at least one goal.</p>}
        {content.goals.map((goal, i) => (
          <GoalFields
            key={goal.id}
            goal={goal}
            index={i}
            problems={content.problems}
            errors={errors}
            onChange={(update) => setContent((c) => ({ ...c, goals: replaceAt(c.goals, i, update) }))}
            onRemove={() => {
              goalFocus.removed();
              setContent((c) => ({ ...c, goals: removeAt(c.goals, i) }));
            }}
          />
        ))}
        <button
          type="button"
          className="secondary"
          ref={goalFocus.addButton}
          disabled={content.goals.length >= 50}
          onClick={() => {
            goalFocus.added();
            setContent((c) => ({
              ...c,
              goals: [
                ...c.goals,
                {
                  id: crypto.randomUUID(),
                  text: '',
                  problemIds: [],
                  objectives: [],
                  targetDate: null,
                  status: 'active',
                },
              ],
            }));
          }}
        >
          <Plus aria-hidden="true" size={14} /> Add goal
        </button>
      </div>

      <div className="plan-part">
        <h4>Interventions</h4>
        <TextItemList
          noun="Intervention"
          path="interventions"
          items={content.interventions}
          errors={errors}
          max={50}
          onText={(i, text) =>
            setContent((c) => ({
              ...c,
              interventions: replaceAt(c.interventions, i, (v) => ({ ...v, text })),
            }))
          }
          onRemove={(i) => setContent((c) => ({ ...c, interventions: removeAt(c.interventions, i) }))}
          onAdd={() =>
            setContent((c) => ({
              ...c,
              interventions: [...c.interventions, { id: crypto.randomUUID(), text: '', goalIds: [] }],
            }))
          }
        />
      </div>

      <div className="plan-part">
        <PlanDateField
          label="Review date"
          value={content.reviewDate}
          onChange={(reviewDate) => setContent((c) => ({ ...c, reviewDate }))}
          error={errors.reviewDate}
        />
        <TextAreaField
          label="Notes"
          description="Strengths, session frequency, anything else the plan needs."
          value={content.notes}
          onChange={(notes) => setContent((c) => ({ ...c, notes }))}
          error={errors.notes}
        />
      </div>

      <div className="actions plan-actions">
        <button type="button" onClick={() => setSigning({ busy: false, error: null })}>
          Sign plan
        </button>
        <ConfirmableButton
          label="Discard draft"
          needsConfirmation
          question={
            plan.version === 1
              ? 'Discard this draft plan and everything written in it?'
              : `Discard the draft of version ${plan.version}? The signed plan stays as it is.`
          }
          confirmLabel="Discard draft"
          keepLabel="Keep the draft"
          onConfirm={() => void discard()}
        />
      </div>
      {discardError && (
        <p role="alert" className="error">
          {discardError}
        </p>
      )}
      <ConfirmDialog
        open={signing !== null}
        title={`Sign version ${plan.version} of the treatment plan?`}
        confirmLabel="Sign plan"
        busy={signing?.busy}
        error={signing?.error}
        onConfirm={() => void confirmSign()}
        onCancel={() => setSigning(null)}
      >
        <p>
          Once signed, this version can’t be changed. To change the plan later, choose “Revise plan”: that
          starts a new version and keeps this one as it was signed.
        </p>
        {nameKnown ? (
          <p>It will be signed as {settings.clinicianName}.</p>
        ) : (
          <SignerNameField
            label="Your name, as it appears on signed records"
            value={signerName}
            onChange={setSignerName}
            missing={signing?.nameMissing ?? null}
          />
        )}
      </ConfirmDialog>
    </section>
  );
}
