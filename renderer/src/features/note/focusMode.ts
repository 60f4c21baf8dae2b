/**
 * The editor's calm focus mode: on or off for the rest of the app's session (this module's
 * memory, so it survives opening another note and is forgotten when the app quits), toggled by
 * the header's button or Ctrl/Cmd+Shift+F, left with Escape.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';

let focusModeOn = false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function setFocusModeOn(on: boolean): void {
  if (on === focusModeOn) return;
  focusModeOn = on;
  for (const listener of listeners) listener();
}

/** The attribute on <html> that noteEditor.css reads to hide everything around the editor. */
export const focusModeAttribute = 'data-note-focus';

/** Shortcut text for labels and tooltips. */
export const focusModeShortcut = 'Ctrl+Shift+F';

/** Whether a key event is the focus-mode shortcut (Ctrl/Cmd+Shift+F). */
export function isFocusModeShortcut(
  event: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'key'>,
): boolean {
  return (
    (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'f'
  );
}

/**
 * The focus mode while an editor is on screen: marks <html> so the sidebar, banners and outline
 * step aside, and handles the shortcut and Escape. Returns the state and its toggle.
 */
export function useFocusMode(): { on: boolean; toggle: () => void } {
  const on = useSyncExternalStore(subscribe, () => focusModeOn);
  const toggle = useCallback(() => setFocusModeOn(!focusModeOn), []);

  useEffect(() => {
    const root = document.documentElement;
    if (on) root.setAttribute(focusModeAttribute, '');
    else root.removeAttribute(focusModeAttribute);
    return () => root.removeAttribute(focusModeAttribute);
  }, [on]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isFocusModeShortcut(event)) {
        event.preventDefault();
        // Captured at the window and stopped here: the workspace's Ctrl+F (search) must not also run.
        event.stopPropagation();
        setFocusModeOn(!focusModeOn);
        return;
      }
      // Escape belongs to an open dialog or menu first; otherwise it leaves focus mode.
      if (event.key !== 'Escape' || !focusModeOn || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('dialog, [role="dialog"], [role="menu"], [role="listbox"]')) return;
      setFocusModeOn(false);
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return { on, toggle };
}
