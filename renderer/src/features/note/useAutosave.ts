import { useCallback, useEffect, useRef, useState } from 'react';
import { registerPendingSave } from '../../data/pendingSaves';
import { Autosaver, type SaveStatus } from './Autosaver';

export interface UseAutosaveOptions<T> {
  /** Saves a value; resolves with the ISO time it was saved, throws if not. */
  save: (value: T) => Promise<string>;
  /** When the value on screen was last saved (shown until the first change). */
  savedAt: string;
  /** Called with a value that could not be saved, or is still unsaved when the editor goes away. */
  keepUnsaved: (value: T) => void;
  /** False once nothing more may be saved (e.g. a signed note). */
  enabled?: boolean;
}

export interface Autosave<T> {
  status: SaveStatus;
  /** Records a change; the save follows after a quiet moment. */
  change: (value: T) => void;
  /** Saves now; true once everything is saved. */
  flush: () => Promise<boolean>;
}

/**
 * Autosave for one editor value: debounced and serialised (see Autosaver), flushed before the
 * vault locks, on Ctrl/Cmd+S, on `beforeunload` and when the component unmounts. Whatever could
 * not be saved goes to `keepUnsaved`, so no typing is lost.
 */
export function useAutosave<T>({
  save,
  savedAt,
  keepUnsaved,
  enabled = true,
}: UseAutosaveOptions<T>): Autosave<T> {
  const saveRef = useRef(save);
  const keepRef = useRef(keepUnsaved);
  useEffect(() => {
    saveRef.current = save;
    keepRef.current = keepUnsaved;
  });

  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved', at: savedAt });
  const [saver] = useState(
    () =>
      new Autosaver<T>(
        {
          save: async (value) => {
            try {
              return await saveRef.current(value);
            } catch (error) {
              keepRef.current(value);
              throw error;
            }
          },
          onStatus: setStatus,
        },
        savedAt,
      ),
  );

  const flush = useCallback(() => saver.flush(), [saver]);
  const change = useCallback(
    (value: T) => {
      if (enabled) saver.change(value);
    },
    [saver, enabled],
  );

  useEffect(() => {
    /** Keeps what is unsaved before trying, so a lock or crash mid-save loses nothing. */
    const flushKeeping = async (): Promise<boolean> => {
      if (saver.hasUnsaved && saver.latest !== undefined) keepRef.current(saver.latest);
      return saver.flush();
    };
    const unregister = registerPendingSave(async () => {
      if (!(await flushKeeping()))
        throw new Error('A draft could not be saved; it is kept in memory until unlock.');
    });
    const onKey = (event: KeyboardEvent) => {
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        !event.shiftKey &&
        event.key.toLowerCase() === 's'
      ) {
        event.preventDefault();
        void saver.flush();
      }
    };
    const onUnload = () => {
      void flushKeeping();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      unregister();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onUnload);
      saver.stop();
      void flushKeeping();
    };
  }, [saver]);

  return { status, change, flush };
}
