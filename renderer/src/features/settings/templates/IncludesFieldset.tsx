import {
  includableSectionIds,
  includableSectionLabels,
  type TemplateIncludes,
} from '../../../../../shared/domain/templates';

/** The checkboxes for which Attune sections a template carries (new and edited templates alike). */
export function IncludesFieldset({
  includes,
  onChange,
}: {
  includes: TemplateIncludes;
  onChange: (includes: TemplateIncludes) => void;
}) {
  return (
    <fieldset>
      <legend>Attune sections to include</legend>
      {includableSectionIds.map((part) => (
        <label key={part} className="check">
          <input
            type="checkbox"
            checked={includes[part]}
            onChange={(e) => onChange({ ...includes, [part]: e.target.checked })}
          />
          {includableSectionLabels[part]}
        </label>
      ))}
    </fieldset>
  );
}
