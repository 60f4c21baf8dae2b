import { memo, useId } from 'react';
import type { MeasureItem } from '../../../../shared/measures/instrument';
import { NumberField } from '../../components/NumberField';

export interface MeasureItemFieldProps {
  /** 1-based position, printed before the wording. */
  number: number;
  item: MeasureItem;
  value: number | null;
  onChange: (itemId: string, value: number | null) => void;
  error?: string;
}

/**
 * One item: labelled choices as a radio group named by the item's wording (PHQ-9, GAD-7), or a
 * 0–10 line as a number field (the outcome rating, tenths allowed as on the paper line).
 */
export const MeasureItemField = memo(function MeasureItemField({
  number,
  item,
  value,
  onChange,
  error,
}: MeasureItemFieldProps) {
  const id = useId();
  const { scale } = item;
  const label = item.scored ? `${number}. ${item.text}` : item.text;
  if (scale.kind === 'line') {
    return (
      <NumberField
        className="measure-line"
        label={label}
        description={`0 (${scale.lowLabel.toLowerCase()}) to ${scale.max} (${scale.highLabel.toLowerCase()}), one decimal allowed.`}
        value={value}
        onChange={(next) => onChange(item.id, next)}
        min={scale.min}
        max={scale.max}
        step={scale.step}
        error={error}
      />
    );
  }
  return (
    <fieldset className="measure-item" aria-invalid={error ? true : undefined}>
      <legend>{label}</legend>
      <div className="measure-choices">
        {scale.choices.map((choice) => (
          <label key={choice.value} className="measure-choice">
            <input
              type="radio"
              name={id}
              checked={value === choice.value}
              onChange={() => onChange(item.id, choice.value)}
            />
            {choice.label} <span className="muted">({choice.value})</span>
          </label>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
});
