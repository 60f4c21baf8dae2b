/** Words for the printed record: ratings in words, vocabulary labels, signature lines. */
export { ratingInWords } from '../../../../shared/domain/dimensions';

import type { Addendum, Signature } from '../../../../shared/domain/noteSchema';
import { type RuptureVocabulary, ruptureOutcomes, ruptureTypes } from '../../../../shared/domain/ruptures';
import { formatDate, formatDateTime } from '../../format/dates';

/** "3 of 5", or an empty string when not rated. */
export const outOfFive = (score: number | null): string => (score === null ? '' : `${score} of 5`);

export const typeLabel = (id: string): string => ruptureTypes.find((t) => t.id === id)?.label ?? id;
export const outcomeLabel = (id: string): string => ruptureOutcomes.find((o) => o.id === id)?.label ?? id;
export const markerLabel = (vocabulary: RuptureVocabulary, id: string): string =>
  vocabulary.markers.find((m) => m.id === id)?.label ?? id;
export const strategyLabel = (vocabulary: RuptureVocabulary, id: string): string =>
  vocabulary.strategies.find((s) => s.id === id)?.label ?? id;

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
