/** Choice lists for the rupture entry, built once from the shared vocabularies. */
import { dimensions } from '../../../../shared/domain/dimensions';
import type { Rupture } from '../../../../shared/domain/ruptureSchema';
import {
  type RuptureOutcomeId,
  type RuptureTypeId,
  type RuptureVocabulary,
  ruptureOutcomes,
  ruptureTypes,
} from '../../../../shared/domain/ruptures';
import type { CheckboxOption } from '../../components/CheckboxGroup';
import type { RadioOption } from '../../components/RadioGroup';

export type Score = 1 | 2 | 3 | 4 | 5;

/** 1–5 plus "Not rated", with the two ends described. */
export function scoreOptions(low: string, high: string): RadioOption<Score | null>[] {
  return [
    { value: 1, label: '1', description: low },
    { value: 2, label: '2' },
    { value: 3, label: '3' },
    { value: 4, label: '4' },
    { value: 5, label: '5', description: high },
    { value: null, label: 'Not rated' },
  ];
}

export const typeOptions: readonly RadioOption<RuptureTypeId>[] = ruptureTypes.map((t) => ({
  value: t.id,
  label: t.label,
  description: t.description,
}));

export const salienceOptions = scoreOptions('Barely noticeable', 'Dominated the session');

export const outcomeOptions: readonly RadioOption<RuptureOutcomeId | null>[] = [
  ...ruptureOutcomes.map((o) => ({ value: o.id, label: o.label, description: o.description })),
  { value: null, label: 'Not recorded' },
];

export const lapseOptions: readonly CheckboxOption[] = dimensions.map((d) => ({
  value: d.id,
  label: d.shortLabel,
}));

/** The marker checkboxes for one rupture type. */
export function markerOptions(vocabulary: RuptureVocabulary, type: RuptureTypeId): CheckboxOption[] {
  return vocabulary.markers
    .filter((m) => m.type === type)
    .map((m) => ({ value: m.id, label: m.label, description: m.description || undefined }));
}

/** The repair-strategy checkboxes. */
export function strategyOptions(vocabulary: RuptureVocabulary): CheckboxOption[] {
  return vocabulary.strategies.map((s) => ({
    value: s.id,
    label: s.label,
    description: s.description || undefined,
  }));
}

/** Whether a rupture holds anything beyond its type, so removing it needs a confirmation. */
export function hasContent(r: Rupture): boolean {
  return (
    r.markers.length > 0 ||
    r.salience !== null ||
    r.followedLapseOf.length > 0 ||
    r.context.trim() !== '' ||
    r.strategies.length > 0 ||
    r.outcome !== null ||
    r.minute !== null ||
    r.repairMinute !== null ||
    r.clientResponse.trim() !== ''
  );
}
