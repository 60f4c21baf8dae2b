import { memo, useCallback, useId } from 'react';
import type { DimensionEntry } from '../../../../shared/domain/attunementSchema';
import {
  type Dimension,
  type DimensionId,
  notObservedLabel,
  type RatingValue,
  ratingAnchors,
} from '../../../../shared/domain/dimensions';
import { RadioGroup, type RadioOption } from '../../components/RadioGroup';
import { TextAreaField } from '../../components/TextAreaField';

const ratingOptions: readonly RadioOption<RatingValue | null>[] = [
  ...ratingAnchors.map((anchor) => ({
    value: anchor.value,
    label: (
      <>
        <span className="choice-number">{anchor.value}</span> {anchor.label}
      </>
    ),
    description: anchor.description,
  })),
  { value: null, label: notObservedLabel, description: 'Could not be judged in this session.' },
];

export interface DimensionFieldsetProps {
  dimension: Dimension;
  entry: DimensionEntry;
  readOnly: boolean;
  ratingError?: string;
  observationError?: string;
  responseError?: string;
  onChange: (id: DimensionId, update: (entry: DimensionEntry) => DimensionEntry) => void;
}

/**
 * One dimension: its rating as a radio group named by the dimension's label, with the anchors
 * beside the choices, then what was observed and how the therapist responded.
 */
export const DimensionFieldset = memo(function DimensionFieldset({
  dimension,
  entry,
  readOnly,
  ratingError,
  observationError,
  responseError,
  onChange,
}: DimensionFieldsetProps) {
  const id = useId();
  const promptId = `${id}-prompt`;
  const { id: dimensionId } = dimension;
  const setRating = useCallback(
    (rating: RatingValue | null) => onChange(dimensionId, (e) => ({ ...e, rating })),
    [onChange, dimensionId],
  );
  const setObservation = useCallback(
    (observation: string) => onChange(dimensionId, (e) => ({ ...e, observation })),
    [onChange, dimensionId],
  );
  const setResponse = useCallback(
    (response: string) => onChange(dimensionId, (e) => ({ ...e, response })),
    [onChange, dimensionId],
  );
  return (
    <div className="dimension">
      <RadioGroup
        label={dimension.label}
        heading="h3"
        description={
          <>
            <p className="muted">
              {dimension.description} <span className="source">({dimension.source})</span>
            </p>
            <p id={promptId} className="prompt">
              {dimension.prompt}
            </p>
          </>
        }
        options={ratingOptions}
        value={entry.rating as RatingValue | null}
        onChange={setRating}
        disabled={readOnly}
        error={ratingError}
        layout="cards"
      />
      <div className="grid2">
        <TextAreaField
          label={`${dimension.label} — observation`}
          describedBy={promptId}
          placeholder={dimension.observationPrompt}
          value={entry.observation}
          onChange={setObservation}
          readOnly={readOnly}
          error={observationError}
        />
        <TextAreaField
          label={`${dimension.label} — your response`}
          describedBy={promptId}
          placeholder={dimension.responsePrompt}
          value={entry.response}
          onChange={setResponse}
          readOnly={readOnly}
          error={responseError}
        />
      </div>
    </div>
  );
});
