import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxSyncOptions,
  OpenDialogOptions,
  PrintToPDFOptions,
  SaveDialogOptions,
} from 'electron';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { appSchemePrivileges } from '../../../main/app/appProtocol';
import type { SenderEvent } from '../../../main/app/registerIpc';
import {
  type AppBackend,
  type AppPaths,
  appPaths,
  type CreateBackend,
  caseSummaryPdf,
  type ElectronSlice,
  recordPdf,
  startApp,
} from '../../../main/app/startApp';
import { appPartition, secureWindowOptions } from '../../../main/app/windowOptions';
import type { ThemePreference } from '../../../shared/domain/themePreference';
import { methods } from '../../../shared/ipc/contract';
import type { LockReason } from '../../../shared/ipc/events';
import type { Result } from '../../../shared/ipc/result';

type Handler = (event: SenderEvent, ...args: unknown[]) => Promise<Result<unknown>>;

/** A session stand-in recording its protocol handler and permission handlers. */
function fakeSession(name: string) {
  const protocols = new Map<string, (request: Request) => Promise<Response>>();
  const permissions: {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    check?: () => boolean;
    device?: () => boolean;
  } = {};
  const spelling: { enabled?: boolean; downloadUrl?: string; added: string[] } = { added: [] };
  return {
    name,
    protocols,
    permissions,
    spelling,
    setSpellCheckerEnabled: (enable: boolean) => {
      spelling.enabled = enable;
    },
    setSpellCheckerDictionaryDownloadURL: (url: string) => {
      spelling.downloadUrl = url;
    },
    addWordToSpellCheckerDictionary: (word: string) => {
      spelling.added.push(word);
      return true;
    },
    protocol: {
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        protocols.set(scheme, handler),
    },
    setPermissionRequestHandler: (handler: NonNullable<typeof permissions.request>) => {
      permissions.request = handler;
    },
    setPermissionCheckHandler: (handler: () => boolean) => {
      permissions.check = handler;
    },
    setDevicePermissionHandler: (handler: () => boolean) => {
      permissions.device = handler;
    },
  };
}

/** A recording stand-in for the slice of Electron that startApp uses. */
function recordingElectron(options: { gotLock?: boolean; isPackaged?: boolean } = {}) {
  const log: string[] = [];
  let markReady = () => {};
  const ready = new Promise<void>((done) => {
    markReady = done;
  });
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? true,
    requestSingleInstanceLock: () => {
      log.push('requestSingleInstanceLock');
      return options.gotLock ?? true;
    },
    enableSandbox: () => log.push('enableSandbox'),
    quit: vi.fn(() => log.push('quit')),
    whenReady: () => ready,
    getPath: (name: string) => `/home/someone/.config/Attune(${name})`,
    getVersion: () => '1.2.3',
  });

  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    readonly webContents = Object.assign(new EventEmitter(), {
      id: 40 + windows.length,
      sent: [] as unknown[][],
      send(...args: unknown[]) {
        this.sent.push(args);
      },
      openHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
      setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
        this.openHandler = handler;
      },
      replaced: [] as string[],
      replaceMisspelling(word: string) {
        this.replaced.push(word);
      },
      printed: [] as PrintToPDFOptions[],
      async printToPDF(options: PrintToPDFOptions) {
        this.printed.push(options);
        return new TextEncoder().encode('%PDF-1.7 recorded');
      },
    });
    loaded: string[] = [];
    shown = false;
    focused = false;
    restored = false;
    minimized = true;
    destroyed = false;
    closeAsked = 0;
    /** As a window whose page lets it close: gone at once (its refusal is main/app/unsavedChangesDialog's test). */
    close() {
      this.closeAsked += 1;
      this.destroyed = true;
    }
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      log.push('new BrowserWindow');
      windows.push(this);
      // Electron announces every new webContents on the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused = true;
    }
    restore() {
      this.restored = true;
    }
    isMinimized() {
      return this.minimized;
    }
    isDestroyed() {
      return this.destroyed;
    }
  }

  const handlers = new Map<string, Handler>();
  const schemes: CustomScheme[][] = [];
  const partitions: string[] = [];
  const sessions = new Map<string, ReturnType<typeof fakeSession>>();
  const defaultSession = fakeSession('default');
  const menus: MenuItemConstructorOptions[][] = [];
  /** Menus popped up (the right-click menu). */
  const popups: MenuItemConstructorOptions[][] = [];
  const powerMonitor = Object.assign(new EventEmitter(), {
    /** What getSystemIdleTime answers: seconds without input on the machine. */
    idleSeconds: 0,
    getSystemIdleTime() {
      return this.idleSeconds;
    },
  });
  const opened: string[] = [];
  const shown: string[] = [];
  const dialogs: Array<{ window: FakeWindow; options: OpenDialogOptions }> = [];
  /** What the next open dialog answers; the user cancels by default. */
  const dialogAnswer = { canceled: true, filePaths: [] as string[] };
  const saveDialogs: Array<{ window: FakeWindow; options: SaveDialogOptions }> = [];
  /** What the next save dialog answers; the user cancels by default. */
  const saveAnswer: { canceled: boolean; filePath?: string } = { canceled: true };
  const messageBoxes: Array<{ window: FakeWindow; options: MessageBoxSyncOptions }> = [];
  /** The button the next message box is answered with (its index). */
  const messageBoxAnswer = { response: 0 };
  const clipboard = {
    text: '',
    writeText: async (text: string) => {
      clipboard.text = text;
    },
    readText: async () => clipboard.text,
  };
  const nativeTheme: { themeSource: ThemePreference } = { themeSource: 'system' };

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showOpenDialog: async (window: FakeWindow, options: OpenDialogOptions) => {
        dialogs.push({ window, options });
        return { ...dialogAnswer };
      },
      showSaveDialog: async (window: FakeWindow, options: SaveDialogOptions) => {
        saveDialogs.push({ window, options });
        return { ...saveAnswer };
      },
      showMessageBoxSync: (window: FakeWindow, options: MessageBoxSyncOptions) => {
        messageBoxes.push({ window, options });
        return messageBoxAnswer.response;
      },
    },
    clipboard,
    ipcMain: {
      handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({
        template,
        popup: () => popups.push(template),
      }),
      setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] } | null) => {
        if (menu) menus.push(menu.template);
      },
    },
    powerMonitor,
    protocol: {
      registerSchemesAsPrivileged: (custom: CustomScheme[]) => {
        log.push('registerSchemesAsPrivileged');
        schemes.push(custom);
      },
    },
    session: {
      fromPartition: (partition: string) => {
        partitions.push(partition);
        const existing = sessions.get(partition) ?? fakeSession(partition);
        sessions.set(partition, existing);
        return existing;
      },
      defaultSession,
    },
    shell: {
      openExternal: async (url: string) => {
        opened.push(url);
      },
      showItemInFolder: (path: string) => {
        shown.push(path);
      },
    },
    nativeTheme,
  } satisfies ElectronSlice<FakeWindow>;

  return {
    electron,
    nativeTheme,
    app,
    log,
    markReady,
    windows,
    handlers,
    schemes,
    partitions,
    sessions,
    defaultSession,
    menus,
    powerMonitor,
    opened,
    shown,
    dialogs,
    dialogAnswer,
    saveDialogs,
    saveAnswer,
    messageBoxes,
    messageBoxAnswer,
    clipboard,
    popups,
  };
}

/** A backend stand-in recording what reaches it. */
function recordingBackend() {
  const created: Array<Parameters<CreateBackend>[0]> = [];
  const routed: Array<[unknown, unknown]> = [];
  const locks: Array<LockReason | 'dispose'> = [];
  /** What 'settings:get' answers when main reads it (the renderer's calls are recorded). */
  const settings: { answer: Result<unknown> } = {
    answer: { ok: false, error: { kind: 'locked', message: 'The vault is locked.' } },
  };
  const backend: AppBackend = {
    router: {
      methods,
      call: async (method, input) => {
        if (method === 'settings:get') return settings.answer;
        // This computer's theme, read by main before the window paints.
        if (method === 'appearance:get') return { ok: true, value: { theme: 'dark' } };
        routed.push([method, input]);
        return { ok: true, value: null };
      },
    },
    lock: async (reason) => {
      locks.push(reason);
    },
    dispose: async () => {
      locks.push('dispose');
    },
  };
  const createBackend: CreateBackend = (options) => {
    created.push(options);
    return backend;
  };
  return { createBackend, created, routed, locks, settings };
}

let base: string;
let paths: AppPaths;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'attune-start-'));
  paths = { preload: join(base, 'preload', 'index.cjs'), rendererRoot: join(base, 'renderer') };
  await mkdir(paths.rendererRoot, { recursive: true });
  await writeFile(join(paths.rendererRoot, 'index.html'), '<!doctype html><title>Attune</title>');
  await writeFile(join(base, 'secret.txt'), 'not for the renderer');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function started(options: { isPackaged?: boolean } = {}) {
  const fake = recordingElectron(options);
  const backend = recordingBackend();
  const running = startApp(fake.electron, { paths, createBackend: backend.createBackend, platform: 'linux' });
  fake.markReady();
  const result = await running;
  const window = fake.windows[0];
  if (!result || !window) throw new Error('the app did not start');
  const trusted: SenderEvent = {
    sender: { id: window.webContents.id },
    senderFrame: { url: 'app://attune/index.html', parent: null },
  };
  return { ...fake, ...backend, result, window, trusted };
}

describe('startApp before ready', () => {
  test('takes the single-instance lock, sandboxes every renderer and registers app:// before ready', async () => {
    const fake = recordingElectron();
    const running = startApp(fake.electron, { paths, createBackend: recordingBackend().createBackend });
    // Nothing is ready yet: all of this must already have happened synchronously.
    expect(fake.log).toEqual(['requestSingleInstanceLock', 'enableSandbox', 'registerSchemesAsPrivileged']);
    expect(fake.schemes).toEqual([[appSchemePrivileges]]);
    expect(fake.windows).toHaveLength(0);
    fake.markReady();
    await running;
  });

  test('a second instance quits at once and opens nothing', async () => {
    const fake = recordingElectron({ gotLock: false });
    await expect(
      startApp(fake.electron, { paths, createBackend: recordingBackend().createBackend }),
    ).resolves.toBeNull();
    expect(fake.log).toEqual(['requestSingleInstanceLock', 'quit']);
    expect(fake.windows).toHaveLength(0);
  });
});

describe('startApp on ready', () => {
  test('the window gets the secure options, with the preload path it was given', async () => {
    const { window } = await started({ isPackaged: true });
    expect(window.options).toEqual(secureWindowOptions(paths.preload, { devTools: false }));
    expect(window.options.webPreferences?.preload).toBe(paths.preload);
  });

  test('DevTools and the reload menu exist only in development', async () => {
    const packaged = await started({ isPackaged: true });
    const development = await started({ isPackaged: false });
    expect(packaged.window.options.webPreferences?.devTools).toBe(false);
    expect(development.window.options.webPreferences?.devTools).toBe(true);
    expect(JSON.stringify(packaged.menus)).not.toContain('toggleDevTools');
    expect(JSON.stringify(development.menus)).toContain('toggleDevTools');
  });

  test('app:// is served on the window’s own in-memory session, from the renderer build only', async () => {
    const { window, sessions, defaultSession } = await started();
    const partition = window.options.webPreferences?.partition ?? '';
    const appSession = sessions.get(partition);
    expect(partition).toBe('attune-session');
    expect([...(appSession?.protocols.keys() ?? [])]).toEqual(['app']);
    expect(defaultSession.protocols.size).toBe(0);

    const serve = appSession?.protocols.get('app');
    if (!serve) throw new Error('no app:// handler');
    const page = await serve(new Request('app://attune/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Attune</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const traversal = await serve({ method: 'GET', url: 'app://attune/%2e%2e/secret.txt' } as Request);
    expect(traversal.status).toBe(403);
  });

  test('both sessions refuse every permission', async () => {
    const { sessions, defaultSession } = await started();
    for (const session of [sessions.get('attune-session'), defaultSession]) {
      const callback = vi.fn();
      session?.permissions.request?.({}, 'media', callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(session?.permissions.check?.()).toBe(false);
      expect(session?.permissions.device?.()).toBe(false);
    }
  });

  test('loads app://attune/index.html and shows the window only when ready to show', async () => {
    const { window } = await started();
    expect(window.loaded).toEqual(['app://attune/index.html']);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  test('the backend keeps its data in the per-user app-data folder and gets the app version', async () => {
    const { created } = await started();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ dataDir: '/home/someone/.config/Attune(userData)', version: '1.2.3' });
  });

  test('the theme chosen on this computer is the native theme before the window loads, and follows later choices', async () => {
    const { nativeTheme, created } = await started();
    expect(nativeTheme.themeSource).toBe('dark');
    created[0]?.applyTheme('light');
    expect(nativeTheme.themeSource).toBe('light');
  });

  test('every contract method is registered; only our window’s main frame reaches the router', async () => {
    const { handlers, routed, trusted } = await started();
    expect([...handlers.keys()].sort()).toEqual(methods.map((method) => `attune:${method}`).sort());

    await handlers.get('attune:vault:unlock')?.(trusted, { passphrase: 'pw' });
    expect(routed).toEqual([['vault:unlock', { passphrase: 'pw' }]]);

    const subframe = { ...trusted, senderFrame: { url: 'app://attune/index.html', parent: {} } };
    const stranger = { ...trusted, sender: { id: 999 } };
    for (const event of [subframe, stranger]) {
      const refused = await handlers.get('attune:vault:lock')?.(event, undefined);
      expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(routed).toHaveLength(1);
  });

  test('files are chosen in an open dialog modal to the window, filtered by purpose; cancel gives null', async () => {
    const { created, window, dialogs, dialogAnswer } = await started();
    const backendOptions = created[0];
    if (!backendOptions) throw new Error('no backend');
    await expect(backendOptions.chooseFile('open-packet')).resolves.toBeNull();
    dialogAnswer.canceled = false;
    dialogAnswer.filePaths = ['/home/someone/Desktop/Client-A-2026-01-05.attune-comments'];
    await expect(backendOptions.chooseFile('open-comments')).resolves.toBe(
      '/home/someone/Desktop/Client-A-2026-01-05.attune-comments',
    );
    expect(dialogs.map((d) => d.window)).toEqual([window, window]);
    expect(dialogs.map((d) => [d.options.properties, d.options.filters])).toEqual([
      [['openFile'], [{ name: 'Attune review packet', extensions: ['attune-review'] }]],
      [['openFile'], [{ name: 'Attune supervisor comments', extensions: ['attune-comments'] }]],
    ]);
  });

  test('the case summary is printed from the window: A4, backgrounds, footer with page numbers and the mark', async () => {
    const { created, window } = await started();
    const bytes = await created[0]?.printToPdf('case-summary');
    expect(new TextDecoder().decode(bytes)).toMatch(/^%PDF-/);
    expect(window.webContents.printed).toEqual([caseSummaryPdf]);
    expect(caseSummaryPdf).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
    });
    expect(caseSummaryPdf.footerTemplate).toContain('De-identified');
    expect(caseSummaryPdf.footerTemplate).toMatch(
      /Page <span class="pageNumber"><\/span> of <span class="totalPages"><\/span>/,
    );
  });

  test('a page of the clinical record is printed with its own footer: confidential, page numbers', async () => {
    const { created, window } = await started();
    await created[0]?.printToPdf('record');
    expect(window.webContents.printed).toEqual([recordPdf]);
    expect(recordPdf.footerTemplate).toContain('Confidential clinical record');
    expect(recordPdf.footerTemplate).not.toContain('De-identified');
    expect(recordPdf.footerTemplate).toMatch(/Page <span class="pageNumber"><\/span> of/);
  });

  test('folders are chosen in a folder dialog modal to the window, titled by purpose; a file is shown in its folder', async () => {
    const { created, window, dialogs, dialogAnswer, shown } = await started();
    const backendOptions = created[0];
    if (!backendOptions) throw new Error('no backend');
    await expect(backendOptions.chooseFolder('backup-folder')).resolves.toBeNull();
    dialogAnswer.canceled = false;
    dialogAnswer.filePaths = ['/media/usb/Attune backups'];
    await expect(backendOptions.chooseFolder('restore-from')).resolves.toBe('/media/usb/Attune backups');
    expect(dialogs.map((d) => d.window)).toEqual([window, window]);
    expect(dialogs.map((d) => [d.options.title, d.options.properties])).toEqual([
      ['Choose a folder for backups', ['openDirectory', 'createDirectory']],
      ['Choose the folder that holds your backups', ['openDirectory', 'createDirectory']],
    ]);
    backendOptions.showItemInFolder('/home/someone/.config/Attune/vault');
    expect(shown).toEqual(['/home/someone/.config/Attune/vault']);
  });

  test('files are saved through a save dialog modal to the window, titled and filtered by purpose; cancel gives null', async () => {
    const { created, window, saveDialogs, saveAnswer } = await started();
    const backendOptions = created[0];
    if (!backendOptions) throw new Error('no backend');
    await expect(
      backendOptions.chooseSavePath('recovery-key', '/home/someone/Attune recovery key.txt'),
    ).resolves.toBeNull();
    saveAnswer.canceled = false;
    saveAnswer.filePath = '/media/usb/Attune recovery key.txt';
    await expect(
      backendOptions.chooseSavePath('review-packet', '/home/someone/A-1.attune-review'),
    ).resolves.toBe('/media/usb/Attune recovery key.txt');
    expect(saveDialogs.map((d) => d.window)).toEqual([window, window]);
    expect(saveDialogs.map((d) => [d.options.title, d.options.defaultPath, d.options.filters])).toEqual([
      [
        'Save your recovery key',
        '/home/someone/Attune recovery key.txt',
        [{ name: 'Text', extensions: ['txt'] }],
      ],
      [
        'Save the review packet',
        '/home/someone/A-1.attune-review',
        [{ name: 'Attune review packet', extensions: ['attune-review'] }],
      ],
    ]);
  });

  test('the backend gets the system clipboard', async () => {
    const { created, clipboard } = await started();
    await created[0]?.clipboard.writeText('copied');
    expect(clipboard.text).toBe('copied');
  });

  test('spell-check on Linux is off, its dictionary downloads pointed at a local folder', async () => {
    const { sessions, window } = await started();
    const appSession = sessions.get(appPartition);
    expect(appSession?.spelling.enabled).toBe(false);
    expect(appSession?.spelling.downloadUrl).toMatch(/^file:\/\/.*\/dictionaries\/$/);
    expect(window.options.webPreferences?.spellcheck).toBe(false);
  });

  test('a right-click on a misspelled word offers the checker’s suggestions; choosing one replaces the word', async () => {
    const { window, popups, sessions } = await started();
    const params = {
      isEditable: true,
      selectionText: '',
      misspelledWord: 'attunment',
      dictionarySuggestions: ['attunement'],
      editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true },
    };
    window.webContents.emit('context-menu', {}, params);
    expect(popups).toHaveLength(1);
    const menu = popups[0] ?? [];
    expect(menu.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'attunement',
      'Add to dictionary',
      'separator',
      'paste',
      'selectAll',
    ]);
    menu[0]?.click?.({} as never, undefined, {} as never);
    menu[1]?.click?.({} as never, undefined, {} as never);
    expect(window.webContents.replaced).toEqual(['attunement']);
    expect(sessions.get(appPartition)?.spelling.added).toEqual(['attunment']);
    // Nothing to offer: no menu.
    window.webContents.emit('context-menu', {}, { ...params, isEditable: false, misspelledWord: '' });
    expect(popups).toHaveLength(1);
  });

  test('spell-check on macOS and Windows is the system checker, on in the window', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const fake = recordingElectron();
      const running = startApp(fake.electron, {
        paths,
        createBackend: recordingBackend().createBackend,
        platform,
      });
      fake.markReady();
      await running;
      expect(fake.sessions.get(appPartition)?.spelling.enabled).toBe(true);
      expect(fake.windows[0]?.options.webPreferences?.spellcheck).toBe(true);
    }
  });

  test('backend events are pushed to the window on the event channel, and dropped once it is gone', async () => {
    const { created, window } = await started();
    created[0]?.emit('vault:locked', { reason: 'idle' });
    expect(window.webContents.sent).toEqual([['attune:event', ['vault:locked', { reason: 'idle' }]]]);
    window.destroyed = true;
    created[0]?.emit('vault:locked', { reason: 'user' });
    expect(window.webContents.sent).toHaveLength(1);
  });

  test('suspend and screen lock reach the vault; quitting closes the window, then locks and disposes it first', async () => {
    const { powerMonitor, app, locks, window } = await started();
    powerMonitor.emit('suspend');
    powerMonitor.emit('lock-screen');
    await vi.waitFor(() => expect(locks).toEqual(['suspend', 'screen-lock']));

    const quit = { preventDefault: vi.fn() };
    app.emit('before-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalledOnce();
    // The window is asked to close first (its page may refuse); nothing is locked meanwhile.
    expect(window.closeAsked).toBe(1);
    expect(locks).toEqual(['suspend', 'screen-lock']);
    // It closed: 'window-all-closed' quits again, and the vault is locked and closed then.
    app.emit('window-all-closed');
    const again = { preventDefault: vi.fn() };
    app.emit('before-quit', again);
    expect(again.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(2));
    expect(locks).toEqual(['suspend', 'screen-lock', 'quit', 'dispose']);
  });

  test('main locks on idle itself once the machine has been idle for the user’s auto-lock time', async () => {
    vi.useFakeTimers();
    try {
      const { powerMonitor, settings, locks } = await started();
      settings.answer = { ok: true, value: { autoLockMinutes: 5 } };
      powerMonitor.idleSeconds = 299;
      await vi.advanceTimersByTimeAsync(30_000);
      expect(locks).toEqual([]);
      powerMonitor.idleSeconds = 300;
      await vi.advanceTimersByTimeAsync(30_000);
      expect(locks).toEqual(['idle']);
      // Locked: the setting cannot be read, so nothing more is locked however idle it gets.
      settings.answer = { ok: false, error: { kind: 'locked', message: 'The vault is locked.' } };
      powerMonitor.idleSeconds = 3000;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(locks).toEqual(['idle']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a crashed, killed or hung renderer locks the vault', async () => {
    const { window, locks } = await started();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    window.emit('unresponsive');
    await vi.waitFor(() => expect(locks).toEqual(['window-stopped', 'window-stopped']));
  });

  test('the window’s webContents is guarded: no navigation, no new windows, no link opens outside', async () => {
    const { window, opened } = await started();
    const navigate = { url: 'https://example.org/', preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', navigate);
    expect(navigate.preventDefault).toHaveBeenCalledOnce();
    expect(window.webContents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    window.webContents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalledOnce();
    // The app has no external links, so no host is allowed and nothing reaches the OS browser.
    expect(window.webContents.openHandler?.({ url: 'https://example.org/?notes=secret' })).toEqual({
      action: 'deny',
    });
    expect(opened).toEqual([]);
  });

  test('a second launch brings the existing window forward', async () => {
    const { app, window } = await started();
    app.emit('second-instance');
    expect(window.restored).toBe(true);
    expect(window.focused).toBe(true);
  });

  test('a close the page refused (changes only it holds) asks in a dialog modal to the window; only "Quit anyway" lets it close', async () => {
    const { window, messageBoxes, messageBoxAnswer } = await started();
    const stay = { preventDefault: vi.fn() };
    window.webContents.emit('will-prevent-unload', stay);
    expect(messageBoxes).toHaveLength(1);
    expect(messageBoxes[0]?.window).toBe(window);
    expect(messageBoxes[0]?.options.buttons).toEqual(['Stay', 'Quit anyway and lose them']);
    expect(stay.preventDefault).not.toHaveBeenCalled();
    messageBoxAnswer.response = 1;
    const leave = { preventDefault: vi.fn() };
    window.webContents.emit('will-prevent-unload', leave);
    expect(leave.preventDefault).toHaveBeenCalledOnce();
  });

  test('closing the window quits the app (which locks the vault)', async () => {
    const { app } = await started();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledOnce();
  });
});

describe('appPaths', () => {
  // The built main lives in out/main; the paths must match what electron-vite writes.
  const mainDir = resolve('out/main');

  test('names the preload and renderer outputs configured in electron.vite.config.ts', async () => {
    const config = (await import('../../../electron.vite.config')).default as {
      main: { build: { outDir: string; rollupOptions: { input: Record<string, string> } } };
      preload: {
        build: {
          outDir: string;
          rollupOptions: { input: Record<string, string>; output: Record<string, string> };
        };
      };
      renderer: { build: { outDir: string } };
    };
    expect(resolve(config.main.build.outDir)).toBe(mainDir);
    expect(config.main.build.rollupOptions.input.index).toBe(resolve('main/app/index.ts'));

    const preload = config.preload.build;
    expect(preload.rollupOptions.input.index).toBe(resolve('main/preload/index.ts'));
    // A sandboxed window can only load a CommonJS preload.
    expect(preload.rollupOptions.output.format).toBe('cjs');
    const preloadFile = resolve(
      preload.outDir,
      (preload.rollupOptions.output.entryFileNames ?? '').replace('[name]', 'index'),
    );

    expect(appPaths(mainDir)).toEqual({
      preload: preloadFile,
      rendererRoot: resolve(config.renderer.build.outDir),
    });
  });

  test.runIf(existsSync('out/main/index.js'))(
    'the preload and renderer it names exist in the build output',
    () => {
      const built = appPaths(mainDir);
      expect(existsSync(built.preload)).toBe(true);
      expect(existsSync(join(built.rendererRoot, 'index.html'))).toBe(true);
    },
  );
});
