import { useEffect } from 'react';

/** Ctrl/Cmd+L locks and Ctrl/Cmd+F searches; Ctrl/Cmd+S is handled by the note editor. */
export function useShortcuts(actions: { lock: () => void; search: () => void }): void {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'l') {
        event.preventDefault();
        actions.lock();
      } else if (key === 'f') {
        event.preventDefault();
        actions.search();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
