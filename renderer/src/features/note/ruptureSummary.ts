/** The one-line summary a complete rupture collapses to, and when a rupture counts as complete. */
import type { Rupture } from '../../../../shared/domain/ruptureSchema';
import { ruptureOutcome, ruptureTypes, type RuptureVocabulary } from '../../../../shared/domain/ruptures';

/**
 * Whether a rupture holds what its summary needs (at least one marker and an outcome), so it may
 * be shown collapsed; an incomplete one stays open for the writer to finish.
 */
export function isRuptureComplete(rupture: Rupture): boolean {
  return rupture.markers.length > 0 && rupture.outcome !== null;
}

/** At most this many marker names in a summary; more are counted ("+2 more"). */
const MARKERS_SHOWN = 2;

/**
 * "Withdrawal · Minimal response · minute 20 · Resolved at minute 24": the type, the markers,
 * when it began and how it ended. Marker ids the vocabulary no longer knows are shown as stored.
 */
export function ruptureSummary(rupture: Rupture, vocabulary: RuptureVocabulary): string {
  const type = ruptureTypes.find((t) => t.id === rupture.type)?.label ?? rupture.type;
  const names = rupture.markers.map((id) => vocabulary.markers.find((m) => m.id === id)?.label ?? id);
  const shown = names.slice(0, MARKERS_SHOWN).join(', ');
  const more = names.length > MARKERS_SHOWN ? ` +${names.length - MARKERS_SHOWN} more` : '';
  const parts = [type];
  if (names.length > 0) parts.push(shown + more);
  if (rupture.minute !== null) parts.push(`minute ${rupture.minute}`);
  if (rupture.outcome !== null) {
    const outcome = ruptureOutcome(rupture.outcome).label;
    parts.push(rupture.repairMinute !== null ? `${outcome} at minute ${rupture.repairMinute}` : outcome);
  } else {
    parts.push('Outcome not recorded');
  }
  return parts.join(' · ');
}
