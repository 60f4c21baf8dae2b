import { useEffect } from 'react';

/** How long after a change of page lost focus is still taken to the page's heading (a note loads first). */
const WAIT_MS = 3000;
const RETRY_MS = 100;

/** Focus is nowhere: the element that had it went with the old page (an "Open note" button, say). */
function focusLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected;
}

/**
 * After a change of page, focus that was lost with the old page goes to the new page's heading,
 * so the keyboard carries on from the top of the page and a screen reader says where it is.
 * Focus that is somewhere (the sidebar's link just pressed, a field the new page focused itself)
 * is left where it is. For a while after the change the page is watched, so that a page which
 * shows a heading while it loads and another once loaded (a note) ends with focus on the second,
 * until the user presses a key or a pointer.
 */
export function useFocusOnNewPage(page: unknown, within: () => HTMLElement | null): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per new page; `within` reads a ref.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = performance.now();
    const attempt = () => {
      const heading = focusLost() ? within()?.querySelector<HTMLElement>('h1') : null;
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
      if (performance.now() - started < WAIT_MS) timer = setTimeout(attempt, RETRY_MS);
    };
    const frame = requestAnimationFrame(attempt);
    // Once the user acts on the page the watch ends: focus lost after that is theirs (a button
    // disabled while its work runs gives it back itself, useFocusBackAfterBusy), not the old page's.
    // Pressed within the watch, such a button lost the focus to the heading.
    const stop = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      document.removeEventListener('pointerdown', stop, true);
      document.removeEventListener('keydown', stop, true);
    };
    document.addEventListener('pointerdown', stop, true);
    document.addEventListener('keydown', stop, true);
    return stop;
  }, [page]);
}
