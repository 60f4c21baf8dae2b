/** Where two versions of a note's content differ, field by field, in words a therapist reads. */
import { dimensions } from '../../../../shared/domain/dimensions';
import { feedbackItems } from '../../../../shared/domain/feedback';
import type { NoteDraft } from '../../../../shared/domain/noteSchema';
import { includableSectionLabels } from '../../../../shared/domain/templates';

export interface Difference {
  label: string;
  saved: string;
  held: string;
}

const known: Record<string, string> = {
  ...Object.fromEntries(dimensions.map((d) => [d.id, d.label])),
  ...Object.fromEntries(feedbackItems.map((f) => [f.id, f.label])),
  ...includableSectionLabels,
  coRegulation: 'Co-regulation',
  sessionJudgments: 'Session judgments',
};

/** "repairMinute" → "repair minute"; numbers count from 1; known ids take their labels. */
function segmentLabel(
  segment: string,
  sectionLabels: Readonly<Record<string, string>>,
  parent?: string,
): string {
  if (/^\d+$/.test(segment)) return String(Number(segment) + 1);
  if (parent === 'sections' && sectionLabels[segment]) return sectionLabels[segment];
  if (known[segment]) return known[segment];
  const words = segment.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(text).join(', ');
  return String(value);
}

function flatten(
  value: unknown,
  path: string[],
  out: Map<string, string[]>,
  values: Map<string, string>,
): void {
  const isLeafList = Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
  if (value !== null && typeof value === 'object' && !isLeafList) {
    for (const [key, child] of Object.entries(value)) flatten(child, [...path, key], out, values);
    return;
  }
  const key = path.join('.');
  out.set(key, path);
  values.set(key, text(value));
}

/** Every field whose text differs between the saved and the held version, in note order. */
export function draftDifferences(
  saved: NoteDraft,
  held: NoteDraft,
  sectionLabels: Readonly<Record<string, string>>,
): Difference[] {
  const paths = new Map<string, string[]>();
  const savedValues = new Map<string, string>();
  const heldValues = new Map<string, string>();
  flatten(saved, [], paths, savedValues);
  flatten(held, [], paths, heldValues);
  const differences: Difference[] = [];
  for (const [key, path] of paths) {
    const a = savedValues.get(key) ?? '—';
    const b = heldValues.get(key) ?? '—';
    if (a === b) continue;
    const label = path.map((segment, i) => segmentLabel(segment, sectionLabels, path[i - 1])).join(' · ');
    differences.push({ label: label.replace(/^Sections · /, ''), saved: a, held: b });
  }
  return differences;
}
