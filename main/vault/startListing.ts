import type { GenerationOnDisk } from './generationsOnDisk';
import type { GenerationListing } from './listBackups';
import { damagedProblem, newerVersionProblem } from './restoreProblems';

type Sidecar = NonNullable<GenerationOnDisk['sidecar']>;

/**
 * The start of listing a backup generation, the same for both formats: an empty listing, a way
 * to mark it unreadable, and what is already wrong before any key is tried (a newer format, a
 * missing sidecar, a sidecar naming another vault), or null.
 */
export function startListing(
  g: GenerationOnDisk,
  vaultId: string,
): {
  listing: GenerationListing;
  unreadable: (problem: string) => GenerationListing;
} & ({ problem: string; sidecar: null } | { problem: null; sidecar: Sidecar }) {
  const listing: GenerationListing = {
    name: g.name,
    createdAt: g.sidecar?.createdAt ?? g.at.toISOString(),
    clients: 0,
    sessions: 0,
    notes: 0,
    records: 0,
    readable: false,
    problem: null,
  };
  const unreadable = (problem: string): GenerationListing => ({ ...listing, problem });
  const refused = (problem: string) => ({ listing, unreadable, problem, sidecar: null });
  if (g.problem === 'newer-version') return refused(newerVersionProblem);
  if (!g.sidecar) return refused(damagedProblem('its list of files cannot be read'));
  if (g.sidecar.vaultId !== vaultId) return refused(damagedProblem('it belongs to another vault'));
  return { listing, unreadable, problem: null, sidecar: g.sidecar };
}
