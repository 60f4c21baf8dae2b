import { afterEach, describe, expect, it, vi } from 'vitest';
import { PASS, clientWithNote, filledDraft, openServices, setKitVaultFormat } from './serviceKit';

// Format 2: the vault holds notes as their JSON and the store parses one each time it is read
// (recordTables.ts), which is what a second pass over every note costs.
setKitVaultFormat(2);

/** Counts the notes parsed from their JSON (the only records with session judgments) from now on. */
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

/** Four clients with a filled note each, then a fresh unlock (nothing read or parsed yet). */
async function relockedWithNotes() {
  const harness = await openServices();
  const { services, session } = harness;
  const ids: string[] = [];
  for (const code of ['C-01', 'C-02', 'C-03', 'C-04']) {
    const { note } = await clientWithNote(services, code);
    await services.notes.saveDraft(note.id, filledDraft());
    ids.push(note.id);
  }
  await session.lock('idle');
  await session.unlock({ passphrase: PASS });
  return { ...harness, ids };
}

describe("the search takes the notes' text in the summaries' pass", () => {
  it('parses each note once for the summaries and the search together', async () => {
    const { services, ids } = await relockedWithNotes();
    const parses = countNoteParses();
    // As the renderer fills its index: Today's slice first, then every summary.
    await services.index.today(new Date('2025-03-14T12:00:00Z'));
    await services.index.noteSummaries();
    await services.search.indexReady();
    expect(parses.count).toBe(ids.length);
    expect(services.search.stats()).toMatchObject({ engine: 'index', notes: ids.length });
  });

  it('reads the notes again when their summaries were computed before the search started', async () => {
    // Not the app's order (the index starts the search first), but it must still find every note.
    const { services, ids } = await relockedWithNotes();
    const parses = countNoteParses();
    await services.sessionNotes.templateFor((await services.clients.list())[0]!.id); // reads the summaries
    await services.search.indexReady();
    expect(parses.count).toBe(2 * ids.length);
    const found = await services.search.search('manager', 10);
    expect(found.hits.map((h) => h.noteId).sort()).toEqual([...ids].sort());
  });

  it('finds the same notes as before, a note saved during the pass with its new text', async () => {
    const { services, ids } = await relockedWithNotes();
    const stored = await services.notes.get(ids[2]!); // reads that one note, not the summaries
    const filling = services.index.today(new Date('2025-03-14T12:00:00Z'));
    // Saved while the notes are read: handed to the search after the text the pass read.
    const saving = services.notes.saveDraft(ids[2]!, { ...filledDraft(), plan: 'Talk about the garden.' });
    await Promise.all([filling, saving]);
    expect(stored.plan).not.toContain('garden');
    expect((await services.search.search('garden', 10)).hits.map((h) => h.noteId)).toEqual([ids[2]]);
    expect((await services.search.search('manager', 10)).hits.map((h) => h.noteId).sort()).toEqual(
      [...ids].sort(),
    );
    await services.search.indexReady();
    expect((await services.search.search('garden', 10)).hits.map((h) => h.noteId)).toEqual([ids[2]]);
    expect((await services.search.search('homework', 10)).total).toBe(ids.length);
  });

  it('stops with locked when the vault locks during the pass, and starts afresh at the next unlock', async () => {
    const { services, session, ids } = await relockedWithNotes();
    const filling = services.index.today(new Date('2025-03-14T12:00:00Z'));
    await session.lock('idle');
    await filling.catch(() => undefined);
    await session.unlock({ passphrase: PASS });
    await services.index.noteSummaries();
    expect((await services.search.search('manager', 10)).total).toBe(ids.length);
  });
});
