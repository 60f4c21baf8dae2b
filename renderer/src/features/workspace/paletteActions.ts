import { focusModeShortcut } from '../note/focusMode';
import { settingsSections } from '../settings/settingsSections';
import type { Route, SettingsSection } from './Route';

/**
 * What a palette command does: go somewhere, lock, set the theme, or press one of a page's own
 * buttons (found by its visible name, after going to `route` if one is given), so the palette
 * reaches an action through the same code as the click.
 */
export type PaletteAction =
  | { kind: 'go'; route: Route }
  | { kind: 'lock' }
  | { kind: 'theme'; theme: 'light' | 'dark' | 'system' }
  | { kind: 'press'; button: string; route?: Route };

/** One of the palette's fixed actions: `words` are what typing may match besides the label. */
export interface PaletteEntry {
  id: string;
  label: string;
  words: string;
  /** The shortcut, where the action has one. */
  hint?: string;
  action: PaletteAction;
}

/** "New client": the Clients page, its New client form open (from the palette, or an empty Today). */
export const newClientAction: PaletteAction = {
  kind: 'press',
  button: 'New client',
  route: { page: 'clients' },
};

/** The app's pages and actions, in the order the palette lists them. */
export const appActions: readonly PaletteEntry[] = [
  { id: 'today', label: 'Today', words: 'home notes to write', action: go({ page: 'today' }) },
  {
    id: 'new-note',
    label: 'New session note',
    words: 'write start',
    action: go({ page: 'today', newNoteFor: { clientId: null } }),
  },
  {
    id: 'new-client',
    label: 'New client',
    words: 'add create',
    action: newClientAction,
  },
  { id: 'clients', label: 'All clients', words: 'list', action: go({ page: 'clients' }) },
  { id: 'search', label: 'Search notes', words: 'find', hint: 'Ctrl+F', action: go({ page: 'search' }) },
  { id: 'caseload', label: 'Caseload', words: 'charts reflection', action: go({ page: 'caseload' }) },
  {
    id: 'review-packets',
    label: 'Review packets',
    words: 'supervision',
    action: go({ page: 'review-packets' }),
  },
  { id: 'settings', label: 'Settings', words: 'preferences', action: go({ page: 'settings' }) },
  {
    id: 'back-up',
    label: 'Back up now',
    words: 'backup',
    // Pressed once the section has its status (the button waits for it); without a backup folder
    // it stays disabled, and the section is where one is chosen.
    action: { kind: 'press', button: 'Back up now', route: { page: 'settings', section: 'backups' } },
  },
  {
    id: 'conflicts',
    label: 'Sync conflicts',
    words: 'versions computers',
    action: go({ page: 'conflicts' }),
  },
  {
    id: 'theme-dark',
    label: 'Dark theme',
    words: 'appearance mode',
    action: { kind: 'theme', theme: 'dark' },
  },
  {
    id: 'theme-light',
    label: 'Light theme',
    words: 'appearance mode',
    action: { kind: 'theme', theme: 'light' },
  },
  {
    id: 'theme-system',
    label: 'Theme: follow the system',
    words: 'appearance mode dark light',
    action: { kind: 'theme', theme: 'system' },
  },
  { id: 'lock', label: 'Lock', words: 'close', hint: 'Ctrl+L', action: { kind: 'lock' } },
];

/** Each Settings section by the route's name for it, with the words that find it. */
const sectionOf: Record<
  (typeof settingsSections)[number]['heading'],
  { section: SettingsSection; words: string }
> = {
  'general-title': { section: 'general', words: 'auto lock idle minutes signing name concern line' },
  'deadlines-title': { section: 'deadlines', words: 'late overdue hours' },
  'appearance-title': { section: 'appearance', words: 'theme dark light mode' },
  'this-computer-heading': { section: 'sync', words: 'sync conflicts devices shared folder' },
  'backups-title': { section: 'backups', words: 'backup restore folder' },
  'check-vault-title': { section: 'check-vault', words: 'verify repair integrity' },
  'vault-location-title': { section: 'vault-location', words: 'folder move location' },
  'security-title': { section: 'security', words: 'security password rotate key' },
  'templates-title': { section: 'templates', words: 'template' },
  'practice-title': { section: 'practice', words: 'address letterhead' },
  'exchange-title': { section: 'export', words: 'export import data' },
};

/** The heading each section of Settings opens at. */
export const settingsHeadingOf = Object.fromEntries(
  Object.entries(sectionOf).map(([heading, { section }]) => [section, heading]),
) as Record<SettingsSection, string>;

/** "Settings → Appearance" and the others: Settings opened at that section. */
export const settingsActions: readonly PaletteEntry[] = settingsSections.map(({ heading, label }) => ({
  id: `settings:${sectionOf[heading].section}`,
  label: `Settings → ${label}`,
  words: `settings ${sectionOf[heading].words}`,
  action: go({ page: 'settings', section: sectionOf[heading].section }),
}));

/**
 * The open note's actions, offered while its button is on the page (a signed note has no Sign).
 * `label` is the button's visible name.
 */
export const noteActions: readonly PaletteEntry[] = [
  { id: 'note:sign', label: 'Sign note', words: 'signature finish', action: press('Sign note') },
  {
    id: 'note:focus',
    label: 'Focus mode',
    words: 'calm distraction writing',
    hint: focusModeShortcut,
    action: press('Focus mode'),
  },
  {
    id: 'note:print',
    label: 'Print or save as PDF',
    words: 'print pdf record',
    action: press('Print or save as PDF'),
  },
];

function go(route: Route): PaletteAction {
  return { kind: 'go', route };
}

function press(button: string): PaletteAction {
  return { kind: 'press', button };
}
