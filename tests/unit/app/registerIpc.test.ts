import { describe, expect, test, vi } from 'vitest';
import {
  createTrustedSenderCheck,
  type HandlerRegistry,
  registerIpc,
  type SenderEvent,
  untrustedSenderMessage,
} from '../../../main/app/registerIpc';
import { createRouter, type Handlers, type Router } from '../../../main/ipc/createRouter';
import { methods } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';

type Listener = (event: SenderEvent, ...args: unknown[]) => Promise<Result<unknown>>;

/** An ipcMain stand-in that keeps the handlers so the test can invoke them. */
function recordingIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: HandlerRegistry<SenderEvent> = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const invoke = (channel: string, event: SenderEvent, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  };
  return { ipcMain, handlers, invoke };
}

function recordingRouter(): Router & { calls: Array<[unknown, unknown]> } {
  const calls: Array<[unknown, unknown]> = [];
  return {
    methods,
    calls,
    async call(method, input) {
      calls.push([method, input]);
      return { ok: true, value: `answered ${String(method)}` };
    },
  };
}

const ourContentsId = 7;
const trusted: SenderEvent = {
  sender: { id: ourContentsId },
  senderFrame: { url: 'app://attune/index.html', parent: null },
};

describe('registerIpc', () => {
  test('registers exactly one attune:<method> channel per contract method', () => {
    const { ipcMain, handlers } = recordingIpcMain();
    registerIpc(ipcMain, recordingRouter(), () => true);
    expect([...handlers.keys()].sort()).toEqual(methods.map((method) => `attune:${method}`).sort());
  });

  test('a trusted sender reaches the router with the method and the first argument only', async () => {
    const { ipcMain, invoke } = recordingIpcMain();
    const router = recordingRouter();
    registerIpc(ipcMain, router, () => true);

    const result = await invoke('attune:vault:unlock', trusted, { passphrase: 'x' }, 'extra');
    expect(result).toEqual({ ok: true, value: 'answered vault:unlock' });
    expect(router.calls).toEqual([['vault:unlock', { passphrase: 'x' }]]);
  });

  test('an untrusted sender gets a failed Result and never reaches the router', async () => {
    const { ipcMain, invoke } = recordingIpcMain();
    const router = recordingRouter();
    const check = vi.fn(() => false);
    registerIpc(ipcMain, router, check);

    for (const method of methods) {
      expect(await invoke(`attune:${method}`, trusted, undefined)).toEqual({
        ok: false,
        error: { kind: 'invalid-input', message: untrustedSenderMessage },
      });
    }
    expect(check).toHaveBeenCalledTimes(methods.length);
    expect(router.calls).toEqual([]);
  });

  test('with the real router, bad input from a trusted sender is refused by its schema', async () => {
    const { ipcMain, invoke } = recordingIpcMain();
    const unlock = vi.fn();
    const router = createRouter({ 'vault:unlock': unlock } as unknown as Handlers);
    registerIpc(ipcMain, router, createTrustedSenderCheck(ourContentsId));

    const result = await invoke('attune:vault:unlock', trusted, { passphrase: 42 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('invalid-input');
    expect(unlock).not.toHaveBeenCalled();
  });

  test('the returned function removes every handler', () => {
    const { ipcMain, handlers } = recordingIpcMain();
    const unregister = registerIpc(ipcMain, recordingRouter(), () => true);
    unregister();
    expect(handlers.size).toBe(0);
    // And registering again works, as after a window is recreated.
    registerIpc(ipcMain, recordingRouter(), () => true);
    expect(handlers.size).toBe(methods.length);
  });
});

describe('createTrustedSenderCheck', () => {
  const isTrusted = createTrustedSenderCheck(ourContentsId);
  const frame = (url: string, parent: unknown = null) => ({
    sender: { id: ourContentsId },
    senderFrame: { url, parent },
  });

  test("accepts the top frame of our window showing Attune's own page", () => {
    expect(isTrusted(trusted)).toBe(true);
    expect(isTrusted(frame('app://attune/'))).toBe(true);
    expect(isTrusted(frame('app://attune/index.html#/notes/1'))).toBe(true);
  });

  test.each([
    ['a subframe', frame('app://attune/index.html', { url: 'app://attune/index.html' })],
    ['another webContents', { sender: { id: ourContentsId + 1 }, senderFrame: trusted.senderFrame }],
    ['a frame that is gone', { sender: { id: ourContentsId }, senderFrame: null }],
    ['a file:// page', frame('file:///tmp/evil.html')],
    ['an https page', frame('https://attune/index.html')],
    ['another app:// host', frame('app://evil/index.html')],
    ['a look-alike host', frame('app://attune.evil/index.html')],
    ['a port', frame('app://attune:1234/index.html')],
    ['credentials', frame('app://user@attune/index.html')],
    ['about:blank', frame('about:blank')],
    ['an unparsable URL', frame('not a url')],
  ])('refuses %s', (_what, event) => {
    expect(isTrusted(event)).toBe(false);
  });

  test('refuses when reading the frame throws (a destroyed frame)', () => {
    const event = {
      sender: { id: ourContentsId },
      get senderFrame(): SenderEvent['senderFrame'] {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrusted(event)).toBe(false);
  });
});
