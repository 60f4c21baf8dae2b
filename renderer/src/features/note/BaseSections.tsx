import { memo, useCallback } from 'react';
import type { NoteDraft } from '../../../../shared/domain/noteSchema';
import type { TemplateSection } from '../../../../shared/domain/templates';
import { errorUnder, type FieldErrors, type Updater } from './noteDraft';
import { orphanSectionIds, partDomId, sectionKey } from './noteOutline';
import { TextSection } from './TextSection';

export interface BaseSectionsProps {
  /** The editor's id prefix: each section is the target of its outline link (see partDomId). */
  idPrefix: string;
  templateSections: readonly TemplateSection[];
  values: NoteDraft['sections'];
  readOnly: boolean;
  errors: FieldErrors;
  onChange: Updater<NoteDraft['sections']>;
}

/**
 * The template's own sections (e.g. Subjective, Objective, Assessment), each a card. Text stored
 * under a section the template no longer has is still shown, so nothing in the note is hidden.
 */
export const BaseSections = memo(function BaseSections({
  idPrefix,
  templateSections,
  values,
  readOnly,
  errors,
  onChange,
}: BaseSectionsProps) {
  const setSection = useCallback(
    (id: string, text: string) => onChange((sections) => ({ ...sections, [id]: text })),
    [onChange],
  );
  const known = new Set(templateSections.map((s) => s.id));
  const orphans = orphanSectionIds(known, values);
  const shown = [...templateSections, ...orphans.map((id) => ({ id, label: id, prompt: '' }))];
  return (
    <>
      {shown.map((section) => (
        <div key={section.id} id={partDomId(idPrefix, sectionKey(section.id))} className="note-part">
          <TextSection
            sectionKey={section.id}
            heading={section.label}
            prompt={section.prompt}
            value={values[section.id] ?? ''}
            readOnly={readOnly}
            error={errorUnder(errors, `sections.${section.id}`)}
            onChange={setSection}
          />
        </div>
      ))}
    </>
  );
});
