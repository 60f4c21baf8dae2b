import type { ProgressTask } from '../../shared/ipc/events';
import type { Emit } from './VaultSession';

/** At most this often a 'vault:progress' event: 10,000 records must not mean 10,000 messages. */
const PROGRESS_EVERY_MS = 100;

/**
 * An `onProgress(done, total)` for long work in main that tells the window how far `task` has got,
 * as 'vault:progress' events: at most one every 100 ms, and always the last step.
 */
export function progressEvents(
  emit: Emit,
  task: ProgressTask,
  now: () => number = Date.now,
): (done: number, total: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (done, total) => {
    const at = now();
    if (done < total && at - last < PROGRESS_EVERY_MS) return;
    last = at;
    emit('vault:progress', { task, done, total });
  };
}
