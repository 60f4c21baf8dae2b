/** Words for the printed record: ratings in words, vocabulary labels, signature lines. */
export { ratingInWords } from '../../../../shared/domain/dimensions';

import type { Addendum, Signature } from '../../../../shared/domain/noteSchema';
import {
  type RuptureVocabulary,
  ruptureOutcomes,
  ownStrategiesLabel,
  ruptureTypes,
  strategyGroups,
  therapistMarkers,
} from '../../../../shared/domain/ruptures';
import { formatDate, formatDateTime } from '../../format/dates';

/** "3 of 5", or an empty string when not rated. */
export const outOfFive = (score: number | null): string => (score === null ? '' : `${score} of 5`);

export const typeLabel = (id: string): string => ruptureTypes.find((t) => t.id === id)?.label ?? id;
export const outcomeLabel = (id: string): string => ruptureOutcomes.find((o) => o.id === id)?.label ?? id;
export const markerLabel = (vocabulary: RuptureVocabulary, id: string): string =>
  vocabulary.markers.find((m) => m.id === id)?.label ?? id;
export const strategyLabel = (vocabulary: RuptureVocabulary, id: string): string =>
  vocabulary.strategies.find((s) => s.id === id)?.label ?? id;
/** "Immediate: Clarifies a misunderstanding. Exploratory: …" — the strategies by their 3RS group. */
export function strategiesInWords(vocabulary: RuptureVocabulary, ids: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const strategy = vocabulary.strategies.find((s) => s.id === id);
    const group = strategy?.group
      ? (strategyGroups.find((g) => g.id === strategy.group)?.label ?? strategy.group)
      : ownStrategiesLabel;
    groups.set(group, [...(groups.get(group) ?? []), strategy?.label ?? id]);
  }
  return [...groups].map(([group, labels]) => `${group}: ${labels.join('; ')}.`).join(' ');
}

export const therapistMarkerLabel = (id: string): string =>
  therapistMarkers.find((m) => m.id === id)?.label ?? id;

/** "Signed by Dr Rivera on 14 March 2025, 10:02". */
export function signatureLine(signature: Signature): string {
  return `Signed by ${signature.by} on ${formatDateTime(signature.at)}`;
}

/** "Addendum of 15 March 2025, 09:10 by Dr Rivera". */
export function addendumTitle(addendum: Addendum): string {
  return `Addendum of ${formatDateTime(addendum.at)} by ${addendum.by}`;
}

export const recordDate = (iso: string): string => formatDate(iso);
export const recordDateTime = (iso: string): string => formatDateTime(iso);
