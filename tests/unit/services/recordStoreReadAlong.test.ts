import { describe, expect, it } from 'vitest';
import { noteSummaries } from '../../../main/services/noteSummaries';
import { kinds, type PassReader, RecordStore } from '../../../main/services/RecordStore';
import { clientWithNote, openServices } from './serviceKit';

/** A reader that keeps the ids it visited and the failure it was told of. */
function keeper(throwAt?: number): PassReader & { ids: string[]; failure: unknown } {
  const ids: string[] = [];
  return {
    ids,
    failure: undefined,
    visit(id) {
      if (ids.length === throwAt) throw new Error('cannot read this one');
      ids.push(id);
    },
    fail(error) {
      this.failure = error;
    },
  };
}

async function storeWithNotes(count: number) {
  const { session, services } = await openServices();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await clientWithNote(services, `C-0${i}`)).note.id);
  // A store of its own: nothing read in it yet, as after an unlock.
  return { store: new RecordStore(session), ids };
}

describe('RecordStore.readAlong', () => {
  it("visits every record once, in the pass that builds the kind's next view; none after that", async () => {
    const { store, ids } = await storeWithNotes(3);
    const reader = keeper();
    expect(store.readAlong(kinds.note, reader)).toBe(true);
    const summaries = await noteSummaries(store);
    expect(reader.ids.sort()).toEqual([...ids].sort());
    expect([...summaries.keys()].sort()).toEqual([...ids].sort());
    expect(reader.failure).toBeUndefined();
    // The view exists: a later reader is told to read the records itself.
    expect(store.readAlong(kinds.note, keeper())).toBe(false);
  });

  it('tells a reader that throws that it failed, and the view is complete anyway', async () => {
    const { store, ids } = await storeWithNotes(3);
    const failing = keeper(1);
    const other = keeper();
    store.readAlong(kinds.note, failing);
    store.readAlong(kinds.note, other);
    const summaries = await noteSummaries(store);
    expect(summaries.size).toBe(ids.length);
    expect(failing.ids).toHaveLength(1);
    expect(String(failing.failure)).toContain('cannot read this one');
    expect(other.ids).toHaveLength(ids.length);
  });
});

describe('RecordStore.view once locked', () => {
  it('rejects with locked rather than throwing, so a Promise.all with `all` handles both', async () => {
    const { store } = await storeWithNotes(1);
    const { session } = await openServices();
    const locked = new RecordStore(session);
    await session.lock('idle');
    // As IndexService.today and RiskService.elevated ask for sessions and summaries together.
    await expect(Promise.all([locked.all(kinds.session), noteSummaries(locked)])).rejects.toMatchObject({
      kind: 'locked',
    });
    expect(store.readAlong(kinds.note, keeper())).toBe(true); // the other store is still unlocked
  });
});
