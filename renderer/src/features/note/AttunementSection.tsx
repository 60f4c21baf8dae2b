import { memo, useCallback } from 'react';
import type { Attunement, DimensionEntry } from '../../../../shared/domain/attunementSchema';
import { coRegulationField, type DimensionId, dimensions } from '../../../../shared/domain/dimensions';
import { includableSectionLabels } from '../../../../shared/domain/templates';
import { TextAreaField } from '../../components/TextAreaField';
import { DimensionFieldset } from './DimensionFieldset';
import { errorUnder, type FieldErrors, type Updater } from './noteDraft';

export interface AttunementSectionProps {
  attunement: Attunement;
  coRegulation: string;
  readOnly: boolean;
  errors: FieldErrors;
  onChange: Updater<Attunement>;
  onCoRegulationChange: (text: string) => void;
}

/** The five attunement dimensions, then the optional co-regulation note. */
export const AttunementSection = memo(function AttunementSection({
  attunement,
  coRegulation,
  readOnly,
  errors,
  onChange,
  onCoRegulationChange,
}: AttunementSectionProps) {
  const setEntry = useCallback(
    (id: DimensionId, update: (entry: DimensionEntry) => DimensionEntry) =>
      onChange((current) => ({ ...current, [id]: update(current[id]) })),
    [onChange],
  );
  return (
    <section className="note-section card">
      <h2>{includableSectionLabels.attunement}</h2>
      <p className="muted">
        Rate each dimension from 1 to 5 (point at or tab to a number to see what it means for that dimension),
        or choose “Did not come up” or “Could not judge”; then note what you saw and how you responded.
      </p>
      {dimensions.map((dimension) => (
        <DimensionFieldset
          key={dimension.id}
          dimension={dimension}
          entry={attunement[dimension.id]}
          readOnly={readOnly}
          ratingError={errorUnder(errors, `attunement.${dimension.id}.rating`)}
          observationError={errorUnder(errors, `attunement.${dimension.id}.observation`)}
          responseError={errorUnder(errors, `attunement.${dimension.id}.response`)}
          onChange={setEntry}
        />
      ))}
      <TextAreaField
        label={`${coRegulationField.label} (optional)`}
        description={`${coRegulationField.description} (${coRegulationField.source})`}
        placeholder={coRegulationField.prompt}
        value={coRegulation}
        onChange={onCoRegulationChange}
        readOnly={readOnly}
        error={errors.coRegulation}
      />
    </section>
  );
});
