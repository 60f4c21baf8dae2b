import { useEffect, useState } from 'react';
import type { Events, ProgressTask } from '../../../shared/ipc/events';
import { onEvent } from './api';

export type TaskProgress = Events['vault:progress'];

/**
 * How far main has got with `task` (a backup, a restore, a check…), from its 'vault:progress'
 * events; null until the first one, and again whenever `active` turns false.
 */
export function useTaskProgress(task: ProgressTask, active: boolean): TaskProgress | null {
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    return onEvent('vault:progress', (next) => {
      if (next.task === task) setProgress(next);
    });
  }, [task, active]);
  return progress;
}
