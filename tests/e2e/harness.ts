import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { pdfLayouts } from '../../main/app/startApp';
import { type Backend, createBackend } from '../../main/ipc/createBackend';
import type { PdfLayout } from '../../main/ipc/createHandlers';
import type { FilePurpose, FolderPurpose, SavePurpose } from '../../shared/ipc/contract';

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

/**
 * Stands in for the native open and folder dialogs: answers the next request with the path the
 * test chose, once (a dialog is opened anew each time); with nothing chosen, the user cancels.
 * Also records what the app asked the file manager to show.
 */
export class FileChooserStub {
  #next: string | null = null;
  readonly asked: Array<FilePurpose | FolderPurpose | SavePurpose> = [];
  readonly shown: string[] = [];
  choose(path: string | null): void {
    this.#next = path;
  }
  async answer(purpose: FilePurpose | FolderPurpose | SavePurpose): Promise<string | null> {
    this.asked.push(purpose);
    const path = this.#next;
    this.#next = null;
    return path;
  }
  /** Where the app's folder dialogs opened, when the app said (exports open at the last export's folder). */
  readonly folderDefaults: Array<string | undefined> = [];
  async answerFolder(purpose: FolderPurpose, defaultPath?: string): Promise<string | null> {
    this.folderDefaults.push(defaultPath);
    return this.answer(purpose);
  }
  /** Where the app's save dialogs opened (their default path), in order. */
  readonly saveDefaults: string[] = [];
  #acceptSave = false;
  /** The next save dialog is answered with the path it suggests, as a user pressing Save would. */
  acceptNextSave(): void {
    this.#acceptSave = true;
  }
  /** The save dialog: answered like the others (or accepted as suggested); its suggestion is recorded. */
  async answerSave(purpose: SavePurpose, defaultPath: string): Promise<string | null> {
    this.saveDefaults.push(defaultPath);
    if (this.#acceptSave) {
      this.#acceptSave = false;
      this.asked.push(purpose);
      return defaultPath;
    }
    return this.answer(purpose);
  }
}

/** Stands in for the system clipboard (the harness has no Electron): holds one text. */
export class ClipboardStub {
  text = '';
  writeText(text: string): void {
    this.text = text;
  }
  readText(): string {
    return this.text;
  }
}

/** Chromium prints the page as Electron's printToPDF does in the app, with the app's options. */
function pdfOptions(layout: PdfLayout) {
  const options = pdfLayouts[layout];
  const margins = options.margins ?? {};
  const inches = (value: number | undefined) => (value === undefined ? undefined : `${value}in`);
  return {
    format: typeof options.pageSize === 'string' ? options.pageSize : 'A4',
    printBackground: options.printBackground,
    displayHeaderFooter: options.displayHeaderFooter,
    headerTemplate: options.headerTemplate,
    footerTemplate: options.footerTemplate,
    margin: {
      top: inches(margins.top),
      bottom: inches(margins.bottom),
      left: inches(margins.left),
      right: inches(margins.right),
    },
  };
}

/** The real backend over `dataDir`, its events delivered to the page and its shell seams faked. */
async function attachBackend(
  page: Page,
  dataDir: string,
  chooser: FileChooserStub,
  clipboard = new ClipboardStub(),
): Promise<Backend> {
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
    chooseFile: (purpose) => chooser.answer(purpose),
    chooseFolder: (purpose, defaultPath) => chooser.answerFolder(purpose, defaultPath),
    chooseSavePath: (purpose, defaultPath) => chooser.answerSave(purpose, defaultPath),
    clipboard,
    printToPdf: (layout) => page.pdf(pdfOptions(layout)),
    showItemInFolder: (path) => {
      chooser.shown.push(path);
    },
  });
  await installApi(page, backend);
  return backend;
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

/** A separate user of Attune: own browser context, data folder, backend and file dialog. */
export interface Profile {
  page: Page;
  dataDir: string;
  backend: Backend;
  openApp: () => Promise<void>;
  nextChosenFile: (path: string | null) => void;
  fileChooser: FileChooserStub;
}

export interface HarnessFixtures {
  /** The per-test data folder (the vault is in `<dataDir>/vault`). */
  dataDir: string;
  backend: Backend;
  /** Opens the app in the page, as a fresh window would. */
  openApp: () => Promise<void>;
  /** Decides what the app's next open dialog answers (a path, or null: the user cancels). */
  nextChosenFile: (path: string | null) => void;
  /** A second profile (another person's Attune), made only for tests that ask for it. */
  secondProfile: Profile;
  fileChooser: FileChooserStub;
  /** The system clipboard as the app sees it. */
  clipboard: ClipboardStub;
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
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature needs the destructuring.
  fileChooser: async ({}, use) => {
    await use(new FileChooserStub());
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature needs the destructuring.
  clipboard: async ({}, use) => {
    await use(new ClipboardStub());
  },
  backend: async ({ dataDir, page, fileChooser, clipboard }, use) => {
    const backend = await attachBackend(page, dataDir, fileChooser, clipboard);
    await use(backend);
    await backend.dispose();
  },
  nextChosenFile: async ({ fileChooser }, use) => {
    await use((path) => fileChooser.choose(path));
  },
  secondProfile: async ({ browser, rendererUrl }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'attune-e2e-second-'));
    const context = await browser.newContext();
    const page = await context.newPage();
    const chooser = new FileChooserStub();
    const backend = await attachBackend(page, dataDir, chooser);
    await use({
      page,
      dataDir,
      backend,
      openApp: async () => {
        await page.goto(rendererUrl);
      },
      nextChosenFile: (path) => chooser.choose(path),
      fileChooser: chooser,
    });
    await backend.dispose();
    await context.close();
    await rm(dataDir, { recursive: true, force: true });
  },
  openApp: async ({ page, backend, rendererUrl }, use) => {
    void backend;
    await use(async () => {
      await page.goto(rendererUrl);
    });
  },
});

export { expect } from '@playwright/test';
