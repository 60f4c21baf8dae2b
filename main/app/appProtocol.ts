import { extname, join, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { contentSecurityPolicy } from './windowOptions';

export const appScheme = 'app';
export const appHost = 'attune';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * Registered before the app is ready. `standard` gives the renderer a real origin (IndexedDB and
 * relative URLs need one), `secure` makes it a secure context like https:, `supportFetchAPI` lets
 * the renderer fetch its own assets. No `bypassCSP`, no `corsEnabled`, no service workers.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The only file types the renderer build contains; anything else is not served. */
const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type AppRequestTarget = { path: string; mimeType: string } | { status: 403 | 404 };

// Windows opens a device, not a file, for these names in any folder.
const windowsDeviceName = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
// Separators (also once percent-decoded) and ':' (drive letters, NTFS streams) have no place
// in a file name of the renderer build; nor have NUL and other control characters.
const separatorOrColon = /[/\\:]/;
const hasControlCharacter = (text: string) =>
  [...text].some((char) => char.charCodeAt(0) < 0x20 || char === '\u007f');

/**
 * Maps an app:// URL to a file under the renderer build, or to the status to answer.
 * Works on the raw URL text: a URL parser would already have resolved `..` and decoded
 * escapes, hiding exactly what this function must see and refuse.
 */
export function resolveAppRequest(url: string, rendererRoot: string): AppRequestTarget {
  const prefix = `${appOrigin}/`;
  if (url === appOrigin) return indexFile(rendererRoot);
  // The exact prefix pins scheme, host, no credentials and no port in one comparison.
  if (!url.startsWith(prefix)) return { status: 403 };

  const rawPath = url.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath === '') return indexFile(rendererRoot);

  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 403 };
    }
    // Empty segments ('//', a trailing '/'), dot segments, dotfiles and anything with a
    // separator in it are refused rather than normalised.
    if (
      segment === '' ||
      segment.startsWith('.') ||
      separatorOrColon.test(segment) ||
      hasControlCharacter(segment)
    ) {
      return { status: 403 };
    }
    if (windowsDeviceName.test(segment)) return { status: 403 };
    segments.push(segment);
  }

  const fileName = segments[segments.length - 1] ?? '';
  const mimeType = mimeTypes[extname(fileName).toLowerCase()];
  if (mimeType === undefined) return { status: 404 };

  const root = resolve(rendererRoot);
  const path = join(root, ...segments);
  // Belt and braces: whatever the checks above missed, never leave the renderer build.
  if (!path.startsWith(root + sep)) return { status: 403 };
  return { path, mimeType };
}

function indexFile(rendererRoot: string): AppRequestTarget {
  return { path: join(resolve(rendererRoot), 'index.html'), mimeType: 'text/html; charset=utf-8' };
}

/** Headers on every app:// response, errors included. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** ArrayBuffer-backed, as `fs.readFile` gives: a Response body cannot be a view on shared memory. */
export type ReadFile = (path: string) => Promise<Uint8Array<ArrayBuffer>>;

/** The app:// handler for `session.protocol.handle`: static files from the renderer build only. */
export function createAppProtocolHandler(
  rendererRoot: string,
  readFile: ReadFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');

    const target = resolveAppRequest(request.url, rendererRoot);
    if ('status' in target) return plain(target.status, target.status === 403 ? 'Forbidden' : 'Not found');

    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readFile(target.path);
    } catch (error) {
      return isMissingFile(error) ? plain(404, 'Not found') : plain(500, 'Could not read the file');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...securityHeaders, 'Content-Type': target.mimeType },
    });
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
