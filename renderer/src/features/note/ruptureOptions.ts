/** Choice lists for the rupture entry, built once from the shared vocabularies. */
import { dimensions } from '../../../../shared/domain/dimensions';
import type { Rupture } from '../../../../shared/domain/ruptureSchema';
import {
  type RuptureOutcomeId,
  type RuptureTypeId,
  type RuptureVocabulary,
  ownStrategiesLabel,
  ruptureOutcomes,
  ruptureTypes,
  strategiesInGroup,
  strategyGroups,
  therapistMarkers,
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

/** One group of repair-strategy checkboxes: immediate, exploratory, or the user's own. */
export interface StrategyOptionGroup {
  id: string;
  label: string;
  description?: string;
  options: CheckboxOption[];
}

/** The repair-strategy checkboxes by 3RS group; the user's own strategies last, when there are any. */
export function strategyOptionGroups(vocabulary: RuptureVocabulary): StrategyOptionGroup[] {
  const options = (group: Parameters<typeof strategiesInGroup>[0]) =>
    strategiesInGroup(group, vocabulary).map((s) => ({
      value: s.id,
      label: s.label,
      description: s.description || undefined,
    }));
  const groups: StrategyOptionGroup[] = strategyGroups.map((g) => ({
    id: g.id,
    label: g.label,
    description: g.description,
    options: options(g.id),
  }));
  const own = options(null);
  return own.length > 0 ? [...groups, { id: 'own', label: ownStrategiesLabel, options: own }] : groups;
}

/** The therapist-side marker checkboxes (the therapist's own reactions). */
export const therapistMarkerOptions: readonly CheckboxOption[] = therapistMarkers.map((m) => ({
  value: m.id,
  label: m.label,
  description: m.description,
}));

/** Whether a rupture holds anything beyond its type, so removing it needs a confirmation. */
export function hasContent(r: Rupture): boolean {
  return (
    r.markers.length > 0 ||
    (r.therapistMarkers ?? []).length > 0 ||
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
