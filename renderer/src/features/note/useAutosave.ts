import { useCallback, useEffect, useRef, useState } from 'react';
import { registerPendingSave } from '../../data/pendingSaves';
import { Autosaver, type SaveStatus } from './Autosaver';

/** Where a value stands: its change number and the saved version it was made on top of. */
export interface ChangeInfo {
  change: number;
  /** `updatedAt` of the saved version the editor had (null: nothing saved yet). */
  basedOn: string | null;
}

export interface UseAutosaveOptions<T> {
  /**
   * Saves a value, only over the version `info.basedOn` (so nothing newer is overwritten);
   * resolves with the ISO time it was saved, throws if not.
   */
  save: (value: T, info: ChangeInfo) => Promise<string>;
  /** When the value on screen was last saved (shown until the first change). */
  savedAt: string;
  /** `updatedAt` of the saved version the editor opened (null: nothing saved yet). */
  basedOn: string | null;
  /** Called with a value that could not be saved, or is still unsaved when the editor goes away. */
  keepUnsaved: (value: T, info: ChangeInfo) => void;
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
  basedOn,
  keepUnsaved,
  enabled = true,
}: UseAutosaveOptions<T>): Autosave<T> {
  const saveRef = useRef(save);
  const keepRef = useRef(keepUnsaved);
  // The version each save must replace: the one opened, then each one this editor saved.
  const basedOnRef = useRef(basedOn);
  useEffect(() => {
    saveRef.current = save;
    keepRef.current = keepUnsaved;
  });

  const [status, setStatus] = useState<SaveStatus>({ kind: 'saved', at: savedAt });
  const [saver] = useState(
    () =>
      new Autosaver<T>(
        {
          save: async (value, change) => {
            const info = { change, basedOn: basedOnRef.current };
            try {
              const at = await saveRef.current(value, info);
              basedOnRef.current = at;
              return at;
            } catch (error) {
              keepRef.current(value, info);
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
      if (saver.hasUnsaved && saver.latest !== undefined) {
        keepRef.current(saver.latest, { change: saver.latestChange, basedOn: basedOnRef.current });
      }
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
