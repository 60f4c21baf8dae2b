/**
 * Spell-check through the operating system's own checker, never a download.
 *
 * - macOS: Chromium asks the system's NSSpellChecker (the languages the user set up in System
 *   Settings); no dictionary is ever downloaded, so it is on.
 * - Windows: Chromium asks the Windows spell checker (the languages installed with Windows). For a
 *   language Windows lacks it would fetch a Hunspell dictionary from Google's CDN, so the
 *   download address points into the app's own folder, where none is bundled: nothing is fetched.
 * - Linux: there is no system checker Chromium uses; every dictionary would come from Google's
 *   CDN. Attune bundles none, so spell-check is off (and the download address is local anyway).
 */
export interface SpellcheckConfig {
  /** `webPreferences.spellcheck` and `session.setSpellCheckerEnabled`. */
  enabled: boolean;
  /**
   * Where Chromium would download Hunspell dictionaries from (`setSpellCheckerDictionaryDownloadURL`),
   * or null where it never downloads (macOS, where that call does nothing).
   */
  dictionaryDownloadUrl: string | null;
  /** What the user is told (README, Settings), in plain words. */
  explanation: string;
}

/** The spell-check set-up for `platform`; `localDictionaries` is a file:// URL ending in '/'. */
export function spellcheckConfig(platform: NodeJS.Platform, localDictionaries: string): SpellcheckConfig {
  if (!localDictionaries.startsWith('file://') || !localDictionaries.endsWith('/')) {
    throw new Error(`spellcheckConfig: ${localDictionaries} is not a file:// folder URL`);
  }
  switch (platform) {
    case 'darwin':
      return {
        enabled: true,
        dictionaryDownloadUrl: null,
        explanation: 'Spelling is checked by macOS, in the languages set in System Settings.',
      };
    case 'win32':
      return {
        enabled: true,
        dictionaryDownloadUrl: localDictionaries,
        explanation: 'Spelling is checked by Windows, in the languages installed with Windows.',
      };
    default:
      return {
        enabled: false,
        dictionaryDownloadUrl: localDictionaries,
        explanation:
          'Spell-check is off on Linux: its dictionaries would be downloaded from Google, and Attune keeps your computer off the network.',
      };
  }
}
