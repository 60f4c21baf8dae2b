/**
 * The names of a note's free-text fields as the writer knows them, for places that show a field
 * out of the editor (search results). A field is named by its path in the note, e.g.
 * `sections.subjective`, `attunement.affective.observation`, `ruptures.0.context`, `addenda.1.text`.
 */
import { coRegulationField, type DimensionId, dimensionById, dimensionIds } from './dimensions';
import { type ParticipationItemId, participationItemIds, participationItems } from './participation';
import { includableSectionLabels, type TemplateSection } from './templates';

/** The words for the parts of a field's name the vocabularies do not already hold. */
export const noteFieldWords = {
  /** Joins a field's parts: "Rupture 1 · context". */
  separator: ' · ',
  observation: 'observation',
  response: 'your response',
  rupture: 'Rupture',
  ruptureContext: 'context',
  ruptureClientResponse: 'client response',
  addendum: 'Addendum',
  goal: 'Treatment goal',
  goalComment: 'progress',
  risk: 'Risk assessment',
  /** The emotion words picked for "Named feelings specifically". */
  emotions: 'emotions',
} as const;

/** The risk section's free-text fields, as the editor names them. */
const riskFieldWords: Record<string, string> = {
  otherRisks: 'other risks',
  protectiveFactors: 'protective factors',
  actionsTaken: 'actions taken',
};

const isDimension = (id: string | undefined): id is DimensionId =>
  (dimensionIds as readonly string[]).includes(id ?? '');
const isParticipationItem = (id: string | undefined): id is ParticipationItemId =>
  (participationItemIds as readonly string[]).includes(id ?? '');

/** "1" for index "0": lists are numbered from one for the writer, as the editor does. */
const ordinal = (index: string | undefined): string => String(Number(index) + 1);

/**
 * The label of the field at `path`, given the sections of the note's template (a section the
 * template no longer has is named by its id, as the editor shows it). An unknown path is returned
 * as it is rather than hidden.
 */
export function noteFieldLabel(path: string, sections: readonly TemplateSection[] = []): string {
  const [head, id, leaf] = path.split('.');
  const { separator: sep } = noteFieldWords;
  switch (head) {
    case 'sections':
      return sections.find((s) => s.id === id)?.label ?? id ?? path;
    case 'attunement':
      if (!isDimension(id)) return path;
      return `${dimensionById(id).label}${sep}${leaf === 'response' ? noteFieldWords.response : noteFieldWords.observation}`;
    case 'coRegulation':
      return coRegulationField.label;
    case 'ruptures': {
      const part =
        leaf === 'clientResponse' ? noteFieldWords.ruptureClientResponse : noteFieldWords.ruptureContext;
      return `${noteFieldWords.rupture} ${ordinal(id)}${sep}${part}`;
    }
    case 'participation': {
      const item = isParticipationItem(id) ? participationItems.find((p) => p.id === id) : undefined;
      if (!item) return path;
      const part = leaf === 'emotions' ? noteFieldWords.emotions : item.textLabel;
      return `${item.label}${sep}${part}`;
    }
    case 'plan':
      return includableSectionLabels.plan;
    case 'addenda':
      return `${noteFieldWords.addendum} ${ordinal(id)}`;
    case 'goalProgress':
      return `${noteFieldWords.goal} ${ordinal(id)}${sep}${noteFieldWords.goalComment}`;
    case 'risk':
      return `${noteFieldWords.risk}${sep}${riskFieldWords[id ?? ''] ?? id}`;
    default:
      return path;
  }
}
