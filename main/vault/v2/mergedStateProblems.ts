import type { MergedState } from './MergedState';
import { DEVICES_DIR } from './readAllLogs';
import type { SyncProblem } from './types';

/**
 * What a check reports of a merged state once every file has been read: forks, frames that can
 * never be applied because what they need is not in the folder, ops naming a parent that is not
 * an earlier op of their record, and broken audit chains.
 */
export function mergedStateProblems(state: MergedState, name: (hex: string) => string): SyncProblem[] {
  return [
    ...state.forks().map(
      (f): SyncProblem => ({
        type: 'fork',
        file: `${DEVICES_DIR}/${f.deviceHex}`,
        deviceHex: f.deviceHex,
        message: `${name(f.deviceHex)} has two different versions of its change ${f.seq}: the vault’s files were changed outside Attune, or that computer’s folder was used by two computers.`,
      }),
    ),
    ...state.pending().map(
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
