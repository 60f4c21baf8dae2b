import { EventEmitter } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import { createApi, type IpcRendererSlice } from '../../../main/preload/createApi';
import type { Method } from '../../../shared/ipc/contract';
import type { EventName } from '../../../shared/ipc/events';

/** An ipcRenderer stand-in: a real EventEmitter for events, a recorded invoke. */
function fakeIpcRenderer(
  reply: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: 'v' }),
) {
  const emitter = new EventEmitter();
  const invoke = vi.fn(reply);
  const ipc: IpcRendererSlice = {
    invoke,
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  // What main's webContents.send(channels.event, [name, payload]) looks like on this side.
  const push = (name: string, payload: unknown) =>
    emitter.emit('attune:event', { sender: 'IpcRendererEvent' }, [name, payload]);
  return { ipc, invoke, emitter, push };
}

describe('createApi().invoke', () => {
  test('sends a contract method on its own channel with the input', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    const api = createApi(ipc);
    await expect(api.invoke('vault:unlock', { passphrase: 'pw' })).resolves.toEqual({ ok: true, value: 'v' });
    await api.invoke('vault:status');
    expect(invoke.mock.calls).toEqual([
      ['attune:vault:unlock', { passphrase: 'pw' }],
      ['attune:vault:status', undefined],
    ]);
  });

  test('an unknown method fails without touching IPC', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    const api = createApi(ipc);
    for (const name of ['vault:delete', '__proto__', 'toString', '../vault:lock', '']) {
      const result = await api.invoke(name as Method);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(invoke).not.toHaveBeenCalled();
  });

  test('a broken channel or a malformed reply becomes a failed Result, never a rejection', async () => {
    const rejecting = createApi(
      fakeIpcRenderer(async () => Promise.reject(new Error('An object could not be cloned.'))).ipc,
    );
    await expect(rejecting.invoke('vault:status')).resolves.toMatchObject({
      ok: false,
      error: { kind: 'internal' },
    });

    for (const reply of [undefined, 'x', { ok: true }, { ok: false }, { ok: false, error: { kind: 1 } }]) {
      const api = createApi(fakeIpcRenderer(async () => reply).ipc);
      await expect(api.invoke('vault:status')).resolves.toMatchObject({
        ok: false,
        error: { kind: 'internal' },
      });
    }
    const failed = { ok: false, error: { kind: 'locked', message: 'Unlock first.' } };
    await expect(createApi(fakeIpcRenderer(async () => failed).ipc).invoke('vault:status')).resolves.toEqual(
      failed,
    );
  });
});

describe('createApi().on', () => {
  test('the listener gets the payload alone, never the Electron event, and only for its event', () => {
    const { ipc, push } = fakeIpcRenderer();
    const api = createApi(ipc);
    const listener = vi.fn();
    api.on('vault:locked', listener);

    push('vault:locked', { reason: 'suspend' });
    push('some:other', { reason: 'nope' });
    expect(listener.mock.calls).toEqual([[{ reason: 'suspend' }]]);
  });

  test('unsubscribe really removes the one listener it added, and is safe to call twice', () => {
    const { ipc, push, emitter } = fakeIpcRenderer();
    const api = createApi(ipc);
    const kept = vi.fn();
    const dropped = vi.fn();
    api.on('vault:locked', kept);
    const unsubscribe = api.on('vault:locked', dropped);
    expect(emitter.listenerCount('attune:event')).toBe(2);

    unsubscribe();
    unsubscribe();
    expect(emitter.listenerCount('attune:event')).toBe(1);
    push('vault:locked', { reason: 'user' });
    expect(dropped).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledOnce();
  });

  test('an unknown event name or a non-function listener is refused', () => {
    const { ipc, emitter } = fakeIpcRenderer();
    const api = createApi(ipc);
    expect(() => api.on('vault:opened' as EventName, () => {})).toThrow(TypeError);
    expect(() => api.on('vault:locked', 'alert(1)' as unknown as () => void)).toThrow(TypeError);
    expect(emitter.listenerCount('attune:event')).toBe(0);
  });

  test('a throwing listener does not stop the others', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { ipc, push } = fakeIpcRenderer();
    const api = createApi(ipc);
    const second = vi.fn();
    api.on('vault:locked', () => {
      throw new Error('boom');
    });
    api.on('vault:locked', second);
    push('vault:locked', { reason: 'idle' });
    expect(second).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  test('the exposed object has exactly invoke and on, frozen', () => {
    const api = createApi(fakeIpcRenderer().ipc);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });
});
