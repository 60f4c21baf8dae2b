import type { ThemePreference } from '../../../shared/domain/themePreference';
import { call } from '../data/api';

/**
 * The theme on screen: `<html data-theme="light|dark|system">`. tokens.css draws light or dark
 * from it, and "system" leaves the choice to the operating system (prefers-color-scheme).
 */
export function applyTheme(theme: ThemePreference, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
}

/** The theme now on screen; "system" before anything was applied. */
export function currentTheme(root: HTMLElement = document.documentElement): ThemePreference {
  const theme = root.dataset.theme;
  return theme === 'light' || theme === 'dark' ? theme : 'system';
}

/**
 * Reads this computer's theme and applies it; used before the first render so the lock screen is
 * drawn in it. Gives up after `waitMs` (the system's theme stays) rather than hold the window blank.
 */
export async function loadTheme(waitMs = 500): Promise<ThemePreference> {
  const stored = call('appearance:get').then(
    (appearance) => appearance.theme,
    () => 'system' as const,
  );
  const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), waitMs));
  const theme = await Promise.race([stored, late]);
  if (theme === 'late') {
    // Applied when it arrives, still before the user can do much.
    void stored.then((arrived) => applyTheme(arrived));
    return currentTheme();
  }
  applyTheme(theme);
  return theme;
}

/** Shows `theme` at once and stores it for this computer; on failure the previous one comes back. */
export async function saveTheme(theme: ThemePreference): Promise<ThemePreference> {
  const previous = currentTheme();
  applyTheme(theme);
  try {
    return (await call('appearance:setTheme', { theme })).theme;
  } catch (failure) {
    applyTheme(previous);
    throw failure;
  }
}
