import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kinds, RecordStore } from '../../../main/services/RecordStore';
import { SearchThread } from '../../../main/services/searchThread';
import { clientWithNote, expectKind, filledDraft, openServices, PASS, setKitVaultFormat } from './serviceKit';

// Format 2: the vault holds notes as their JSON, which the store keeps unparsed (recordTables.ts)
// and the search hands to its thread as it is.
setKitVaultFormat(2);

/** Counts the notes parsed from their JSON in this process (the only records with session judgments) from now on. */
function countNoteParses(): { readonly count: number } {
  const parse = JSON.parse;
  const counter = { count: 0 };
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof parse>[1]) => {
    if (typeof text === 'string' && text.includes('"sessionJudgments"')) counter.count++;
    return parse(text, reviver);
  });
  return counter;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Three clients with a filled note each, then a fresh unlock: the notes are the vault's bytes, nothing parsed yet. */
async function relockedWithNotes() {
  const harness = await openServices({ searchSliceMs: 0 }); // yield after every note
  const { services, session } = harness;
  const ids: string[] = [];
  for (const code of ['C-01', 'C-02', 'C-03']) {
    const { note } = await clientWithNote(services, code);
    await services.notes.saveDraft(note.id, filledDraft());
    ids.push(note.id);
  }
  await session.lock('idle');
  await session.unlock({ passphrase: PASS });
  return { ...harness, ids };
}

/** A filled note's JSON as the store keeps it, mentioning "orchard" once. */
async function storedNoteJson(): Promise<string> {
  const { services } = await openServices();
  const { note } = await clientWithNote(services);
  await services.notes.saveDraft(note.id, filledDraft({ subjective: 'Spoke of the orchard.' }));
  return JSON.stringify(await services.notes.get(note.id));
}

describe('handing the notes to the search thread as their JSON', () => {
  it('parses no note in the main process to prepare the search', async () => {
    const { services, ids } = await relockedWithNotes();
    const parses = countNoteParses();
    await services.search.warmUp();
    await services.search.indexReady();
    expect(parses.count).toBe(0);
    expect(services.search.stats()).toMatchObject({ engine: 'index', notes: ids.length, skipped: 0 });
    expect((await services.search.search('manager', 10)).total).toBe(ids.length);
  });

  it('a note saved during the hand-over ends with its latest text', async () => {
    const { services, ids } = await relockedWithNotes();
    const stored = await services.notes.get(ids[1]!);
    const warming = services.search.warmUp();
    await nextTurn(); // the hand-over has begun (one note per slice)
    expect(services.search.stats().engine).toBe('preparing');
    // What NoteService does after a save: here while the thread is being handed the stored JSON.
    services.search.noteSaved({ ...stored, plan: 'Talk about the orchard.' });
    await warming;
    const noteIds = async (query: string) =>
      (await services.search.search(query, 10)).hits.map((h) => h.noteId).sort();
    for (const engine of ['scan', 'index']) {
      if (engine === 'index') await services.search.indexReady();
      expect(services.search.stats().engine).toBe(engine);
      expect(await noteIds('orchard')).toEqual([ids[1]]);
      expect(await noteIds('weekly')).toEqual([ids[0], ids[2]].sort()); // its stored plan is gone
      expect(await noteIds('manager')).toEqual([...ids].sort());
    }
  });

  it('a save at any point of the hand-over ends with its new text, in the scan and in the index', async () => {
    const { services, session, ids } = await relockedWithNotes();
    const found = async (query: string) =>
      (await services.search.search(query, 10)).hits.map((h) => h.noteId);
    for (let turns = 0; turns <= 6; turns++) {
      for (const which of [0, 2]) {
        await session.lock('idle');
        await session.unlock({ passphrase: PASS });
        const stored = await services.notes.get(ids[which]!);
        const warming = services.search.warmUp();
        for (let t = 0; t < turns; t++) await nextTurn(); // one note per slice: a batch may be half made
        services.search.noteSaved({ ...stored, plan: 'Talk about the orchard.' });
        await warming;
        expect(await found('orchard'), `scan, saved after ${turns} turns`).toEqual([ids[which]]);
        await services.search.indexReady();
        expect(await found('orchard'), `index, saved after ${turns} turns`).toEqual([ids[which]]);
      }
    }
  });

  it('a save through the services made as the hand-over starts is found with its new text, whenever it lands', async () => {
    const { services, ids } = await relockedWithNotes();
    const warming = services.search.warmUp();
    await services.notes.saveDraft(ids[2]!, { ...filledDraft(), plan: 'Talk about the garden.' });
    await warming;
    expect((await services.search.search('garden', 10)).hits.map((h) => h.noteId)).toEqual([ids[2]]);
    await services.search.indexReady();
    expect((await services.search.search('garden', 10)).hits.map((h) => h.noteId)).toEqual([ids[2]]);
    expect((await services.search.search('homework', 10)).total).toBe(ids.length);
  });

  it('leaves out a stored note that does not read as a note, and finds the others', async () => {
    const { services, session, ids } = await relockedWithNotes();
    // Written past the services' checks, as a damaged or foreign record would be.
    await new RecordStore(session).write((w) => w.put(kinds.note, 'not-a-note', { id: 'not-a-note' }));
    await session.lock('idle');
    await session.unlock({ passphrase: PASS });
    expect((await services.search.search('manager', 10)).total).toBe(ids.length);
    expect(services.search.stats()).toMatchObject({ notes: ids.length + 1, skipped: 1 });
    // Read again for the index, and counted once.
    await services.search.indexReady();
    expect(services.search.stats()).toMatchObject({ engine: 'index', skipped: 1 });
    expect((await services.search.search('manager', 10)).total).toBe(ids.length);
  });

  it('stops with locked when the vault locks during the hand-over, and starts afresh at the next unlock', async () => {
    const { services, session, ids } = await relockedWithNotes();
    const warming = services.search.warmUp();
    await nextTurn();
    await session.lock('idle');
    await expectKind(warming, 'locked');
    await session.unlock({ passphrase: PASS });
    expect((await services.search.search('manager', 10)).total).toBe(ids.length);
  });

  it('feeds the index a batch at a time, as the thread asks once its scan answers, never every note at once', async () => {
    const json = await storedNoteJson();
    const utf8 = new TextEncoder();
    const all = Array.from(
      { length: 600 },
      (_, i) => [`n${i}`, utf8.encode(json.replace('orchard', `orchard${i}`))] as const,
    );
    const batches = [all.slice(0, 250), all.slice(250, 500), all.slice(500)];
    const asked: number[] = [];
    let scanAnswered = false;
    const thread: SearchThread = new SearchThread(undefined, {
      onMore: () => {
        asked.push(scanAnswered ? 1 : 0);
        const batch = batches.shift();
        if (batch) thread.addJson(batch, { scanned: false, indexed: true });
        else thread.seal();
      },
    });
    try {
      thread.addJson(all, { scanned: true, indexed: false });
      await nextTurn();
      thread.sealScan();
      await thread.scanned;
      scanAnswered = true;
      const fromScan = (await thread.search('orchard599', 50, 0, 'scan')).hits.map((h) => h.id).sort();
      expect(fromScan).toContain('n599'); // and the notes one edit away (orchard590, …)
      await thread.built;
      // Three batches, then the answer that was the seal; each asked for once the one before was in.
      expect(asked.length).toBe(4);
      expect((await thread.search('orchard599', 50, 0, 'index')).hits.map((h) => h.id).sort()).toEqual(
        fromScan,
      );
      expect((await thread.search('orchard', 1000, 0, 'index')).total).toBe(600);
    } finally {
      await thread.stop();
    }
  });

  it('the thread leaves out a note whose JSON is not a note and reads the others; the bytes it was given stay', async () => {
    const json = await storedNoteJson();
    const utf8 = new TextEncoder();
    // A note's bytes inside a larger buffer, as the vault's engine holds them.
    const engine = utf8.encode(`garbage${json}garbage`);
    const inEngine = engine.subarray(7, 7 + utf8.encode(json).byteLength);
    const thread = new SearchThread();
    try {
      thread.addJson([
        ['broken', utf8.encode('{"id": "broken", "sections": {"subjective": "orch')],
        ['good', inEngine],
        ['not-a-note', utf8.encode('{"id": "not-a-note"}')],
        ['saved', json.replace('orchard', 'vineyard')],
      ]);
      thread.seal();
      await thread.scanned;
      expect(thread.skipped).toBe(2);
      expect((await thread.search('orchard', 10, 0)).hits.map((h) => h.id)).toEqual(['good']);
      expect((await thread.search('vineyard', 10, 0)).hits.map((h) => h.id)).toEqual(['saved']);
      expect(engine.buffer.byteLength).toBe(engine.byteLength); // copied, not moved (detached)
      expect(new TextDecoder().decode(inEngine)).toBe(json);
    } finally {
      await thread.stop();
    }
  });
});
