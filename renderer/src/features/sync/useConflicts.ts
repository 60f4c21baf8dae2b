import { useEffect, useSyncExternalStore } from 'react';
import { onEvent } from '../../data/api';
import { type ConflictState, conflictStore } from './conflictStore';

/** The records in conflict; loads them once, and again whenever changes arrive from another computer. */
export function useConflicts(): ConflictState {
  useEffect(() => {
    void conflictStore.load();
    return onEvent('records:changed', () => void conflictStore.load());
  }, []);
  return useSyncExternalStore(conflictStore.subscribe, conflictStore.get);
}
