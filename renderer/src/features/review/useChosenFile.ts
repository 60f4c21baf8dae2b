import { useCallback, useState } from 'react';
import type { FilePurpose } from '../../../../shared/ipc/contract';
import { messageOf } from '../../data/api';
import { chooseReviewFile } from './reviewData';

/** The native open dialog as state: the chosen path (null until chosen or after cancel) and any error. */
export function useChosenFile(purpose: FilePurpose) {
  const [path, setPath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choose = useCallback(async () => {
    setError(null);
    try {
      // A cancelled dialog leaves things as they were.
      const chosen = await chooseReviewFile(purpose);
      if (chosen) setPath(chosen);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [purpose]);
  const clear = useCallback(() => setPath(null), []);
  return { path, error, choose, clear };
}
