import { describe, expect, it } from 'vitest';
import { contract, methods } from '../../../shared/ipc/contract';
import { AttuneError } from '../../../shared/ipc/result';
import { createRouter, type Handlers } from '../../../main/ipc/createRouter';

/** Handlers that record what reached them; each method answers with its own name. */
function recordingHandlers(calls: Array<[string, unknown]>, override: Partial<Record<string, (input: unknown) => unknown>> = {}) {
  return Object.fromEntries(
    methods.map((m) => [
      m,
      (input: unknown) => {
        calls.push([m, input]);
        return override[m] ? override[m](input) : m;
      },
    ]),
  ) as unknown as Handlers;
}

describe('createRouter', () => {
  it('answers every contract method', async () => {
    const calls: Array<[string, unknown]> = [];
    const router = createRouter(recordingHandlers(calls));
    expect([...router.methods].sort()).toEqual(Object.keys(contract).sort());
    const result = await router.call('vault:status', undefined);
    expect(result).toEqual({ ok: true, value: 'vault:status' });
  });

  it('refuses an unknown method without calling anything', async () => {
    const calls: Array<[string, unknown]> = [];
    const router = createRouter(recordingHandlers(calls));
    for (const name of ['fs:readFile', '__proto__', 'constructor', 42, null]) {
      const result = await router.call(name, undefined);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(calls).toEqual([]);
  });

  it('validates input against the schema and names the bad field', async () => {
    const calls: Array<[string, unknown]> = [];
    const router = createRouter(recordingHandlers(calls));
    const wrongType = await router.call('vault:unlock', { passphrase: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(!wrongType.ok && wrongType.error.message).toMatch(/^passphrase: /);
    const extraKey = await router.call('vault:unlock', { passphrase: 'x', admin: true });
    expect(extraKey).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const short = await router.call('vault:create', { passphrase: 'short' });
    expect(!short.ok && short.error.message).toContain('at least 10 characters');
    expect(calls).toEqual([]);
  });

  it("words every validation problem in the app's own words, never zod's", async () => {
    const router = createRouter(recordingHandlers([]));
    const inputs: Array<[string, unknown]> = [
      ['vault:unlock', { passphrase: 42 }],
      ['vault:unlock', undefined],
      ['vault:unlock', { passphrase: 'x', admin: true }],
      ['notes:saveDraft', { id: 'n1', draft: 'not an object' }],
      ['search:notes', { query: 'x', limit: -1 }],
      ['clients:create', { displayName: '', code: 7 }],
    ];
    for (const [method, input] of inputs) {
      const result = await router.call(method, input);
      expect(result.ok).toBe(false);
      const message = !result.ok ? result.error.message : '';
      expect(message.length).toBeGreaterThan(0);
      // zod's default English starts "Invalid input", "Too small", "Unrecognized key", "expected …, received …".
      expect(message).not.toMatch(/Invalid input|Too (small|big)|Unrecognized key|received|expected [a-z]+,/);
    }
    const unknownKey = await router.call('vault:unlock', { passphrase: 'x', admin: true });
    expect(!unknownKey.ok && unknownKey.error.message).toContain('Unexpected field: admin');
  });

  it('passes the parsed input to the handler', async () => {
    const calls: Array<[string, unknown]> = [];
    const router = createRouter(recordingHandlers(calls));
    await router.call('search:notes', { query: '  anxious  ' });
    expect(calls).toEqual([['search:notes', { query: 'anxious', limit: 50 }]]);
  });

  it('turns an AttuneError into a failed result with its kind and message', async () => {
    const router = createRouter(
      recordingHandlers([], {
        'vault:lock': () => {
          throw new AttuneError('locked', 'The vault is locked.');
        },
      }),
    );
    expect(await router.call('vault:lock', undefined)).toEqual({
      ok: false,
      error: { kind: 'locked', message: 'The vault is locked.' },
    });
  });

  it('hides the details of unexpected errors from the renderer', async () => {
    const reported: unknown[] = [];
    const router = createRouter(
      recordingHandlers([], {
        'app:info': () => {
          throw new Error('ENOENT /home/someone/secret/path');
        },
      }),
      { onUnexpectedError: (_method, error) => reported.push(error) },
    );
    const result = await router.call('app:info', undefined);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(!result.ok && result.error.message).not.toContain('secret');
    expect(reported).toHaveLength(1);
  });
});
