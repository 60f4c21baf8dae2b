import type { LockReason } from '../../shared/ipc/events';
import type { PreventableEvent } from './navigationPolicy';

/** The part of `powerMonitor` used here. */
export interface PowerEvents {
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
  off(event: 'suspend' | 'lock-screen', listener: () => void): unknown;
}

/** The part of `app` used here. */
export interface QuitEvents {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  off(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  quit(): void;
}

export interface Lockable {
  lock(reason: LockReason): Promise<void>;
  dispose(): Promise<void>;
}

export interface LockTriggerOptions {
  /** How long quitting waits for lock and dispose before going ahead anyway. */
  quitTimeoutMs?: number;
  /**
   * The app's open windows (BrowserWindow.getAllWindows): a quit first closes them, as their close
   * button does, so each may still refuse (changes only it holds, unsavedChangesDialog.ts); the
   * vault is locked once they have all closed. None given: the vault is locked at once.
   */
  windows?: () => ReadonlyArray<{ close(): void }>;
  report?: (what: string, error: unknown) => void;
}

/**
 * Locks the vault when the machine sleeps or the screen locks, and locks and disposes it
 * before the app quits. Idle auto-lock follows the user's timeout in the renderer, which
 * calls 'vault:lock' (idleLock.ts is main's backstop). Returns a function that removes the listeners.
 */
export function wireLockTriggers(
  sources: { powerMonitor: PowerEvents; app: QuitEvents },
  backend: Lockable,
  options: LockTriggerOptions = {},
): () => void {
  const { powerMonitor, app } = sources;
  const quitTimeoutMs = options.quitTimeoutMs ?? 5000;
  const report = options.report ?? ((what, error) => console.error(`[attune] ${what} failed:`, error));

  const lockFor = (reason: LockReason) => () => {
    backend.lock(reason).catch((error: unknown) => report(`lock on ${reason}`, error));
  };
  const onSuspend = lockFor('suspend');
  const onLockScreen = lockFor('screen-lock');

  // The first quit is held back until the vault is locked and pending writes are flushed;
  // then quit is called again and let through. A stuck vault cannot keep the app open.
  let quitting: 'no' | 'closing-vault' | 'done' = 'no';
  const onBeforeQuit = (event: PreventableEvent) => {
    if (quitting === 'done') return;
    event.preventDefault();
    if (quitting === 'closing-vault') return;
    // Windows still open (Cmd+Q, the menu's Quit): close them first, each as its close button
    // would. A window that holds changes it alone has asks, and "Stay" keeps it open with the
    // vault still unlocked; locking first would leave it on the unlock screen with the backend
    // closed. Once the last window has closed, 'window-all-closed' quits again and this goes on.
    const open = options.windows?.() ?? [];
    if (open.length > 0) {
      for (const win of open) win.close();
      return;
    }
    quitting = 'closing-vault';
    const closeVault = async () => {
      await backend.lock('quit').catch((error: unknown) => report('lock on quit', error));
      await backend.dispose().catch((error: unknown) => report('closing the vault', error));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((done) => {
      timer = setTimeout(() => {
        report('closing the vault', new Error(`still busy after ${quitTimeoutMs} ms; quitting anyway`));
        done();
      }, quitTimeoutMs);
    });
    void Promise.race([closeVault(), timeout]).then(() => {
      clearTimeout(timer);
      quitting = 'done';
      app.quit();
    });
  };

  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('lock-screen', onLockScreen);
  app.on('before-quit', onBeforeQuit);

  return () => {
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('lock-screen', onLockScreen);
    app.off('before-quit', onBeforeQuit);
  };
}

/** The part of a BrowserWindow (and its webContents) watched for a renderer that failed. */
export interface RendererEvents {
  on(event: 'unresponsive', listener: () => void): unknown;
  off(event: 'unresponsive', listener: () => void): unknown;
  readonly webContents: {
    on(
      event: 'render-process-gone',
      listener: (event: unknown, details: { reason: string }) => void,
    ): unknown;
    off(
      event: 'render-process-gone',
      listener: (event: unknown, details: { reason: string }) => void,
    ): unknown;
  };
}

/**
 * Locks the vault when the window's renderer crashes, is killed, or stops responding: the
 * renderer runs the idle auto-lock and the drafts' saves, and a dead or hung one does neither,
 * so main must not keep the vault open on its behalf. Returns a function that removes the listeners.
 */
export function wireRendererLock(
  window: RendererEvents,
  backend: Pick<Lockable, 'lock'>,
  options: Pick<LockTriggerOptions, 'report'> = {},
): () => void {
  const report = options.report ?? ((what, error) => console.error(`[attune] ${what} failed:`, error));
  const lock = (what: string) => {
    backend.lock('window-stopped').catch((error: unknown) => report(`lock on ${what}`, error));
  };
  const onGone = (_event: unknown, details: { reason: string }) => lock(`renderer gone (${details.reason})`);
  const onUnresponsive = () => lock('unresponsive window');
  window.webContents.on('render-process-gone', onGone);
  window.on('unresponsive', onUnresponsive);
  return () => {
    window.webContents.off('render-process-gone', onGone);
    window.off('unresponsive', onUnresponsive);
  };
}
