import { describe, expect, it } from 'vitest';
import { spellcheckConfig } from '../../../main/app/spellcheckPolicy';

const local = 'file:///opt/Attune/resources/dictionaries/';

describe('spellcheckConfig', () => {
  it('uses the system checker on macOS, where nothing is ever downloaded', () => {
    expect(spellcheckConfig('darwin', local)).toMatchObject({ enabled: true, dictionaryDownloadUrl: null });
  });

  it('uses the Windows checker, with downloads pointed at the app’s own folder', () => {
    expect(spellcheckConfig('win32', local)).toMatchObject({ enabled: true, dictionaryDownloadUrl: local });
  });

  it('is off on Linux (and every other platform), whose dictionaries would come from the network', () => {
    for (const platform of ['linux', 'freebsd', 'openbsd'] as const) {
      const config = spellcheckConfig(platform, local);
      expect(config).toMatchObject({ enabled: false, dictionaryDownloadUrl: local });
      expect(config.explanation).toContain('off on Linux');
    }
  });

  it('never points downloads at anything but a local folder', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const url = spellcheckConfig(platform, local).dictionaryDownloadUrl;
      expect(url === null || url.startsWith('file://')).toBe(true);
    }
    expect(() => spellcheckConfig('win32', 'https://redirector.gvt1.com/edgedl/chrome/dict/')).toThrow();
  });
});
