import type { OpenVault } from '../../vault/OpenVault';
import { recordLists } from '../exchange/importIntoVault';

/**
 * How many records of an import file the vault already has, by id (the same file imported twice,
 * or an export of this very vault): each would be refused, and the summary says how many. Every
 * list counts, measures too (they were left out, and a clash undercounted).
 */
export function importConflicts(vault: Pick<OpenVault, 'list'>, data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  let conflicts = 0;
  for (const [key, kind] of recordLists) {
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
