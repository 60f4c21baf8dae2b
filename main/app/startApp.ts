import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxSyncOptions,
  OpenDialogOptions,
  PrintToPDFOptions,
  SaveDialogOptions,
} from 'electron';
import { appearanceSchema, type ThemePreference } from '../../shared/domain/themePreference';
import { channels } from '../../shared/ipc/api';
import type { FilePurpose, FolderPurpose, SavePurpose } from '../../shared/ipc/contract';
import type { EventName, Events } from '../../shared/ipc/events';
import type { PdfLayout } from '../ipc/createHandlers';
import type { Router } from '../ipc/createRouter';
import type { TextClipboard } from '../services/recoveryKey/RecoveryKeyClipboard';
import { appMenuTemplate } from './appMenuTemplate';
import { appEntryUrl, appScheme, appSchemePrivileges, createAppProtocolHandler } from './appProtocol';
import { type ContextMenuFacts, contextMenuTemplate } from './contextMenu';
import { autoLockMinutesOf, type IdleClock, wireIdleLock } from './idleLock';
import {
  type Lockable,
  type PowerEvents,
  type QuitEvents,
  type RendererEvents,
  wireLockTriggers,
  wireRendererLock,
} from './lockTriggers';
import {
  denyAllPermissions,
  type GuardedContents,
  guardContents,
  type PermissionedSession,
} from './navigationPolicy';
import { createTrustedSenderCheck, type HandlerRegistry, registerIpc, type SenderEvent } from './registerIpc';
import { spellcheckConfig } from './spellcheckPolicy';
import { type UnloadRefusingContents, wireUnsavedChangesDialog } from './unsavedChangesDialog';
import { appPartition, openAppWindow } from './windowOptions';

// The slice of Electron the app uses. `main/app/index.ts` passes the real modules; unit tests
// pass a recording stand-in. Method syntax keeps the real, richer signatures assignable.
export interface AppSlice extends QuitEvents {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  whenReady(): Promise<unknown>;
  getPath(name: 'userData'): string;
  getVersion(): string;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface AppWindow extends RendererEvents {
  readonly webContents: RendererEvents['webContents'] &
    UnloadRefusingContents & {
      readonly id: number;
      send(channel: string, ...args: unknown[]): void;
      printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
      on(event: 'context-menu', listener: (event: unknown, params: ContextMenuFacts) => void): unknown;
      replaceMisspelling(word: string): void;
    };
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  /** As its close button: the page may refuse (beforeunload), see unsavedChangesDialog.ts. */
  close(): void;
}

export interface AppSession extends PermissionedSession {
  readonly protocol: { handle(scheme: string, handler: (request: Request) => Promise<Response>): void };
  setSpellCheckerEnabled(enable: boolean): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
  addWordToSpellCheckerDictionary(word: string): boolean;
}

/** The native dialogs, modal to the app's window `W`. */
export interface DialogSlice<W> {
  showOpenDialog(window: W, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(window: W, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** Blocks until answered; returns the index of the button pressed. */
  showMessageBoxSync(window: W, options: MessageBoxSyncOptions): number;
}

// Generic over the window type, so the real dialog (which takes any BaseWindow) accepts the
// real BrowserWindow, and a stand-in dialog its stand-in window.
export interface ElectronSlice<W extends AppWindow = AppWindow> {
  app: AppSlice;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  dialog: DialogSlice<W>;
  ipcMain: HandlerRegistry<SenderEvent>;
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): { popup(): void };
    setApplicationMenu(menu: object | null): void;
  };
  powerMonitor: PowerEvents & IdleClock;
  protocol: { registerSchemesAsPrivileged(schemes: CustomScheme[]): void };
  session: { fromPartition(partition: string): AppSession; readonly defaultSession: PermissionedSession };
  shell: { openExternal(url: string): Promise<void>; showItemInFolder(path: string): void };
  clipboard: TextClipboard;
  /** The native theme: menus, dialogs, scrollbars and the renderer's prefers-color-scheme follow it. */
  nativeTheme?: { themeSource: ThemePreference };
}

export interface AppBackend extends Lockable {
  readonly router: Router;
}

export type CreateBackend = (options: {
  dataDir: string;
  version: string;
  emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  chooseFile: (purpose: FilePurpose) => Promise<string | null>;
  chooseFolder: (purpose: FolderPurpose, defaultPath?: string) => Promise<string | null>;
  printToPdf: (layout: PdfLayout) => Promise<Uint8Array>;
  showItemInFolder: (path: string) => void;
  chooseSavePath: (purpose: SavePurpose, defaultPath: string) => Promise<string | null>;
  clipboard: TextClipboard;
  applyTheme: (theme: ThemePreference) => void;
}) => AppBackend;

/** The file filter of the open dialog for each purpose. */
export const openDialogFilters: Record<FilePurpose, OpenDialogOptions['filters']> = {
  'open-packet': [{ name: 'Attune review packet', extensions: ['attune-review'] }],
  'open-comments': [{ name: 'Attune supervisor comments', extensions: ['attune-comments'] }],
  'import-records': [{ name: 'Attune records export', extensions: ['json'] }],
};

const openDialogTitles: Record<FilePurpose, string> = {
  'open-packet': 'Open a review packet',
  'open-comments': 'Import supervisor comments',
  'import-records': 'Import records',
};

/** The save dialog's title and file type for each purpose. */
export const saveDialogWords: Record<SavePurpose, Pick<SaveDialogOptions, 'title' | 'filters'>> = {
  'recovery-key': { title: 'Save your recovery key', filters: [{ name: 'Text', extensions: ['txt'] }] },
  'review-packet': {
    title: 'Save the review packet',
    filters: [{ name: 'Attune review packet', extensions: ['attune-review'] }],
  },
  'review-summary': { title: 'Save the PDF summary', filters: [{ name: 'PDF', extensions: ['pdf'] }] },
  'review-comments': {
    title: 'Save the comments',
    filters: [{ name: 'Attune supervisor comments', extensions: ['attune-comments'] }],
  },
  'chart-svg': { title: 'Save the chart', filters: [{ name: 'SVG image', extensions: ['svg'] }] },
  'chart-png': { title: 'Save the chart', filters: [{ name: 'PNG image', extensions: ['png'] }] },
};

/** The folder dialog's title and button for each purpose. */
export const folderDialogWords: Record<FolderPurpose, { title: string; buttonLabel: string }> = {
  'backup-folder': { title: 'Choose a folder for backups', buttonLabel: 'Use this folder' },
  'restore-from': { title: 'Choose the folder that holds your backups', buttonLabel: 'Look here' },
  'export-to': { title: 'Choose where to save the export', buttonLabel: 'Save here' },
  'vault-location': { title: 'Choose where to keep your vault', buttonLabel: 'Use this folder' },
  'vault-open': { title: 'Choose the folder that holds your vault', buttonLabel: 'Open this vault' },
};

/**
 * How the case summary is printed: A4, backgrounds on, no header (Chromium's default one would
 * print the real date and the page title), and a footer with the de-identified mark and page
 * numbers on every page. The e2e harness prints the same view with the same options.
 */
export const caseSummaryPdf = {
  pageSize: 'A4',
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: '<span></span>',
  footerTemplate:
    '<div style="width:100%;margin:0 0.5in;font:8px system-ui,sans-serif;color:#333;display:flex;' +
    'justify-content:space-between"><span>De-identified</span><span>Page <span class="pageNumber">' +
    '</span> of <span class="totalPages"></span></span></div>',
  /** Inches, as Electron takes them; room for the footer at the bottom. */
  margins: { top: 0.6, bottom: 0.7, left: 0.5, right: 0.5 },
} as const satisfies PrintToPDFOptions;

/**
 * How a page of the clinical record (a signed note, a client's record export) is printed: A4,
 * no Chromium header, a footer marking it confidential with page numbers on every page.
 */
export const recordPdf = {
  ...caseSummaryPdf,
  footerTemplate:
    '<div style="width:100%;margin:0 0.5in;font:8px system-ui,sans-serif;color:#333;display:flex;' +
    'justify-content:space-between"><span>Confidential clinical record</span><span>Page <span class="pageNumber">' +
    '</span> of <span class="totalPages"></span></span></div>',
} as const satisfies PrintToPDFOptions;

export const pdfLayouts: Record<PdfLayout, PrintToPDFOptions> = {
  'case-summary': caseSummaryPdf,
  record: recordPdf,
};

export interface AppPaths {
  preload: string;
  rendererRoot: string;
}

/** Where the build puts the preload and the renderer, seen from the built main (`out/main`). */
export function appPaths(mainDir: string): AppPaths {
  return { preload: join(mainDir, '../preload/index.cjs'), rendererRoot: join(mainDir, '../renderer') };
}

export interface RunningApp {
  window: AppWindow;
  backend: AppBackend;
}

/**
 * Wires the app together. Before ready: single-instance lock, sandbox for every renderer, the
 * app:// scheme, and the guard on every webContents. On ready: the in-memory session with its
 * app:// handler and deny-all permissions, the menu, the window, the backend, IPC, lock triggers
 * (suspend, screen lock, quit, machine idle, a crashed or hung renderer).
 * Resolves to null when another instance already runs (this one then quits).
 */
export async function startApp<W extends AppWindow>(
  electron: ElectronSlice<W>,
  options: { paths: AppPaths; createBackend: CreateBackend; platform?: NodeJS.Platform },
): Promise<RunningApp | null> {
  const { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, powerMonitor, protocol, session, shell } =
    electron;
  const devTools = !app.isPackaged;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  const openExternal = (url: string) => shell.openExternal(url);
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openExternal));

  let window: W | undefined;
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Closing the window quits on every platform, macOS included: an app left running with an
  // unlocked vault and no window would be the wrong default for clinical notes.
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();

  const appSession = session.fromPartition(appPartition);
  denyAllPermissions(appSession);
  denyAllPermissions(session.defaultSession);
  appSession.protocol.handle(appScheme, createAppProtocolHandler(options.paths.rendererRoot, readFile));
  // The OS's own spell checker where there is one, and never a dictionary from the network.
  const spelling = spellcheckConfig(
    options.platform ?? process.platform,
    `${pathToFileURL(join(dirname(options.paths.rendererRoot), 'dictionaries')).href}/`,
  );
  appSession.setSpellCheckerEnabled(spelling.enabled);
  if (spelling.dictionaryDownloadUrl)
    appSession.setSpellCheckerDictionaryDownloadURL(spelling.dictionaryDownloadUrl);

  const isMac = (options.platform ?? process.platform) === 'darwin';
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ isMac, devTools })));

  const applyTheme = (theme: ThemePreference) => {
    if (electron.nativeTheme) electron.nativeTheme.themeSource = theme;
  };
  const win = openAppWindow(BrowserWindow, options.paths.preload, {
    devTools,
    spellcheck: spelling.enabled,
  });
  window = win;
  const backend = options.createBackend({
    dataDir: app.getPath('userData'),
    version: app.getVersion(),
    emit: (event, payload) => {
      if (!win.isDestroyed()) win.webContents.send(channels.event, [event, payload]);
    },
    // The renderer never names a path itself: the user picks one in the native dialog.
    chooseFile: async (purpose) => {
      const { canceled, filePaths } = await dialog.showOpenDialog(win, {
        title: openDialogTitles[purpose],
        properties: ['openFile'],
        filters: openDialogFilters[purpose],
      });
      return canceled ? null : (filePaths[0] ?? null);
    },
    chooseFolder: async (purpose, defaultPath) => {
      const { canceled, filePaths } = await dialog.showOpenDialog(win, {
        ...folderDialogWords[purpose],
        ...(defaultPath ? { defaultPath } : {}),
        properties: ['openDirectory', 'createDirectory'],
      });
      return canceled ? null : (filePaths[0] ?? null);
    },
    printToPdf: (layout) => win.webContents.printToPDF(pdfLayouts[layout]),
    showItemInFolder: (path) => shell.showItemInFolder(path),
    chooseSavePath: async (purpose, defaultPath) => {
      const { canceled, filePath } = await dialog.showSaveDialog(win, {
        ...saveDialogWords[purpose],
        defaultPath,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return canceled || !filePath ? null : filePath;
    },
    clipboard,
    applyTheme,
  });
  // The theme chosen in Settings, before the window first paints (the renderer reads it too).
  const appearance = await backend.router.call('appearance:get', undefined);
  const stored = appearance.ok ? appearanceSchema.safeParse(appearance.value) : null;
  if (stored?.success) applyTheme(stored.data.theme);
  // Right-click: the OS checker's spelling suggestions where it found a misspelling, and editing.
  win.webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      replaceMisspelling: (word) => win.webContents.replaceMisspelling(word),
      addToDictionary: (word) => appSession.addWordToSpellCheckerDictionary(word),
    });
    if (template.length > 0) Menu.buildFromTemplate(template).popup();
  });
  // Closing while the renderer holds changes main could not save asks before they are lost.
  wireUnsavedChangesDialog(win.webContents, (words) => dialog.showMessageBoxSync(win, words));
  registerIpc(ipcMain, backend.router, createTrustedSenderCheck(win.webContents.id));
  // A quit closes the window first (it may refuse), then locks: see wireLockTriggers.
  wireLockTriggers({ powerMonitor, app }, backend, { windows: () => (win.isDestroyed() ? [] : [win]) });
  // Backstops for the renderer's own auto-lock: a machine idle for the user's auto-lock time,
  // and a renderer that crashed or hangs. The setting is read through the router, as the
  // renderer reads it, and only an unlocked vault has it.
  wireIdleLock(
    powerMonitor,
    async () => autoLockMinutesOf(await backend.router.call('settings:get', undefined)),
    backend,
  );
  wireRendererLock(win, backend);

  win.once('ready-to-show', () => win.show());
  await win
    .loadURL(appEntryUrl)
    .catch((error: unknown) => console.error('[attune] could not load the window:', error));
  return { window: win, backend };
}
