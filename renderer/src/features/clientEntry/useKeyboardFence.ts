import { useEffect } from 'react';

/**
 * Swallows the app's keyboard shortcuts (Ctrl/Cmd with a letter: palette, lock, search, focus
 * mode, print) and history keys (Alt+Left/Right, the browser's back key) before any listener
 * sees them. Typing, Tab, Enter, Space, arrows and Escape inside a field still work; copy and
 * paste (Ctrl+C/V/X/A/Z) are left alone.
 */
export function useKeyboardFence(): void {
  useEffect(() => {
    const editing = new Set(['c', 'v', 'x', 'a', 'z', 'y']);
    function onKey(event: KeyboardEvent) {
      const key = event.key.toLowerCase();
      const command = (event.ctrlKey || event.metaKey) && !editing.has(key);
      const history =
        (event.altKey && (key === 'arrowleft' || key === 'arrowright')) ||
        key === 'browserback' ||
        key === 'browserforward';
      if (command || history) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    }
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
