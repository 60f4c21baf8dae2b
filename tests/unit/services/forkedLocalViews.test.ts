import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it, onTestFinished, vi } from 'vitest';
import { LOCAL_INDEX_DIR } from '../../../main/services/device/localViewCache';
import { type KeptView, kinds, RecordStore } from '../../../main/services/RecordStore';
import { VaultSession } from '../../../main/services/VaultSession';
import { tempDir } from '../helpers/tempDir';
import { makeVault, PASS } from './serviceKit';

/**
 * This computer's copies of its views (FORMAT.md §17) name each row by the op that wrote the
 * record (`<device>:<seq>:<i>`). A computer's data copied whole to a second one (same device id)
 * writes other values under the same op ids: a fork. Once a sync tool's "newer wins" put the
 * second computer's log in place of the first's, the first used its copy of the view, made from
 * its own edit, for a record that now holds the other. Copies are sealed for the forks and
 * rollbacks reported when they were made: one made before the fork does not open after it (the
 * view is computed afresh and kept anew), and one made during it is used while it stays reported.
 */
const KEPT: KeptView = { name: 'test-sessions', schema: 1 };

function computer(location: string) {
  const session = new VaultSession(location, () => undefined);
  onTestFinished(() => session.lock('quit').then(() => undefined));
  const unlock = async () => {
    if ((await session.status()).state === 'unlocked') await session.lock('quit');
    await session.unlock({ passphrase: PASS });
    return new RecordStore(session, { keepViewsAfterMs: 0 });
  };
  const counted = { projections: 0 };
  const view = (store: RecordStore) =>
    store.view(
      kinds.note,
      Symbol('sessions'),
      (n: { sessionId: string }) => {
        counted.projections++;
        return { sessionId: n.sessionId };
      },
      KEPT,
    );
  return { session, unlock, view, counted };
}

it('a view this computer kept is not used for a record a forked log changed under the same op id', async () => {
  const root = await tempDir('attune-forked-views-');
  const [dirA, dirB] = [join(root, 'A'), join(root, 'B')];
  await mkdir(dirA);
  const { location: vaultA } = await makeVault(dirA, 2);
  const a = computer(vaultA);
  let store = await a.unlock();
  await store.write((w) => w.put(kinds.note, 'n1', { id: 'n1', sessionId: 'base' }));
  await a.session.lock('quit');
  // The whole data folder (settings with the device id, and the vault) copied to a second computer.
  await cp(dirA, dirB, { recursive: true });
  const vaultB = join(dirB, 'vault');
  const b = computer(vaultB);

  store = await a.unlock();
  await store.write((w) => w.put(kinds.note, 'n1', { id: 'n1', sessionId: 'A-edit' }));
  expect((await a.view(store)).get('n1')).toEqual({ sessionId: 'A-edit' });
  const kept = join(dirA, LOCAL_INDEX_DIR, `${a.session.vault.id}-${KEPT.name}.bin`);
  await vi.waitFor(() => expect(existsSync(kept)).toBe(true));
  await a.session.lock('quit');

  store = await b.unlock();
  await store.write((w) => w.put(kinds.note, 'n1', { id: 'n1', sessionId: 'B-edit' }));
  await b.session.lock('quit');

  // "Newer wins": the second computer's log replaces the first's, file by file.
  const [device] = await readdir(join(vaultA, 'devices'));
  for (const name of await readdir(join(vaultB, 'devices', device!)))
    if (name.startsWith('log-'))
      await copyFile(join(vaultB, 'devices', device!, name), join(vaultA, 'devices', device!, name));

  store = await a.unlock();
  expect(a.session.synced?.problems().some((p) => p.type === 'fork')).toBe(true);
  const record = (await a.session.vault.get('note', 'n1')) as { sessionId: string };
  a.counted.projections = 0;
  const before = (await stat(kept)).mtimeMs;
  expect((await a.view(store)).get('n1')).toEqual({ sessionId: record.sessionId });
  expect(a.counted.projections).toBe(1); // computed afresh, and kept anew
  await vi.waitFor(async () => expect((await stat(kept)).mtimeMs).toBeGreaterThan(before));

  // The fork stays reported for good: the copy kept during it is used at the next unlocks.
  await a.session.lock('quit');
  store = await a.unlock();
  expect(a.session.synced?.problems().some((p) => p.type === 'fork')).toBe(true);
  a.counted.projections = 0;
  expect((await a.view(store)).get('n1')).toEqual({ sessionId: record.sessionId });
  expect(a.counted.projections).toBe(0);
});
