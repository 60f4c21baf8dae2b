import { assertNever } from '../../../shared/errors';
import type { SyncProblemView } from '../../../shared/ipc/contracts/syncContract';
import type { SyncProblem } from '../../vault/v2/types';

/** What the user can do about each kind of problem, said after the engine's own sentence. */
function adviceFor(type: SyncProblem['type']): string {
  switch (type) {
    case 'waiting':
      return 'Nothing to do: keep your sync app running on both computers and this clears by itself once the files arrive.';
    case 'artefact':
      return 'Nothing was lost. If it happens often, check your sync app’s settings; Attune never deletes these files itself.';
    case 'damage':
      return 'Run “Check the vault” in Settings. If it reports damage, restore from a backup or let the other computer sync its files again.';
    case 'fork':
    case 'rollback':
      return 'Make a backup now, then run “Check the vault” in Settings and keep using only one copy of each computer’s Attune data.';
    case 'foreign':
      return 'A file Attune does not know is in the vault folder. Move it out of the folder if you put it there.';
    case 'repaired':
      return 'Nothing to do: the records were restored from backups and backups carry on. It stays listed so the repair is on record.';
    default:
      return assertNever(type);
  }
}

/** A sync problem for the screen: the engine's plain sentence, and what to do about it. */
export function syncProblemView(problem: SyncProblem): SyncProblemView {
  return { type: problem.type, message: problem.message, advice: adviceFor(problem.type) };
}
