import type { ConflictView, SettledSignedNote } from '../../../../shared/ipc/contract';
import { call, messageOf } from '../../data/api';

export interface ConflictState {
  /** False for a format-1 vault (one computer): nothing here applies. */
  available: boolean;
  conflicts: ConflictView[];
  /** Signed notes settled by the last load (their signature stood; the other edit became an addendum). */
  settledSigned: SettledSignedNote[];
  loaded: boolean;
  /** Why the last load failed, in the user's words. */
  error: string | null;
}

const empty: ConflictState = {
  available: false,
  conflicts: [],
  settledSigned: [],
  loaded: false,
  error: null,
};
let state: ConflictState = empty;
const listeners = new Set<() => void>();
let loading: Promise<void> | null = null;

function set(next: ConflictState): void {
  state = next;
  for (const listener of listeners) listener();
}

/**
 * The records in conflict, shared by the workspace notice and the conflicts page, so resolving
 * one updates both at once. Loaded from main on demand, and again after changes from elsewhere.
 */
export const conflictStore = {
  get: (): ConflictState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Asks main again (one request at a time; a call meanwhile waits for it). Never rejects: see `error`. */
  load(): Promise<void> {
    loading ??= call('sync:conflicts')
      .then((answer) => {
        const settled = answer.available ? answer.value.settledSigned : [];
        set({
          available: answer.available,
          conflicts: answer.available ? answer.value.conflicts : [],
          // Kept until seen: a later load that settles nothing must not hide the last notice.
          settledSigned: settled.length > 0 ? settled : state.settledSigned,
          loaded: true,
          error: null,
        });
      })
      .catch((failure: unknown) => set({ ...state, error: messageOf(failure) }))
      .finally(() => {
        loading = null;
      });
    return loading;
  },
  dismissSettled(): void {
    set({ ...state, settledSigned: [] });
  },
  /** Forgets everything (at lock: no plaintext stays in the window). */
  clear(): void {
    set(empty);
  },
};
