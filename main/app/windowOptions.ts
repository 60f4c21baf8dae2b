import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The window's session. No `persist:` prefix, so Chromium keeps this session in memory only:
 * the renderer's IndexedDB index of decrypted summaries never touches the disk.
 */
export const appPartition = 'attune-session';

/**
 * The renderer's Content-Security-Policy, sent as a response header by the app:// handler
 * (renderer/index.html carries the same policy in a meta tag).
 *
 * `style-src 'unsafe-inline'` is the one loosening: React's `style` props and recharts set
 * inline style attributes, which CSP treats as inline style. Inline style cannot run script;
 * scripts stay `'self'` only, with no `'unsafe-inline'`, `'unsafe-eval'` or `'wasm-unsafe-eval'`
 * (all hashing and crypto run in main, so the renderer needs no WebAssembly).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export interface WindowFlags {
  /** DevTools only while developing (`!app.isPackaged`); a packaged build cannot open them. */
  devTools: boolean;
  /** The OS's spell checker (spellcheckPolicy.ts decides per platform); off unless given. */
  spellcheck?: boolean;
}

export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the app's one window. Its options are written out as a literal at the `new BrowserWindow`
 * call itself because that is the only place electronegativity reads them; options built
 * elsewhere look to it like a window with every protection off.
 */
export function openAppWindow<W>(
  BrowserWindow: WindowConstructor<W>,
  preloadPath: string,
  flags: WindowFlags,
): W {
  return new BrowserWindow({
    title: 'Attune',
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    // Shown on 'ready-to-show', so the user never sees an unstyled flash.
    show: false,
    webPreferences: {
      preload: preloadPath,
      partition: appPartition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise open links in new windows without a 'click' event.
      disableBlinkFeatures: 'Auxclick',
      enableWebSQL: false,
      plugins: false,
      safeDialogs: true,
      // The OS's checker on macOS and Windows; off on Linux, where Chromium would fetch its
      // dictionaries from the network (spellcheckPolicy.ts).
      spellcheck: flags.spellcheck === true,
      devTools: flags.devTools,
    },
  });
}

/**
 * The options `openAppWindow` passes, as plain data so a unit test can check every setting:
 * read back through a constructor that only records them.
 */
export function secureWindowOptions(
  preloadPath: string,
  flags: WindowFlags,
): BrowserWindowConstructorOptions {
  class RecordOptions {
    constructor(readonly options: BrowserWindowConstructorOptions) {}
  }
  return openAppWindow(RecordOptions, preloadPath, flags).options;
}
