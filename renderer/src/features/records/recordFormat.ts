/** Words for the printed record: ratings in words, vocabulary labels, signature lines. */
export { ratingInWords } from '../../../../shared/domain/dimensions';

import { addendumKindLabel } from '../../../../shared/domain/addendumKinds';
import { lateEntry } from '../../../../shared/domain/lateEntry';
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

/**
 * "Correction of 15 March 2025, 09:10 by Dr Rivera"; an addendum written before addenda were
 * typed is an "Addendum of …".
 */
export function addendumTitle(addendum: Addendum): string {
  return `${addendumKindLabel(addendum)} of ${formatDateTime(addendum.at)} by ${addendum.by}`;
}

/**
 * "Late entry: signed on 14 March 2025, 10:02, 3 days after the session began (the limit is 48
 * hours)", or null when the note was signed in time.
 */
export function lateEntryLine(
  sessionStartsAt: string,
  signature: Signature,
  afterHours: number,
): string | null {
  const late = lateEntry(sessionStartsAt, signature.at, afterHours);
  if (!late) return null;
  const hours = Math.floor(late.hoursAfterSession);
  const after = hours < 48 ? `${hours} hours` : `${Math.floor(hours / 24)} days`;
  return `Late entry: signed on ${formatDateTime(late.signedAt)}, ${after} after the session began (the limit is ${afterHours} hours).`;
}

export const recordDate = (iso: string): string => formatDate(iso);
export const recordDateTime = (iso: string): string => formatDateTime(iso);
