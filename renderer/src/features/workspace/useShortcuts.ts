import { useEffect } from 'react';

/**
 * Ctrl/Cmd+L locks, Ctrl/Cmd+F searches, Ctrl/Cmd+K opens the command palette; Ctrl/Cmd+S is
 * handled by the note editor.
 */
export function useShortcuts(actions: { lock: () => void; search: () => void; palette: () => void }): void {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const action =
        key === 'l' ? actions.lock : key === 'f' ? actions.search : key === 'k' ? actions.palette : null;
      if (!action) return;
      event.preventDefault();
      action();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
