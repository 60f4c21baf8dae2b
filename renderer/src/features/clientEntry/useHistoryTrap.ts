import { useEffect } from 'react';

/**
 * Keeps the back and forward buttons (mouse, Alt+Left) on this page: an entry of our own is
 * pushed, and whenever the browser moves off it, it is pushed again. Nothing is navigated.
 */
export function useHistoryTrap(): void {
  useEffect(() => {
    const marker = { clientEntry: true };
    window.history.pushState(marker, '');
    const onPop = () => window.history.pushState(marker, '');
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
}
