import type { OpenVault } from '../../vault/OpenVault';
import { kinds } from '../RecordStore';

const lists = [
  ['clients', kinds.client],
  ['sessions', kinds.session],
  ['notes', kinds.note],
  ['processNotes', kinds.processNote],
  ['templates', kinds.template],
  ['treatmentPlans', kinds.treatmentPlan],
  ['diagnoses', kinds.diagnosis],
  ['safetyPlans', kinds.safetyPlan],
] as const;

/**
 * How many records of an import file the vault already has, by id (the same file imported twice,
 * or an export of this very vault): each would be refused, and the summary says how many.
 */
export function importConflicts(vault: Pick<OpenVault, 'list'>, data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  let conflicts = 0;
  for (const [key, kind] of lists) {
    const list = (data as Record<string, unknown>)[key];
    if (!Array.isArray(list)) continue;
    const ids = new Set(vault.list(kind).map((r) => r.id));
    for (const item of list) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && ids.has(id)) conflicts++;
    }
  }
  return conflicts;
}
