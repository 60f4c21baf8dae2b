import { memo, useCallback, useId } from 'react';
import type { DimensionEntry } from '../../../../shared/domain/attunementSchema';
import type { Dimension, DimensionId, RatingValue } from '../../../../shared/domain/dimensions';
import { TextAreaField } from '../../components/TextAreaField';
import { anchorsFor } from './ratingAnchors';
import { type RatingChoice, RatingRow } from './RatingRow';

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
 * One dimension: its rating as a compact row named by the dimension's label (the anchors one
 * hover or focus away), what it is and the question to answer, then what was observed and how
 * the therapist responded.
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
  const aboutId = `${id}-about`;
  const { id: dimensionId } = dimension;
  const setRating = useCallback(
    (choice: RatingChoice) =>
      onChange(dimensionId, (e) =>
        typeof choice === 'number'
          ? { ...e, rating: choice, unrated: null }
          : { ...e, rating: null, unrated: choice },
      ),
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
      <RatingRow
        label={dimension.label}
        describedBy={`${aboutId} ${promptId}`}
        anchors={anchorsFor(dimension)}
        value={(entry.rating as RatingValue | null) ?? entry.unrated ?? 'could-not-judge'}
        onChange={setRating}
        disabled={readOnly}
        error={ratingError}
      />
      <p id={aboutId} className="dimension-about">
        {dimension.description} <span className="source">({dimension.source})</span>
      </p>
      <p id={promptId} className="prompt">
        {dimension.prompt}
      </p>
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
