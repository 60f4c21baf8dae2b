import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { type Backend, createBackend } from '../../main/ipc/createBackend';

/**
 * The e2e harness: the built renderer served over HTTP, and in place of the preload an object of
 * the same `AttuneApi` type whose calls go through `page.exposeFunction` to the real main-side
 * router and services over a fresh temp data folder. Only the transport differs from the app.
 */

const rendererRoot = resolve(__dirname, '../../out/renderer');

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

async function serveRenderer(): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(rendererRoot, 'index.html'))) {
    throw new Error('The renderer is not built. Run `npm run build` first (npm test does it for you).');
  }
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(rendererRoot, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(rendererRoot + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response
        .writeHead(200, { 'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** Installs `window.attune` in the page before any of its scripts run. */
async function installApi(page: Page, backend: Backend): Promise<void> {
  await page.exposeFunction('__attuneInvoke', (method: unknown, input: unknown) =>
    backend.router.call(method, input),
  );
  await page.addInitScript(() => {
    type Listener = (payload: unknown) => void;
    const listeners = new Map<string, Set<Listener>>();
    const w = window as unknown as Record<string, unknown>;
    const invoke = w.__attuneInvoke as (method: string, input: unknown) => Promise<unknown>;
    w.__attuneDispatch = (event: string, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    Object.defineProperty(window, 'attune', {
      value: Object.freeze({
        invoke: (method: string, input?: unknown) => invoke(method, input),
        on(event: string, listener: Listener) {
          const set = listeners.get(event) ?? new Set<Listener>();
          listeners.set(event, set);
          set.add(listener);
          return () => set.delete(listener);
        },
      }),
    });
  });
}

export interface HarnessFixtures {
  /** The per-test data folder (the vault is in `<dataDir>/vault`). */
  dataDir: string;
  backend: Backend;
  /** Opens the app in the page, as a fresh window would. */
  openApp: () => Promise<void>;
}

export const test = base.extend<HarnessFixtures, { rendererUrl: string }>({
  rendererUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature needs the destructuring.
    async ({}, use) => {
      const { server, url } = await serveRenderer();
      await use(url);
      await new Promise((done) => server.close(done));
    },
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature needs the destructuring.
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'attune-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  backend: async ({ dataDir, page }, use) => {
    const backend = createBackend({
      dataDir,
      version: 'e2e',
      emit: (event, payload) => {
        void page
          .evaluate(
            ([e, p]) =>
              (window as unknown as { __attuneDispatch: (e: string, p: unknown) => void }).__attuneDispatch(
                e,
                p,
              ),
            [event, payload] as const,
          )
          .catch(() => undefined);
      },
    });
    await installApi(page, backend);
    await use(backend);
    await backend.dispose();
  },
  openApp: async ({ page, backend, rendererUrl }, use) => {
    void backend;
    await use(async () => {
      await page.goto(rendererUrl);
    });
  },
});

export { expect } from '@playwright/test';
