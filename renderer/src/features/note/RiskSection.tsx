import { memo, useCallback, useId, useMemo, useRef } from 'react';
import {
  actionRequiredLevels,
  emptyRiskAssessment,
  ideationLabels,
  ideationLevels,
  type RiskAssessment,
  riskAnswerLabels,
  riskAnswers,
  type RiskLevel,
  riskLevelLabels,
  riskLevels,
  riskSigningProblems,
} from '../../../../shared/domain/riskSchema';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { RadioGroup } from '../../components/RadioGroup';
import { TextAreaField } from '../../components/TextAreaField';
import { RiskSummary } from '../risk/RiskSummary';
import { errorUnder, type FieldErrors, type Updater } from './noteDraft';
import '../risk/risk.css';

/** The heading of the section, as the outline names it. */
export const riskSectionLabel = 'Risk assessment';

const ideationOptions = ideationLevels.map((value) => ({ value, label: ideationLabels[value] }));
const answerOptions = riskAnswers.map((value) => ({ value, label: riskAnswerLabels[value] }));
const levelOptions = riskLevels.map((value) => ({ value, label: riskLevelLabels[value] }));

type Answer = (typeof riskAnswers)[number];

export interface RiskSectionProps {
  /** Null while the note has no risk section. */
  value: RiskAssessment | null;
  readOnly: boolean;
  errors: FieldErrors;
  onChange: Updater<RiskAssessment | null>;
}

/**
 * The note's optional risk assessment: ideation, intent, plan and access to means, other risks,
 * protective factors, the level judged and the actions taken. A draft may leave answers open;
 * what signing still needs is listed under the section (main refuses to sign without it).
 */
export const RiskSection = memo(function RiskSection({
  value,
  readOnly,
  errors,
  onChange,
}: RiskSectionProps) {
  const headingId = useId();
  const section = useRef<HTMLElement>(null);
  const add = useCallback(() => {
    onChange(() => emptyRiskAssessment());
    // Focus the first question once it is drawn.
    requestAnimationFrame(() => section.current?.querySelector<HTMLInputElement>('input')?.focus());
  }, [onChange]);
  const set = useMemo(() => {
    const field =
      <K extends keyof RiskAssessment>(key: K) =>
      (next: RiskAssessment[K]) =>
        onChange((r) => ({ ...(r ?? emptyRiskAssessment()), [key]: next }));
    return {
      ideation: field('ideation'),
      intent: field('intent') as (v: Answer | null) => void,
      plan: field('plan') as (v: Answer | null) => void,
      means: field('means') as (v: Answer | null) => void,
      otherRisks: field('otherRisks'),
      protectiveFactors: field('protectiveFactors'),
      level: field('level') as (v: RiskLevel | null) => void,
      actionsTaken: field('actionsTaken'),
    };
  }, [onChange]);

  if (value === null) {
    if (readOnly) return null;
    return (
      <section className="note-section card risk-section" aria-labelledby={headingId} ref={section}>
        <h2 id={headingId}>{riskSectionLabel}</h2>
        <p className="muted">Optional: record suicide and harm risk when it was assessed this session.</p>
        <button type="button" className="secondary" onClick={add}>
          Add a risk assessment
        </button>
      </section>
    );
  }
  if (readOnly) {
    return (
      <section className="note-section card risk-section" aria-labelledby={headingId}>
        <h2 id={headingId}>{riskSectionLabel}</h2>
        <RiskSummary risk={value} />
      </section>
    );
  }
  const problems = riskSigningProblems(value);
  const actionsNeeded = problems.find((p) => p.field === 'actionsTaken');
  const filled = Object.values(value).some((v) => v !== null && v !== '');
  return (
    <section className="note-section card risk-section" aria-labelledby={headingId} ref={section}>
      <h2 id={headingId}>{riskSectionLabel}</h2>
      <div className="risk-questions">
        <RadioGroup
          label="Suicidal ideation"
          options={ideationOptions}
          value={value.ideation}
          onChange={set.ideation}
          error={errorUnder(errors, 'risk.ideation')}
          layout="list"
        />
        <RadioGroup
          label="Intent"
          options={answerOptions}
          value={value.intent}
          onChange={set.intent}
          error={errorUnder(errors, 'risk.intent')}
        />
        <RadioGroup
          label="Plan"
          options={answerOptions}
          value={value.plan}
          onChange={set.plan}
          error={errorUnder(errors, 'risk.plan')}
        />
        <RadioGroup
          label="Access to means"
          description="Firearms, a stock of medication, or another means at hand."
          options={answerOptions}
          value={value.means}
          onChange={set.means}
          error={errorUnder(errors, 'risk.means')}
        />
        <TextAreaField
          label="Other risks"
          description="Self-harm, harm to others, or risk from others, in words."
          value={value.otherRisks}
          onChange={set.otherRisks}
          error={errorUnder(errors, 'risk.otherRisks')}
        />
        <TextAreaField
          label="Protective factors"
          value={value.protectiveFactors}
          onChange={set.protectiveFactors}
          error={errorUnder(errors, 'risk.protectiveFactors')}
        />
        <RadioGroup
          label="Risk level"
          description="Your overall judgment. Moderate and above marks the client and reminds you at the next session."
          options={levelOptions}
          value={value.level}
          onChange={set.level}
          error={errorUnder(errors, 'risk.level')}
        />
        <TextAreaField
          label="Actions taken"
          description={
            value.level && actionRequiredLevels.has(value.level)
              ? 'Required at this level before signing: what you did (safety plan reviewed, crisis line given, emergency contact called…).'
              : 'What you did about the risk, if anything.'
          }
          value={value.actionsTaken}
          onChange={set.actionsTaken}
          error={errorUnder(errors, 'risk.actionsTaken') ?? actionsNeeded?.message}
        />
      </div>
      {problems.length > 0 && !actionsNeeded && (
        <p className="muted">
          Before signing:{' '}
          {problems.map((p) => p.message.replace(/^Risk assessment: | before signing\.$/g, '')).join('; ')}.
        </p>
      )}
      <div className="risk-actions-row">
        <ConfirmableButton
          label="Remove risk assessment"
          needsConfirmation={filled}
          question="Remove the risk assessment and everything entered in it?"
          confirmLabel="Remove"
          keepLabel="Keep"
          onConfirm={() => onChange(() => null)}
        />
      </div>
    </section>
  );
});
