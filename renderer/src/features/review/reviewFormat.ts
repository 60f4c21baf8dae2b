/** Words and labels for the review screens: packet dates, vocabulary labels, name lists. */
import { type DimensionId, dimensionById } from '../../../../shared/domain/dimensions';
import {
  type RuptureOutcomeId,
  type RuptureTypeId,
  resolutionStrategies,
  ruptureMarkers,
  ruptureOutcomes,
  ruptureTypes,
} from '../../../../shared/domain/ruptures';
import type { CommentTarget, ReviewPacket } from '../../../../shared/ipc/contract';
import { formatDate, formatDateTime } from '../../format/dates';

/** A packet instant as the packet states it, in UTC ("May 12, 2025, 9:00 AM UTC"): dates may be shifted. */
export function packetDateTime(iso: string): string {
  return `${formatDateTime(iso, { timeZone: 'UTC' })} UTC`;
}

/** A packet instant's UTC date. */
export function packetDate(iso: string): string {
  return formatDate(iso, { timeZone: 'UTC' });
}

/** One of the user's own instants in their local time, as the session table shows it. */
export function localDateTime(iso: string): string {
  return formatDateTime(iso);
}

export function localDate(iso: string): string {
  return formatDate(iso);
}

export { plural } from '../../../../shared/plural';

export const typeLabel = (id: RuptureTypeId): string => ruptureTypes.find((t) => t.id === id)?.label ?? id;
export const outcomeLabel = (id: RuptureOutcomeId): string =>
  ruptureOutcomes.find((o) => o.id === id)?.label ?? id;
export const dimensionLabel = (id: DimensionId): string => dimensionById(id).label;

/** A marker's label: built in, or the clinician's own as the packet describes it. */
export function markerLabel(packet: ReviewPacket, id: string): string {
  return (
    ruptureMarkers.find((m) => m.id === id)?.label ??
    packet.vocabulary.markers.find((m) => m.id === id)?.label ??
    id
  );
}

export function strategyLabel(packet: ReviewPacket, id: string): string {
  return (
    resolutionStrategies.find((s) => s.id === id)?.label ??
    packet.vocabulary.strategies.find((s) => s.id === id)?.label ??
    id
  );
}

/** What the clinician put in the packet, in words. */
export function includedParts(include: ReviewPacket['include']): string[] {
  return [
    include.metrics && 'summary metrics',
    include.charts && 'charts',
    include.notes && 'notes',
    include.ruptures && 'ruptures and repairs',
    include.processNotes && 'psychotherapy process notes',
    include.diagnoses && 'diagnoses',
  ].filter((part): part is string => typeof part === 'string');
}

/** The names typed one per line: trimmed, without blanks or repeats. */
export function parseNames(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim();
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      names.push(name);
    }
  }
  return names;
}

/** Whether two comment targets are the same case, session or rupture. */
export function sameTarget(a: CommentTarget, b: CommentTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'case') return true;
  if (a.kind === 'session') return b.kind === 'session' && a.sessionRef === b.sessionRef;
  return b.kind === 'rupture' && a.ruptureRef === b.ruptureRef;
}

/** The last part of a path, for showing which file was chosen. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
