import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createBackend } from '../../../main/ipc/createBackend';
import { fillIndex, refillIndex } from '../../../renderer/src/data/fillIndex';
import { summaryIndex } from '../../../renderer/src/data/summaryIndex';
import type { Client } from '../../../shared/domain/clientSchema';
import type { AttuneApi } from '../../../shared/ipc/api';
import { clientInput, makeVault, PASS } from '../services/serviceKit';

/** The renderer's data module over the real main-side handlers; `hold` keeps one method's answer back. */
async function unlockedRenderer() {
  const { dataDir } = await makeVault();
  const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
  onTestFinished(() => backend.dispose());
  const held = new Map<string, Promise<void>>();
  const attune = {
    invoke: async (method: string, input?: unknown) => {
      const answer = await backend.router.call(method as never, input as never);
      await held.get(method);
      return answer;
    },
    on: () => () => undefined,
  } as unknown as AttuneApi;
  Object.assign(globalThis, { window: { attune } });
  await backend.router.call('vault:unlock', { passphrase: PASS });
  const create = async (code: string): Promise<Client> => {
    const result = await backend.router.call('clients:create', clientInput(code));
    if (!result.ok) throw new Error(result.error.message);
    return result.value as Client;
  };
  const hold = (method: string) => {
    let release: () => void = () => undefined;
    held.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      held.delete(method);
      release();
    };
  };
  return { create, hold };
}

afterEach(() => {
  summaryIndex.clear();
});

describe('refilling the renderer’s index when another computer’s changes arrive', () => {
  it('keeps showing the lists until the new parts replace them, then shows the new records', async () => {
    const { create, hold } = await unlockedRenderer();
    await create('A-01');
    await fillIndex(() => undefined);
    const arrived = await create('B-02'); // as if merged from another computer

    const release = hold('index:clients');
    const refilling = refillIndex();
    await new Promise((r) => setTimeout(r, 50));
    // Still on screen meanwhile: never an empty or "loading" list.
    expect(summaryIndex.clients()?.map((c) => c.code)).toEqual(['A-01']);
    release();
    await refilling;
    expect(summaryIndex.clients()?.map((c) => c.id)).toContain(arrived.id);
    expect(summaryIndex.clients()?.map((c) => c.code)).toEqual(['A-01', 'B-02']);
  });

  it('a record saved here while the refill is under way keeps its saved version', async () => {
    const { create, hold } = await unlockedRenderer();
    const a = await create('A-01');
    await fillIndex(() => undefined);
    const release = hold('index:clients');
    const refilling = refillIndex();
    await new Promise((r) => setTimeout(r, 20));
    summaryIndex.putClient({ ...a, displayName: 'Saved just now' });
    release();
    await refilling;
    expect(summaryIndex.client(a.id)?.displayName).toBe('Saved just now');
  });
});
