import { useEffect } from 'react';
import { placesHeldOnlyHere } from './draftStash';

/**
 * While changes only this window holds wait to be saved (see HeldChanges.onlyHere), closing or
 * reloading the window asks first: they would be lost with it. In Electron the refused unload
 * reaches main as 'will-prevent-unload', which asks the user in a native dialog. Registered once,
 * by App, before any editor: so it sees what was refused, not the value an editor's own
 * beforeunload flush holds for a moment while it saves.
 */
export function useUnsavedCloseGuard(): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (placesHeldOnlyHere().length === 0) return;
      event.preventDefault();
      // Older Chromium builds ask only when returnValue is set, not on preventDefault alone.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
