import { forkSummaries, pendingOnForks } from './forkSummary';
import type { MergedState } from './MergedState';
import { DEVICES_DIR } from './readAllLogs';
import type { SyncProblem } from './types';

/**
 * What a check reports of a merged state once every file has been read: forks (one line per
 * log), frames that can never be applied because what they need is not in the folder, ops naming
 * a parent that is not an earlier op of their record, and broken audit chains.
 */
export function mergedStateProblems(
  state: MergedState,
  name: (hex: string) => string,
  /** What the reader reported: it names the files that hold a fork's other versions. */
  found: readonly SyncProblem[] = [],
): SyncProblem[] {
  const forks = state.forks();
  const { following, waiting } = pendingOnForks(forks, state.pending());
  return [
    // One line per forked log, not one per change number (forkSummaries).
    ...forkSummaries(forks, found, name, following),
    ...waiting.map(
      (p): SyncProblem => ({
        type: 'damage',
        file: `${DEVICES_DIR}/${p.deviceHex}`,
        deviceHex: p.deviceHex,
        message: `Change ${p.seq} of ${name(p.deviceHex)} cannot be applied: it needs ${p.waitingFor.join(', ')}, which is not in the folder.`,
      }),
    ),
    ...strayParentProblems(state),
    ...state
      .auditProblems()
      .map((a): SyncProblem => ({ type: 'damage', file: DEVICES_DIR, message: `Audit log: ${a}` })),
  ];
}

/** Ops whose parent is not an earlier op of their record (FORMAT.md §5): damage, named by record. */
export function strayParentProblems(state: MergedState): SyncProblem[] {
  return state.problems().map(
    ({ deviceHex, message }): SyncProblem => ({
      type: 'damage',
      file: `${DEVICES_DIR}/${deviceHex}`,
      deviceHex,
      message,
    }),
  );
}
