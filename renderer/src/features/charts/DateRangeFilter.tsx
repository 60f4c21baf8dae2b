import { useId } from 'react';
import { isBackwards, presetRange, type RangeInput, rangePresets } from './dateRangeInput';

/** Two date inputs, "From" and "To", with quick presets; either end may be left empty (open). */
export function DateRangeFilter({
  value,
  onChange,
}: {
  value: RangeInput;
  onChange: (next: RangeInput) => void;
}) {
  const id = useId();
  const today = new Date();
  const backwards = isBackwards(value);
  return (
    <fieldset className="chart-range">
      <legend>Date range</legend>
      <label className="inline" htmlFor={`${id}-from`}>
        From
        <input
          id={`${id}-from`}
          type="date"
          value={value.from}
          max={value.to || undefined}
          onChange={(e) => onChange({ ...value, from: e.target.value })}
        />
      </label>
      <label className="inline" htmlFor={`${id}-to`}>
        To
        <input
          id={`${id}-to`}
          type="date"
          value={value.to}
          min={value.from || undefined}
          onChange={(e) => onChange({ ...value, to: e.target.value })}
        />
      </label>
      {rangePresets.map((preset) => {
        const range = presetRange(preset, today);
        const active = range.from === value.from && range.to === value.to;
        return (
          <button
            key={preset.label}
            type="button"
            className="secondary"
            aria-pressed={active}
            onClick={() => onChange(range)}
          >
            {preset.label}
          </button>
        );
      })}
      {/* Always there, so that a screen reader says the words when they come (a live region
          added with its text is often not announced). */}
      <p className={backwards ? 'notice chart-range-note' : 'chart-range-note'} role="status">
        {backwards ? 'The From date is after the To date, so no session falls in this range.' : ''}
      </p>
    </fieldset>
  );
}
