import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useId } from 'react';
import type { TemplateSection } from '../../../../../shared/domain/templates';

/** A section id that no note has text under yet: "own-" and 8 random letters and digits. */
export function newSectionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `own-${Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('')}`;
}

/**
 * A template's own sections, each a heading and a prompt: add, rename, reorder, remove. A
 * section keeps its id when renamed or moved, so notes already written keep their text in it.
 */
export function SectionsEditor({
  sections,
  onChange,
}: {
  sections: TemplateSection[];
  onChange: (next: TemplateSection[]) => void;
}) {
  const id = useId();
  const change = (index: number, patch: Partial<TemplateSection>) =>
    onChange(sections.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...sections];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };
  return (
    <fieldset className="template-sections">
      <legend>Sections</legend>
      <ol>
        {sections.map((section, index) => {
          const heading = section.label.trim() || `Section ${index + 1}`;
          return (
            <li key={section.id} className="template-section">
              <label htmlFor={`${id}-${section.id}-label`}>Heading of section {index + 1}</label>
              <input
                id={`${id}-${section.id}-label`}
                type="text"
                maxLength={80}
                value={section.label}
                onChange={(e) => change(index, { label: e.target.value })}
              />
              <label htmlFor={`${id}-${section.id}-prompt`}>Prompt of section {index + 1}</label>
              <textarea
                id={`${id}-${section.id}-prompt`}
                rows={2}
                maxLength={1000}
                value={section.prompt}
                onChange={(e) => change(index, { prompt: e.target.value })}
              />
              <div className="actions">
                <button
                  type="button"
                  className="secondary"
                  disabled={index === 0}
                  aria-label={`Move “${heading}” up`}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUp aria-hidden="true" size={16} /> Up
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={index === sections.length - 1}
                  aria-label={`Move “${heading}” down`}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDown aria-hidden="true" size={16} /> Down
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={sections.length === 1}
                  aria-label={`Remove section “${heading}”`}
                  onClick={() => onChange(sections.filter((_, i) => i !== index))}
                >
                  <Trash2 aria-hidden="true" size={16} /> Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="secondary"
        disabled={sections.length >= 20}
        onClick={() => onChange([...sections, { id: newSectionId(), label: '', prompt: '' }])}
      >
        <Plus aria-hidden="true" size={16} /> Add section
      </button>
    </fieldset>
  );
}
