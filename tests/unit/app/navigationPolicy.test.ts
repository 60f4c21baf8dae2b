import { describe, expect, test, vi } from 'vitest';
import {
  denyAllPermissions,
  type GuardedContents,
  guardContents,
  isSafeExternalUrl,
  type PermissionedSession,
  toSafeExternalUrl,
} from '../../../main/app/navigationPolicy';

describe('isSafeExternalUrl', () => {
  test.each(['https://www.apa.org/ethics/code', 'https://example.org:8443/path?q=1#frag'])(
    '%s may open in the OS browser',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );

  test.each([
    'http://example.org/',
    'file:///etc/passwd',
    'mailto:someone@example.org',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://attune/index.html',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'https://user:secret@example.org/',
    'https://user@example.org/',
    'https://',
    'https://exa mple.org/',
    'not a url',
    '',
    `https://example.org/${'a'.repeat(2100)}`,
  ])('%s is refused', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  test('the OS gets the normalised form that was checked, not the raw text', () => {
    expect(toSafeExternalUrl('HTTPS://Example.ORG')).toBe('https://example.org/');
    expect(toSafeExternalUrl('https:\\\\example.org\\a b')).toBe('https://example.org/a%20b');
    expect(toSafeExternalUrl('mailto:a@example.org')).toBeUndefined();
  });
});

/** A webContents stand-in that records what the policy installs. */
function recordingContents() {
  const listeners = new Map<string, (event: unknown) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents: GuardedContents = {
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
    on(event: string, listener: (event: never) => void) {
      listeners.set(event, listener as (event: unknown) => void);
      return contents;
    },
  };
  const fire = (name: string, url = 'https://example.org/') => {
    const event = { url, preventDefault: vi.fn() };
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener(event);
    return event;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('guardContents', () => {
  test('every new window is denied; only a safe URL goes to the OS browser', () => {
    const openExternal = vi.fn(async () => {});
    const { contents, open } = recordingContents();
    guardContents(contents, openExternal, ['example.org']);

    expect(open('https://example.org/help')).toEqual({ action: 'deny' });
    expect(open('HTTPS://Example.org/Help')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('app://attune/index.html')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.org/help'], ['https://example.org/Help']]);
  });

  test('navigation is always prevented; a safe link opens outside instead', () => {
    const openExternal = vi.fn(async () => {});
    const { contents, fire } = recordingContents();
    guardContents(contents, openExternal, ['example.org']);

    for (const url of [
      'https://example.org/',
      'http://example.org/',
      'app://attune/other.html',
      'file:///etc',
    ]) {
      expect(fire('will-navigate', url).preventDefault).toHaveBeenCalledOnce();
    }
    expect(openExternal.mock.calls).toEqual([['https://example.org/']]);
  });

  test('by default no host is allowed: the app has no external links, so nothing opens', () => {
    const openExternal = vi.fn(async () => {});
    const { contents, open, fire } = recordingContents();
    guardContents(contents, openExternal);
    expect(open('https://example.org/?notes=secret')).toEqual({ action: 'deny' });
    expect(fire('will-navigate', 'https://example.org/').preventDefault).toHaveBeenCalledOnce();
    expect(openExternal).not.toHaveBeenCalled();
  });

  test('frame navigation and <webview> attachment are always prevented and open nothing', () => {
    const openExternal = vi.fn(async () => {});
    const { contents, fire } = recordingContents();
    guardContents(contents, openExternal);

    expect(fire('will-frame-navigate').preventDefault).toHaveBeenCalledOnce();
    expect(fire('will-attach-webview').preventDefault).toHaveBeenCalledOnce();
    expect(openExternal).not.toHaveBeenCalled();
  });

  test('a failing openExternal is reported, not thrown into Electron', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { contents, open } = recordingContents();
    guardContents(contents, async () => {
      throw new Error('no browser');
    }, ['example.org']);
    expect(open('https://example.org/')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    error.mockRestore();
  });
});

describe('denyAllPermissions', () => {
  test('every permission request, check and device request is refused', () => {
    const installed: Partial<Record<keyof PermissionedSession, (...args: never[]) => unknown>> = {};
    const session: PermissionedSession = {
      setPermissionRequestHandler: (handler) => {
        installed.setPermissionRequestHandler = handler;
      },
      setPermissionCheckHandler: (handler) => {
        installed.setPermissionCheckHandler = handler;
      },
      setDevicePermissionHandler: (handler) => {
        installed.setDevicePermissionHandler = handler;
      },
    };
    denyAllPermissions(session);

    const request =
      installed.setPermissionRequestHandler as PermissionedSession['setPermissionRequestHandler'] extends (
        handler: infer H,
      ) => void
        ? H
        : never;
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'unknown',
    ]) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect((installed.setPermissionCheckHandler as () => boolean)()).toBe(false);
    expect((installed.setDevicePermissionHandler as () => boolean)()).toBe(false);
  });
});
