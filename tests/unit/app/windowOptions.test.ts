import { describe, expect, test } from 'vitest';
import {
  appPartition,
  contentSecurityPolicy,
  openAppWindow,
  secureWindowOptions,
} from '../../../main/app/windowOptions';

const preload = '/app/out/preload/index.cjs';

function prefs(devTools = false) {
  const options = secureWindowOptions(preload, { devTools });
  if (!options.webPreferences) throw new Error('the window must have webPreferences');
  return options.webPreferences;
}

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('secureWindowOptions', () => {
  // One assertion per setting, so deleting or flipping any one of them fails a named test.
  test.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['enableWebSQL', false],
    ['plugins', false],
    ['safeDialogs', true],
    ['spellcheck', false],
    ['disableBlinkFeatures', 'Auxclick'],
  ] as const)('webPreferences.%s is %s', (key, value) => {
    expect(prefs()[key]).toBe(value);
  });

  test('never enables Blink features or extra command-line switches', () => {
    expect(prefs().enableBlinkFeatures).toBeUndefined();
    expect(prefs().additionalArguments).toBeUndefined();
  });

  test('uses the named in-memory session: a persist: partition would write IndexedDB to disk', () => {
    expect(prefs().partition).toBe('attune-session');
    expect(appPartition).toBe('attune-session');
    expect(prefs().partition?.startsWith('persist:')).toBe(false);
    expect(prefs().session).toBeUndefined();
  });

  test('loads the given preload', () => {
    expect(prefs().preload).toBe(preload);
  });

  test('DevTools follow the flag: off when packaged, on while developing', () => {
    expect(prefs(false).devTools).toBe(false);
    expect(prefs(true).devTools).toBe(true);
  });

  test('the window stays hidden until ready-to-show', () => {
    expect(secureWindowOptions(preload, { devTools: false }).show).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  const policy = directives(contentSecurityPolicy);

  test('has exactly the expected directives and sources', () => {
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
    });
  });

  test('never allows eval, WebAssembly eval, inline script or remote hosts', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('openAppWindow', () => {
  test('constructs the window with exactly the secure options', () => {
    const constructed: unknown[] = [];
    class FakeWindow {
      constructor(options: unknown) {
        constructed.push(options);
      }
    }
    const window = openAppWindow(FakeWindow, preload, { devTools: false });
    expect(window).toBeInstanceOf(FakeWindow);
    expect(constructed).toEqual([secureWindowOptions(preload, { devTools: false })]);
  });
});
