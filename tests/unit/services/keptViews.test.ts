import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { LOCAL_INDEX_DIR, readLocalView, writeLocalView } from '../../../main/services/device/localViewCache';
import { type KeptView, kinds, RecordStore } from '../../../main/services/RecordStore';
import { VaultSession } from '../../../main/services/VaultSession';
import { makeVault, PASS } from './serviceKit';

interface Rec {
  id: string;
  sessionId: string;
  text: string;
}

const KEPT: KeptView = { name: 'test-sessions', schema: 1 };
const MARKER = 'Zebrafinch-7c1e';

/**
 * A format-2 vault with a few notes, and a way to unlock it as this computer with a fresh store
 * (a new unlock: nothing in memory from the last), counting how often the view's projection runs.
 */
async function keptVault() {
  const { dataDir, location } = await makeVault(undefined, 2);
  const session = new VaultSession(location, () => undefined);
  onTestFinished(() => session.lock('quit').then(() => undefined));
  let projected = 0;
  const project = (note: Rec) => {
    projected += 1;
    return { sessionId: note.sessionId, marker: MARKER };
  };
  const unlock = async () => {
    if ((await session.status()).state === 'unlocked') await session.lock('quit');
    await session.unlock({ passphrase: PASS });
    projected = 0;
    return new RecordStore(session, { keepViewsAfterMs: 0 });
  };
  const build = (store: RecordStore) => store.view(kinds.note, Symbol('sessions'), project, KEPT);
  const file = () => join(dataDir, LOCAL_INDEX_DIR, `${session.vault.id}-${KEPT.name}.bin`);
  return { dataDir, session, unlock, build, file, projections: () => projected };
}

/** Writes `n` notes in one commit. */
async function seed(store: RecordStore, n: number) {
  await store.write(async (w) => {
    for (let i = 0; i < n; i++)
      await w.put(kinds.note, `n${i}`, { id: `n${i}`, sessionId: `s${i}`, text: `${MARKER} words ${i}` });
  });
}

describe('views kept on this computer between unlocks (FORMAT.md §17)', () => {
  it('the next unlock reuses every projection of an unchanged record and parses only what was written since', async () => {
    const v = await keptVault();
    let store = await v.unlock();
    await seed(store, 20);
    await v.build(store);
    expect(v.projections()).toBe(20);
    await vi.waitFor(() => expect(existsSync(v.file())).toBe(true));

    store = await v.unlock();
    const view = await v.build(store);
    expect(v.projections()).toBe(0);
    expect(view.size).toBe(20);
    expect(view.get('n3')).toEqual({ sessionId: 's3', marker: MARKER });

    // Saved after the view was built: the copy is written again with the new version.
    await store.write((w) => w.put(kinds.note, 'n3', { id: 'n3', sessionId: 's99', text: 'moved' }));
    await store.write((w) => w.delete(kinds.note, 'n4'));
    store = await v.unlock();
    const later = await v.build(store);
    expect(v.projections()).toBe(1); // n3 only
    expect(later.get('n3')).toEqual({ sessionId: 's99', marker: MARKER });
    expect(later.has('n4')).toBe(false);
    expect(later.size).toBe(19);
  });

  it('a damaged, cut or foreign copy is not used: the view is computed from the records and the copy written afresh', async () => {
    const v = await keptVault();
    let store = await v.unlock();
    await seed(store, 5);
    await v.build(store);
    await vi.waitFor(() => expect(existsSync(v.file())).toBe(true));
    const good = await readFile(v.file());

    const damaged = Buffer.from(good);
    damaged[damaged.length - 20] = (damaged[damaged.length - 20] as number) ^ 1;
    for (const bad of [
      damaged,
      good.subarray(0, good.length - 9),
      Buffer.from('not a copy'),
      Buffer.alloc(0),
    ]) {
      await writeFile(v.file(), bad);
      store = await v.unlock();
      const view = await v.build(store);
      expect(v.projections()).toBe(5);
      expect(view.get('n1')).toEqual({ sessionId: 's1', marker: MARKER });
      await vi.waitFor(async () => expect(await readFile(v.file())).not.toEqual(bad));
    }

    // Another vault's copy under this vault's name: sealed with another key, so not used.
    const other = await keptVault();
    const otherStore = await other.unlock();
    await seed(otherStore, 2);
    await other.build(otherStore);
    await vi.waitFor(() => expect(existsSync(other.file())).toBe(true));
    await writeFile(v.file(), await readFile(other.file()));
    store = await v.unlock();
    expect((await v.build(store)).size).toBe(5);
    expect(v.projections()).toBe(5);
  });

  it('a copy made under another schema, or for another view name, is not used', async () => {
    const v = await keptVault();
    const store = await v.unlock();
    await seed(store, 3);
    const entries: Array<[string, string, unknown]> = [['n0', 'v1', { sessionId: 'wrong' }]];
    await writeLocalView(v.dataDir, v.session.vault, KEPT.name, 2, entries);
    expect(await readLocalView(v.dataDir, v.session.vault, KEPT.name, 1)).toBeNull();
    expect(await readLocalView(v.dataDir, v.session.vault, KEPT.name, 2)).toEqual(
      new Map([['n0', { version: 'v1', value: { sessionId: 'wrong' } }]]),
    );
    // Renamed to another view's file: the name is sealed in, so it is not read as that view.
    const files = await readdir(join(v.dataDir, LOCAL_INDEX_DIR));
    await writeFile(
      join(v.dataDir, LOCAL_INDEX_DIR, `${v.session.vault.id}-other.bin`),
      await readFile(join(v.dataDir, LOCAL_INDEX_DIR, files[0] as string)),
    );
    expect(await readLocalView(v.dataDir, v.session.vault, 'other', 2)).toBeNull();
  });

  it('the copy is sealed in the data folder, never in the vault folder, and holds nothing in the clear', async () => {
    const v = await keptVault();
    const store = await v.unlock();
    await seed(store, 10);
    await v.build(store);
    await vi.waitFor(() => expect(existsSync(v.file())).toBe(true));
    const bytes = await readFile(v.file());
    expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
    // As the rows' JSON would hold it: two bytes alone turn up in random ciphertext now and then.
    expect(bytes.includes(Buffer.from('"sessionId":"s1"'))).toBe(false);
    expect(bytes.includes(Buffer.from('sessionId'))).toBe(false);
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('ATLV');
    expect(v.file().startsWith(v.session.location)).toBe(false);
  });

  it('a lock before the copy is due writes none, and every view is dropped with the records', async () => {
    const { location, dataDir } = await makeVault(undefined, 2);
    const session = new VaultSession(location, () => undefined);
    await session.unlock({ passphrase: PASS });
    // Due 30 ms after the view is built, and the lock comes first: the wait below outlasts it.
    const store = new RecordStore(session, { keepViewsAfterMs: 30 });
    await seed(store, 3);
    await store.view(kinds.note, Symbol('sessions'), (n: Rec) => n.sessionId, KEPT);
    await session.lock('quit');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(existsSync(join(dataDir, LOCAL_INDEX_DIR))).toBe(false);
    await expect(store.view(kinds.note, Symbol('sessions'), (n: Rec) => n.sessionId, KEPT)).rejects.toThrow(
      /locked/i,
    );
  });
});
