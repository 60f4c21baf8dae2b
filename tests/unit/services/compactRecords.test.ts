import { describe, expect, it, onTestFinished } from 'vitest';
import { kinds, RecordStore } from '../../../main/services/RecordStore';
import { VaultSession } from '../../../main/services/VaultSession';
import { expectKind, makeVault, openAsThisComputer, PASS } from './serviceKit';

interface Rec {
  id: string;
  sessionId: string;
  text: string;
}

/** A format-2 vault (the one the notes are kept compact for) unlocked through a session, and a store over it. */
async function openStore(format: 1 | 2 = 2) {
  const { location } = await makeVault(undefined, format);
  const session = new VaultSession(location, () => undefined);
  await session.unlock({ passphrase: PASS });
  onTestFinished(() => session.lock('quit').then(() => undefined));
  return { session, store: new RecordStore(session) };
}

const note = (id: string, sessionId: string, text: string): Rec => ({ id, sessionId, text });
const sessionOf = (value: Rec) => ({ sessionId: value.sessionId });

describe('RecordStore keeps notes as their JSON and views of them in step', () => {
  it('a note read is parsed afresh from what the vault holds: equal to the vault, and changing it changes nothing kept', async () => {
    const { session, store } = await openStore();
    await store.write((w) => w.put(kinds.note, 'n1', note('n1', 's1', 'first words')));
    await session.vault.put(kinds.note, 'n2', note('n2', 's2', 'written beside the store'));
    const fresh = new RecordStore(session);
    const all = await fresh.all<Rec>(kinds.note);
    expect(all.size).toBe(2);
    expect(all.get('n2')).toEqual(await session.vault.get(kinds.note, 'n2'));
    const first = all.get('n1') as Rec;
    first.text = 'changed by a caller';
    expect(all.get('n1')).toEqual(note('n1', 's1', 'first words'));
    expect(all.get('n1')).not.toBe(all.get('n1'));
    expect([...all.keys()].sort()).toEqual(['n1', 'n2']);
    expect([...all.values()].map((n) => n.id).sort()).toEqual(['n1', 'n2']);
    expect(await fresh.find<Rec>(kinds.note, 'n1')).toEqual(note('n1', 's1', 'first words'));
  });

  it('a save and a removal reach the kept notes and every view, as a later unlock reads them', async () => {
    const { session, store } = await openStore();
    const KEY = Symbol('sessions');
    await store.write((w) => w.put(kinds.note, 'n1', note('n1', 's1', 'a')));
    const view = await store.view(kinds.note, KEY, sessionOf);
    expect([...view]).toEqual([['n1', { sessionId: 's1' }]]);
    await store.write(async (w) => {
      await w.put(kinds.note, 'n1', note('n1', 's9', 'moved'));
      await w.put(kinds.note, 'n2', { ...note('n2', 's2', 'b'), dropped: undefined });
    });
    expect(await store.view(kinds.note, KEY, sessionOf)).toBe(view);
    expect(Object.fromEntries(view)).toEqual({ n1: { sessionId: 's9' }, n2: { sessionId: 's2' } });
    // Kept as a later read from the vault gives it (JSON drops undefined).
    expect((await store.all<Rec>(kinds.note)).get('n2')).toEqual(note('n2', 's2', 'b'));
    await store.write((w) => w.delete(kinds.note, 'n1'));
    expect([...view.keys()]).toEqual(['n2']);
    expect((await store.all(kinds.note)).has('n1')).toBe(false);

    const again = new RecordStore(session);
    expect(Object.fromEntries(await again.view(kinds.note, KEY, sessionOf))).toEqual(
      Object.fromEntries(view),
    );
  });

  it('a view made while a save is under way still ends with the saved record', async () => {
    const { store } = await openStore();
    const KEY = Symbol('sessions');
    await store.write((w) => w.put(kinds.note, 'n1', note('n1', 's1', 'a')));
    const saving = store.write((w) => w.put(kinds.note, 'n1', note('n1', 's2', 'b')));
    const view = store.view(kinds.note, KEY, sessionOf);
    await saving;
    expect((await view).get('n1')).toEqual({ sessionId: 's2' });
  });

  it('after lock, notes read from a map taken before fail with locked instead of parsing zeroed bytes; the next unlock reads afresh', async () => {
    const { session, store } = await openStore();
    await store.write((w) => w.put(kinds.note, 'n1', note('n1', 's1', 'before the lock')));
    await session.vault.put(kinds.note, 'n2', note('n2', 's2', 'read from the engine'));
    const taken = await new RecordStore(session).all<Rec>(kinds.note);
    await session.lock('user');
    expect(() => taken.get('n2')).toThrow(/locked/);
    await expectKind(store.all(kinds.note), 'locked');
    await session.unlock({ passphrase: PASS });
    expect((await store.all<Rec>(kinds.note)).get('n1')).toEqual(note('n1', 's1', 'before the lock'));
  });

  it('a format-1 vault (as the command line opens one) keeps its records parsed as before, and views work the same', async () => {
    const { location } = await makeVault(undefined, 1);
    const vault = await openAsThisComputer(location);
    onTestFinished(() => vault.lock());
    expect(vault.format).toBe(1);
    // The slice of a session a store uses: the vault, and the lock and change events (none here).
    const session = { vault, onBeforeLock: () => undefined, onRecordsChanged: () => undefined };
    const store = new RecordStore(session as unknown as VaultSession);
    await store.write((w) => w.put(kinds.note, 'n1', note('n1', 's1', 'a')));
    const all = await store.all<Rec>(kinds.note);
    expect(all.get('n1')).toBe(all.get('n1'));
    expect(Object.fromEntries(await store.view(kinds.note, Symbol('s'), sessionOf))).toEqual({
      n1: { sessionId: 's1' },
    });
  });
});
