import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  type Lockable,
  type PowerEvents,
  type QuitEvents,
  type RendererEvents,
  wireLockTriggers,
  wireRendererLock,
} from '../../../main/app/lockTriggers';
import type { LockReason } from '../../../shared/ipc/events';

function recordingBackend(overrides: Partial<Lockable> = {}) {
  const calls: string[] = [];
  const backend: Lockable = {
    lock: vi.fn(async (reason: LockReason) => {
      calls.push(`lock:${reason}`);
    }),
    dispose: vi.fn(async () => {
      calls.push('dispose');
    }),
    ...overrides,
  };
  return { backend, calls };
}

function sources() {
  const powerMonitor = new EventEmitter() as EventEmitter & PowerEvents;
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() }) as EventEmitter &
    QuitEvents & { quit: ReturnType<typeof vi.fn> };
  return { powerMonitor, app };
}

const quitEvent = () => ({ preventDefault: vi.fn() });

afterEach(() => {
  vi.useRealTimers();
});

describe('wireLockTriggers', () => {
  test.each([
    ['suspend', 'suspend'],
    ['lock-screen', 'screen-lock'],
  ] as const)("powerMonitor '%s' locks the vault with reason '%s'", async (event, reason) => {
    const { backend, calls } = recordingBackend();
    const { powerMonitor, app } = sources();
    wireLockTriggers({ powerMonitor, app }, backend);

    powerMonitor.emit(event);
    await vi.waitFor(() => expect(calls).toEqual([`lock:${reason}`]));
    expect(app.quit).not.toHaveBeenCalled();
  });

  test('before-quit holds the quit until the vault is locked and disposed, then quits', async () => {
    const { backend, calls } = recordingBackend();
    const { powerMonitor, app } = sources();
    wireLockTriggers({ powerMonitor, app }, backend);

    const first = quitEvent();
    app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    // A second quit while the vault closes is also held, and does not lock twice.
    const second = quitEvent();
    app.emit('before-quit', second);
    expect(second.preventDefault).toHaveBeenCalledOnce();

    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(calls).toEqual(['lock:quit', 'dispose']);

    // The quit it calls is let through.
    const last = quitEvent();
    app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  test('a quit with a window open closes the window first and locks only once it has closed; a window that stays keeps the vault open', async () => {
    const { backend, calls } = recordingBackend();
    const { powerMonitor, app } = sources();
    const win = { open: true, closes: 0, close: vi.fn() };
    wireLockTriggers({ powerMonitor, app }, backend, { windows: () => (win.open ? [win] : []) });

    // Cmd+Q: the window is asked to close, nothing is locked yet.
    const first = quitEvent();
    app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    expect(win.close).toHaveBeenCalledOnce();
    // The page refused (changes only it holds) and the user chose Stay: the window stays, and
    // the vault is neither locked nor closed, so the user can free space and save.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual([]);
    expect(app.quit).not.toHaveBeenCalled();

    // Asked again and closed this time: 'window-all-closed' quits, and the vault is locked then.
    win.open = false;
    const second = quitEvent();
    app.emit('before-quit', second);
    expect(second.preventDefault).toHaveBeenCalledOnce();
    expect(win.close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(calls).toEqual(['lock:quit', 'dispose']);
  });

  test('a failing lock is reported and still lets the app quit', async () => {
    const report = vi.fn();
    const { backend } = recordingBackend({ lock: vi.fn(async () => Promise.reject(new Error('disk gone'))) });
    const { powerMonitor, app } = sources();
    wireLockTriggers({ powerMonitor, app }, backend, { report });

    powerMonitor.emit('suspend');
    app.emit('before-quit', quitEvent());
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(report).toHaveBeenCalledWith('lock on suspend', expect.any(Error));
    expect(report).toHaveBeenCalledWith('lock on quit', expect.any(Error));
    expect(backend.dispose).toHaveBeenCalledOnce();
  });

  test('a vault that never finishes closing cannot keep the app open', async () => {
    vi.useFakeTimers();
    const report = vi.fn();
    const { backend } = recordingBackend({ dispose: () => new Promise<void>(() => {}) });
    const { powerMonitor, app } = sources();
    wireLockTriggers({ powerMonitor, app }, backend, { quitTimeoutMs: 1000, report });

    app.emit('before-quit', quitEvent());
    await vi.advanceTimersByTimeAsync(999);
    expect(app.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(report).toHaveBeenCalledWith('closing the vault', expect.any(Error));
  });

  test('the returned function removes every listener', () => {
    const { backend } = recordingBackend();
    const { powerMonitor, app } = sources();
    const unwire = wireLockTriggers({ powerMonitor, app }, backend);
    unwire();
    expect(powerMonitor.listenerCount('suspend') + powerMonitor.listenerCount('lock-screen')).toBe(0);
    expect(app.listenerCount('before-quit')).toBe(0);
  });
});

/** A window stand-in: the window and its webContents emit as Electron's do. */
function rendererWindow() {
  return Object.assign(new EventEmitter(), { webContents: new EventEmitter() }) as EventEmitter &
    RendererEvents & { webContents: EventEmitter };
}

describe('wireRendererLock', () => {
  test.each(['crashed', 'killed', 'oom', 'abnormal-exit'])(
    "a renderer gone ('%s') locks the vault with reason 'window-stopped'",
    async (reason) => {
      const { backend, calls } = recordingBackend();
      const window = rendererWindow();
      wireRendererLock(window, backend);
      window.webContents.emit('render-process-gone', {}, { reason });
      await vi.waitFor(() => expect(calls).toEqual(['lock:window-stopped']));
    },
  );

  test('a window that stops responding locks the vault', async () => {
    const { backend, calls } = recordingBackend();
    const window = rendererWindow();
    wireRendererLock(window, backend);
    window.emit('unresponsive');
    await vi.waitFor(() => expect(calls).toEqual(['lock:window-stopped']));
  });

  test('a failing lock is reported', async () => {
    const report = vi.fn();
    const { backend } = recordingBackend({ lock: vi.fn(async () => Promise.reject(new Error('disk gone'))) });
    const window = rendererWindow();
    wireRendererLock(window, backend, { report });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    await vi.waitFor(() =>
      expect(report).toHaveBeenCalledWith('lock on renderer gone (crashed)', expect.any(Error)),
    );
  });

  test('the returned function removes the listeners', () => {
    const { backend } = recordingBackend();
    const window = rendererWindow();
    wireRendererLock(window, backend)();
    expect(
      window.listenerCount('unresponsive') + window.webContents.listenerCount('render-process-gone'),
    ).toBe(0);
  });
});
