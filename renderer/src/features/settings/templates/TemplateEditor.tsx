import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Template } from '../../../../../shared/domain/templates';
import { call, messageOf } from '../../../data/api';
import { IncludesFieldset } from './IncludesFieldset';
import { SectionsEditor } from './SectionsEditor';

/**
 * Edits one of the user's own templates: name, description, its own sections and which Attune
 * sections it carries. Notes keep their text by section id, so renaming a section keeps it.
 */
export function TemplateEditor({
  template,
  usedBy,
  onSaved,
  onCancel,
}: {
  template: Template;
  usedBy: number;
  onSaved: (saved: Template) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(template.name);
  const [description, setDescription] = useState(template.description);
  const [sections, setSections] = useState(template.baseSections);
  const [includes, setIncludes] = useState(template.includes);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError('Give the template a name.');
    const unnamed = sections.findIndex((s) => !s.label.trim());
    if (unnamed >= 0) return setError(`Give section ${unnamed + 1} a heading, or remove it.`);
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await call('templates:update', {
          id: template.id,
          changes: { name: name.trim(), description, baseSections: sections, includes },
        }),
      );
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="template-editor" onSubmit={save} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Edit “{template.name}”
      </h3>
      {usedBy > 0 && (
        <p className="muted small">
          {usedBy === 1 ? '1 note uses' : `${usedBy} notes use`} this template. They keep their text: a
          renamed section shows its new heading, and a removed section’s text stays in those notes.
        </p>
      )}
      <label htmlFor={`${id}-name`}>Template name</label>
      <input
        id={`${id}-name`}
        type="text"
        maxLength={80}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor={`${id}-description`}>Description</label>
      <input
        id={`${id}-description`}
        type="text"
        maxLength={500}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <SectionsEditor sections={sections} onChange={setSections} />
      <IncludesFieldset includes={includes} onChange={setIncludes} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save template'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
