import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  appEntryUrl,
  appSchemePrivileges,
  createAppProtocolHandler,
  resolveAppRequest,
} from '../../../main/app/appProtocol';
import { contentSecurityPolicy } from '../../../main/app/windowOptions';

const root = resolve('/srv/attune/out/renderer');

describe('appSchemePrivileges', () => {
  test('app:// is standard and secure (IndexedDB needs an origin) and bypasses nothing', () => {
    expect(appSchemePrivileges).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(appEntryUrl).toBe('app://attune/index.html');
  });
});

describe('resolveAppRequest', () => {
  test.each([
    ['app://attune/', 'index.html'],
    ['app://attune', 'index.html'],
    ['app://attune/index.html', 'index.html'],
    ['app://attune/index.html?x=1#top', 'index.html'],
    ['app://attune/assets/index-abc123.js', join('assets', 'index-abc123.js')],
    ['app://attune/assets/my%20font.woff2', join('assets', 'my font.woff2')],
  ])('%s serves %s from the renderer build', (url, file) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ path: join(root, file) });
  });

  test.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.png', 'image/png'],
    ['favicon.ico', 'image/x-icon'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['A.PNG', 'image/png'],
  ])('%s is served as %s', (file, mimeType) => {
    expect(resolveAppRequest(`app://attune/${file}`, root)).toMatchObject({ mimeType });
  });

  test.each(['a.map', 'a.txt', 'a.exe', 'README', 'assets/a.js.bak'])(
    '%s (an unknown type) is not served',
    (file) => {
      expect(resolveAppRequest(`app://attune/${file}`, root)).toEqual({ status: 404 });
    },
  );

  test.each([
    // traversal, plain and encoded
    'app://attune/../secret.json',
    'app://attune/assets/../../secret.json',
    'app://attune/assets/../index.html',
    'app://attune/%2e%2e/secret.json',
    'app://attune/%2E%2E/secret.json',
    'app://attune/.%2e/secret.json',
    'app://attune/assets/%2e%2e%2f%2e%2e%2fsecret.json',
    'app://attune/%2e%2e%5csecret.json',
    'app://attune/./index.html',
    // encoded separators and backslashes
    'app://attune/assets%2findex.js',
    'app://attune/assets%5cindex.js',
    'app://attune/..\\secret.json',
    'app://attune/assets\\index.js',
    // absolute paths and drive letters
    'app://attune//etc/passwd.json',
    'app://attune/%2fetc/passwd.json',
    'app://attune/C:/Windows/win.ini.json',
    'app://attune/C%3a%5cWindows%5cwin.json',
    // dotfiles, NUL, broken escapes, Windows device names
    'app://attune/.env.json',
    'app://attune/index.html%00.png',
    'app://attune/%E0%A4%A.js',
    'app://attune/nul.js',
    'app://attune/assets/',
    // other hosts, schemes, ports and credentials
    'app://evil/index.html',
    'app://attune.evil/index.html',
    'app://attune:8080/index.html',
    'app://user:pw@attune/index.html',
    'app://attune@evil/index.html',
    'file:///srv/attune/out/renderer/index.html',
    'https://attune/index.html',
    '',
  ])('%s is refused', (url) => {
    expect(resolveAppRequest(url, root)).toEqual({ status: 403 });
  });

  test('no URL at all can name a file outside the renderer build', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E.',
        '%2f',
        '%5c',
        '\\',
        '',
        'assets',
        'index.html',
        'a.js',
        '%00',
        'C:',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 8 }),
        fc.constantFrom('', '.js', '.html'),
        (segments, ext) => {
          const target = resolveAppRequest(`app://attune/${segments.join('/')}${ext}`, root);
          if ('path' in target) expect(target.path.startsWith(root + sep)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('createAppProtocolHandler', () => {
  let base: string;
  let rendererRoot: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'attune-protocol-'));
    rendererRoot = join(base, 'renderer');
    await mkdir(join(rendererRoot, 'assets'), { recursive: true });
    await writeFile(join(rendererRoot, 'index.html'), '<!doctype html><title>Attune</title>');
    await writeFile(join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
    await mkdir(join(rendererRoot, 'assets', 'dir.js'));
    await writeFile(join(base, 'secret.json'), '{"passphrase":"hunter2"}');
    handle = createAppProtocolHandler(rendererRoot, readFile);
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  test('serves a file with its MIME type, the CSP and nosniff', async () => {
    const response = await handle(new Request('app://attune/assets/app.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('serves index.html for the root', async () => {
    const response = await handle(new Request('app://attune/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Attune</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  test('answers HEAD without a body', async () => {
    const response = await handle(new Request('app://attune/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  test('refuses traversal without reading the file, with the security headers still set', async () => {
    let read = false;
    const guarded = createAppProtocolHandler(rendererRoot, async (path) => {
      read = true;
      return readFile(path);
    });
    // The raw string, as Chromium might hand it over before any normalisation.
    const request = { method: 'GET', url: 'app://attune/%2e%2e/secret.json' } as Request;
    const response = await guarded(request);
    expect(response.status).toBe(403);
    expect(read).toBe(false);
    expect(await response.text()).not.toContain('hunter2');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('a missing file or a folder is 404', async () => {
    expect((await handle(new Request('app://attune/assets/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://attune/assets/dir.js'))).status).toBe(404);
  });

  test('any other read failure is 500, without details', async () => {
    const failing = createAppProtocolHandler(rendererRoot, async () => {
      throw Object.assign(new Error('EACCES: /home/someone/secret'), { code: 'EACCES' });
    });
    const response = await failing(new Request('app://attune/index.html'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('/home/someone');
  });

  test('only GET and HEAD are answered', async () => {
    const response = await handle(new Request('app://attune/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
