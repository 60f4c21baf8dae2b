import { memo, useCallback, useMemo, useState } from 'react';
import { emptyRupture, type Rupture, type SessionJudgments } from '../../../../shared/domain/ruptureSchema';
import type { RuptureVocabulary } from '../../../../shared/domain/ruptures';
import { inClientRecordNotice, ownReactionsElsewhere } from '../../../../shared/domain/selfObservation';
import { includableSectionLabels } from '../../../../shared/domain/templates';
import { RadioGroup } from '../../components/RadioGroup';
import type { FieldErrors, Updater } from './noteDraft';
import { RuptureFieldset } from './RuptureFieldset';
import { type Score, scoreOptions } from './ruptureOptions';
import { isRuptureComplete } from './ruptureSummary';

const contributionOptions = scoreOptions('Very little', 'A great deal');
const resolutionOptions = scoreOptions('Not at all resolved', 'Fully resolved');

export interface RupturesSectionProps {
  ruptures: readonly Rupture[];
  judgments: SessionJudgments;
  vocabulary: RuptureVocabulary;
  readOnly: boolean;
  errors: FieldErrors;
  /** The session's duration in minutes, once known. */
  sessionMinutes: number | undefined;
  onChange: Updater<Rupture[]>;
  onJudgmentsChange: Updater<SessionJudgments>;
}

/** Any number of ruptures with their repairs, then the session-level judgments. */
export const RupturesSection = memo(function RupturesSection({
  ruptures,
  judgments,
  vocabulary,
  readOnly,
  errors,
  sessionMinutes,
  onChange,
  onJudgmentsChange,
}: RupturesSectionProps) {
  const [addedId, setAddedId] = useState<string | null>(null);
  // Ruptures complete when the note opens start as their one-line summary; the writer collapses
  // others when done. Only the view changes: every rupture stays in the draft, text and all.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(
    () => new Set(ruptures.filter(isRuptureComplete).map((r) => r.id)),
  );
  const setCollapsedOf = useCallback(
    (id: string, on: boolean) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const add = useCallback(() => {
    const rupture = emptyRupture(crypto.randomUUID(), 'withdrawal');
    setAddedId(rupture.id);
    onChange((list) => [...list, rupture]);
  }, [onChange]);
  const update = useCallback(
    (id: string, fn: (rupture: Rupture) => Rupture) =>
      onChange((list) => list.map((r) => (r.id === id ? fn(r) : r))),
    [onChange],
  );
  const remove = useCallback((id: string) => onChange((list) => list.filter((r) => r.id !== id)), [onChange]);
  const judgmentSetters = useMemo(
    () => ({
      therapistContribution: (value: Score | null) =>
        onJudgmentsChange((j) => ({ ...j, therapistContribution: value })),
      overallResolution: (value: Score | null) =>
        onJudgmentsChange((j) => ({ ...j, overallResolution: value })),
    }),
    [onJudgmentsChange],
  );

  return (
    <section className="note-section card">
      <h2>{includableSectionLabels.ruptures}</h2>
      <p className="muted">
        A rupture is a strain in the working alliance: the client moving away (withdrawal) or against
        (confrontation). Record each one and how it was repaired.
      </p>
      {ruptures.length === 0 && <p>No ruptures recorded for this session.</p>}
      {ruptures.map((rupture, index) => (
        <RuptureFieldset
          key={rupture.id}
          rupture={rupture}
          index={index}
          vocabulary={vocabulary}
          readOnly={readOnly}
          errors={errors}
          sessionMinutes={sessionMinutes}
          focusOnMount={rupture.id === addedId}
          collapsed={collapsed.has(rupture.id)}
          onCollapsedChange={setCollapsedOf}
          onChange={update}
          onRemove={remove}
        />
      ))}
      {errors.ruptures && (
        <p role="alert" className="field-error">
          {errors.ruptures}
        </p>
      )}
      {!readOnly && (
        <button type="button" onClick={add}>
          Add rupture
        </button>
      )}
      <h3>Session judgments</h3>
      <RadioGroup
        label="Therapist contribution to ruptures"
        description={`How much your own part contributed to the ruptures in this session. ${inClientRecordNotice} ${ownReactionsElsewhere}`}
        options={contributionOptions}
        value={judgments.therapistContribution as Score | null}
        onChange={judgmentSetters.therapistContribution}
        disabled={readOnly}
        error={errors['sessionJudgments.therapistContribution']}
      />
      <RadioGroup
        label="Overall resolution"
        description="How far the ruptures in this session were resolved, taken together."
        options={resolutionOptions}
        value={judgments.overallResolution as Score | null}
        onChange={judgmentSetters.overallResolution}
        disabled={readOnly}
        error={errors['sessionJudgments.overallResolution']}
      />
    </section>
  );
});
