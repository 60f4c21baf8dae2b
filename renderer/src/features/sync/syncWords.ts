import type { ConflictView } from '../../../../shared/ipc/contract';
import { noteFieldLabel } from '../../../../shared/domain/noteFieldLabels';
import type { TemplateSection } from '../../../../shared/domain/templates';
import { includableSectionLabels } from '../../../../shared/domain/templates';
import { formatDate, type DateFormatOptions } from '../../format/dates';

const whatWords: Record<ConflictView['what'], string> = {
  note: 'Session note',
  'process-note': 'Process note',
  client: 'Client details',
  session: 'Session details',
  template: 'Note template',
  settings: 'Your settings',
  'treatment-plan': 'Treatment plan',
  diagnosis: 'Diagnosis',
  'safety-plan': 'Safety plan',
  measure: 'Measure score',
  other: 'A record',
};

/**
 * What a record in conflict is, in the clinician's words: "Draft note, session of Mar 5, 2026,
 * client C-014". Facts that are not known are left out rather than guessed.
 */
export function conflictTitle(conflict: ConflictView, options: DateFormatOptions = {}): string {
  const draft =
    conflict.what === 'note' &&
    conflict.versions.every((v) => (v.value as { status?: unknown } | null)?.status !== 'signed');
  const parts = [draft ? 'Draft note' : whatWords[conflict.what]];
  if (conflict.sessionStartsAt) parts.push(`session of ${formatDate(conflict.sessionStartsAt, options)}`);
  if (conflict.client) {
    const name = conflict.client.displayName ? ` (${conflict.client.displayName})` : '';
    parts.push(`client ${conflict.client.code}${name}`);
  }
  return parts.join(', ');
}

/** The workspace notice: "2 notes were edited on two computers at once" (null when there is none). */
export function conflictNoticeText(conflicts: readonly ConflictView[]): string | null {
  if (conflicts.length === 0) return null;
  const notes = conflicts.filter((c) => c.what === 'note' || c.what === 'process-note').length;
  const n = conflicts.length;
  const noun = notes === n ? (n === 1 ? 'note was' : 'notes were') : n === 1 ? 'record was' : 'records were';
  return `${n} ${noun} edited on two computers at once. Both versions are kept until you choose.`;
}

/** "Also open on Office iMac, 2 min ago" (or "just now"); several computers joined with "and". */
export function openElsewhereText(
  others: ReadonlyArray<{ name: string; minutesAgo: number }>,
): string | null {
  if (others.length === 0) return null;
  const each = others.map((o) => `${o.name}, ${o.minutesAgo < 1 ? 'just now' : `${o.minutesAgo} min ago`}`);
  return `Also open on ${each.join(' and on ')}`;
}

/** A note part's label as the editor shows it ("Plan", a SOAP section's name, "Attunement"). */
export function notePartLabel(key: string, sections: readonly TemplateSection[] = []): string {
  if (key.startsWith('sections.')) return noteFieldLabel(key, sections);
  const labels: Record<string, string> = {
    attunement: includableSectionLabels.attunement,
    coRegulation: noteFieldLabel('coRegulation'),
    ruptures: includableSectionLabels.ruptures,
    sessionJudgments: 'Rupture judgments for the session',
    participation: includableSectionLabels.participation,
    feedback: includableSectionLabels.feedback,
    goalProgress: 'Treatment goals addressed',
    plan: includableSectionLabels.plan,
    risk: 'Risk assessment',
  };
  return labels[key] ?? key;
}
