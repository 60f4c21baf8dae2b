/**
 * The sections of Settings in page order, each by its heading's id: the page's contents, and the
 * places a banner can open the page at (the backup warning, the recovery key reminder).
 */
export const settingsSections = [
  { heading: 'general-title', label: 'General' },
  { heading: 'deadlines-title', label: 'Note deadlines' },
  { heading: 'appearance-title', label: 'Appearance' },
  { heading: 'this-computer-heading', label: 'This computer and the others' },
  { heading: 'backups-title', label: 'Backups' },
  { heading: 'check-vault-title', label: 'Check the vault' },
  { heading: 'vault-location-title', label: 'Where the vault lives' },
  { heading: 'security-title', label: 'Passphrase and recovery key' },
  { heading: 'templates-title', label: 'Note templates' },
  { heading: 'practice-title', label: 'Practice details' },
  { heading: 'exchange-title', label: 'Export and import' },
] as const;

/** Brings a section's heading into view and moves focus to it (it takes focus for this). */
export function showSettingsSection(heading: string): void {
  const target = document.getElementById(heading);
  if (!target) return;
  target.tabIndex = -1;
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}
