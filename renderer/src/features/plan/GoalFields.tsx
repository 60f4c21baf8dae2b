import { Plus, X } from 'lucide-react';
import { useId } from 'react';
import { goalStatusLabels, type PlanGoal } from '../../../../shared/domain/treatmentPlanSchema';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { useAddedRowFocus } from '../../components/useAddedRowFocus';
import { errorUnder, type FieldErrors } from '../note/noteDraft';
import { PlanDateField, PlanTextField, removeAt, replaceAt } from './PlanInputs';

/**
 * One goal of the draft: its words, status, target date, the problems it addresses, and its
 * measurable objectives (what will be seen, how it is measured, by when).
 */
export function GoalFields({
  goal,
  index,
  problems,
  errors,
  onChange,
  onRemove,
}: {
  goal: PlanGoal;
  index: number;
  /** The draft's problems, to tie the goal to (label: the problem's words). */
  problems: ReadonlyArray<{ id: string; text: string }>;
  /** Messages under `goals.<index>`. */
  errors: FieldErrors;
  onChange: (update: (goal: PlanGoal) => PlanGoal) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const at = `goals.${index}`;
  const statusId = useId();
  const hasWords = goal.text.trim() !== '' || goal.objectives.length > 0;
  const objectiveFocus = useAddedRowFocus(goal.objectives.length, ':scope > fieldset.plan-objective');
  return (
    <fieldset className="plan-goal">
      <legend>Goal {n}</legend>
      <PlanTextField
        label="Goal"
        description={index === 0 ? 'In the client’s words where possible.' : undefined}
        value={goal.text}
        onChange={(text) => onChange((g) => ({ ...g, text }))}
        error={errors[`${at}.text`]}
        className="plan-wide"
      />
      <div className="plan-row">
        <div className="field">
          <label htmlFor={statusId}>Status</label>
          <select
            id={statusId}
            value={goal.status}
            onChange={(event) =>
              onChange((g) => ({ ...g, status: event.target.value as PlanGoal['status'] }))
            }
          >
            {Object.entries(goalStatusLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <PlanDateField
          label="Target date"
          optional
          value={goal.targetDate}
          onChange={(date) => onChange((g) => ({ ...g, targetDate: date || null }))}
          error={errors[`${at}.targetDate`]}
        />
      </div>
      {problems.length > 0 && (
        <CheckboxGroup
          label="Problems it addresses"
          layout="list"
          options={problems.map((p, i) => ({ value: p.id, label: p.text.trim() || `Problem ${i + 1}` }))}
          selected={goal.problemIds}
          onChange={(problemIds) => onChange((g) => ({ ...g, problemIds }))}
          error={errorUnder(errors, `${at}.problemIds`)}
        />
      )}
      <div className="plan-objectives">
        <h5>Objectives</h5>
        {goal.objectives.length === 0 && (
          <p className="muted small">What will show progress on this goal, how it is measured, by when.</p>
        )}
        {goal.objectives.map((objective, o) => {
          const where = `${at}.objectives.${o}`;
          const update = (patch: Partial<typeof objective>) =>
            onChange((g) => ({
              ...g,
              objectives: replaceAt(g.objectives, o, (ob) => ({ ...ob, ...patch })),
            }));
          return (
            <fieldset className="plan-objective" key={objective.id}>
              <legend>
                Objective {o + 1} of goal {n}
              </legend>
              <PlanTextField
                label="Objective"
                value={objective.text}
                onChange={(text) => update({ text })}
                error={errors[`${where}.text`]}
                className="plan-wide"
              />
              <div className="plan-row">
                <PlanTextField
                  label="How it is measured"
                  value={objective.measure}
                  onChange={(measure) => update({ measure })}
                  error={errors[`${where}.measure`]}
                  className="plan-measure"
                />
                <PlanDateField
                  label="Target date"
                  optional
                  value={objective.targetDate}
                  onChange={(date) => update({ targetDate: date || null })}
                  error={errors[`${where}.targetDate`]}
                />
                <button
                  type="button"
                  className="link plan-remove"
                  aria-label={`Remove objective ${o + 1} of goal ${n}`}
                  onClick={() => {
                    objectiveFocus.removed();
                    onChange((g) => ({ ...g, objectives: removeAt(g.objectives, o) }));
                  }}
                >
                  <X aria-hidden="true" size={14} /> Remove
                </button>
              </div>
            </fieldset>
          );
        })}
        {errors[`${at}.objectives`] && <p className="field-error">{errors[`${at}.objectives`]}</p>}
        <button
          type="button"
          className="secondary"
          ref={objectiveFocus.addButton}
          disabled={goal.objectives.length >= 20}
          onClick={() => {
            objectiveFocus.added();
            onChange((g) => ({
              ...g,
              objectives: [
                ...g.objectives,
                { id: crypto.randomUUID(), text: '', measure: '', targetDate: null },
              ],
            }));
          }}
        >
          <Plus aria-hidden="true" size={14} /> Add objective to goal {n}
        </button>
      </div>
      <ConfirmableButton
        label={`Remove goal ${n}`}
        needsConfirmation={hasWords}
        question={`Remove goal ${n} and its objectives from this draft?`}
        confirmLabel={`Remove goal ${n}`}
        keepLabel="Keep it"
        onConfirm={onRemove}
      />
    </fieldset>
  );
}
