import { memo, useCallback, useId } from 'react';
import { TextAreaField } from '../../components/TextAreaField';

export interface TextSectionProps {
  /** Key passed back with each change (a template section id, or "plan"). */
  sectionKey: string;
  heading: string;
  prompt: string;
  value: string;
  readOnly: boolean;
  error?: string;
  onChange: (sectionKey: string, value: string) => void;
}

/** A card holding one free-text section, its textarea named by the section heading. */
export const TextSection = memo(function TextSection({
  sectionKey,
  heading,
  prompt,
  value,
  readOnly,
  error,
  onChange,
}: TextSectionProps) {
  const id = useId();
  const handleChange = useCallback((text: string) => onChange(sectionKey, text), [onChange, sectionKey]);
  return (
    <section className="note-section card">
      <h2 id={id}>{heading}</h2>
      <TextAreaField
        labelledBy={id}
        description={prompt || undefined}
        value={value}
        onChange={handleChange}
        readOnly={readOnly}
        error={error}
        className="long-text"
      />
    </section>
  );
});
