import { setImmediate as nextTurn } from 'node:timers/promises';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { NoteScan, withinOneEdit } from '../../../main/services/noteScan';
import { type FoldedNote, type NoteTextDoc, searchGroups } from '../../../main/services/noteText';
import { SearchThread, searchThreadsRunning } from '../../../main/services/searchThread';
import { foldText, foldTerm, searchTerms, tokenize } from '../../../main/services/searchText';
import { tempDir } from '../helpers/tempDir';
import { clientWithNote, expectKind, filledDraft, openServices, PASS } from './serviceKit';

/** Words in many forms: case, accents (composed and not), final sigma, ß, dotted I, astral letters. */
const WORDS = [
  'manager',
  'Manager',
  'MANAGER',
  'café',
  'Café',
  'CAFÉ',
  'cafe\u0301',
  'naïve',
  'naive',
  'straße',
  'ΟΔΟΣ',
  'οδος',
  'Ὀδυσσεύς',
  'İstanbul',
  'istanbul',
  'élan',
  '𝒜lpha',
  '𝒜lphb',
  'x𝒜yz',
  '日本語',
  'ǅemal',
  'ﬁle',
  'Ⅻ',
  '٣٤',
  '123',
  'a',
  'ab',
  'abc',
  'abcd',
  'abce',
  'garden',
  'gardens',
  'homework',
  'breath',
  'breathes',
];
const SEPARATORS = [' ', ', ', '\n', '’', '-', '“', ' \u0301 ', '—'];
const ODD = ['a', 'b', 'é', 'e', '\u0301', 'ß', 'Σ', 'ς', '𝒜', 'İ', '-', ' ', '’', '1'];

const oddWord = fc.string({ unit: fc.constantFrom(...ODD), minLength: 1, maxLength: 6 });
const word = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: oddWord });
const text = fc
  .array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''));

/** One unit inserted, removed or replaced at `n` (modulo the word's length). */
const edit = (w: string, [n, c, kind]: [number, string, number]): string => {
  const at = n % (w.length + 1);
  if (kind === 0) return w.slice(0, at) + c + w.slice(at);
  if (kind === 1) return w.slice(0, at) + w.slice(at + 1);
  return w.slice(0, at) + c + w.slice(at + 1);
};
const anEdit = fc.tuple(fc.nat(), fc.constantFrom('x', 'e', 'é', '𝒜'), fc.nat(2));

/** A query word: a word, a prefix of one, one with one or two typos, or odd. */
const queryWord = fc.oneof(
  word,
  fc.tuple(fc.constantFrom(...WORDS), fc.nat()).map(([w, n]) => w.slice(0, 1 + (n % w.length))),
  fc
    .tuple(fc.constantFrom(...WORDS), fc.array(anEdit, { minLength: 1, maxLength: 2 }))
    .map(([w, edits]) => edits.reduce(edit, w)),
);
const query = fc.array(queryWord, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));

/** A note's folded text: its texts spread over two groups, so a group can hold several fields. */
function doc(id: string, texts: readonly string[]): FoldedNote {
  const folded = { id } as FoldedNote;
  for (const g of searchGroups) folded[g] = [];
  texts.forEach((t, i) => {
    folded[searchGroups[i % 2]!].push(foldText(t));
  });
  return folded;
}

/** A note's text as written (the thread folds it), spread over two groups like `doc`. */
function rawDoc(id: string, texts: readonly string[]): NoteTextDoc {
  const raw = { id } as NoteTextDoc;
  for (const g of searchGroups) raw[g] = [];
  texts.forEach((t, i) => {
    raw[searchGroups[i % 2]!].push(t);
  });
  return raw;
}

describe('the scan and the full index', () => {
  it('find the same notes for any notes and queries (accents, odd Unicode, prefixes, typos, several words)', async () => {
    // One thread for every run (starting one costs more than a run): each run's notes have ids of
    // their own, and only those count in the index's answers.
    const thread = new SearchThread([]);
    await thread.built;
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
          fc.array(query, { minLength: 1, maxLength: 8 }),
          async (notes, queries) => {
            const prefix = `r${run++}-`;
            const docs = notes.map((texts, i) => doc(`${prefix}${i}`, texts));
            const scan = new NoteScan();
            for (const d of docs) {
              scan.set(d, '2025-01-01T00:00:00.000Z');
              thread.upsert(d);
            }
            for (const q of queries) {
              const fromScan = [...scan.search(searchTerms(q))].sort();
              const { hits } = await thread.search(foldText(q), 1_000_000, 0);
              const fromIndex = hits.map((h) => h.id).filter((id) => id.startsWith(prefix));
              expect({ q, ids: fromScan }).toEqual({ q, ids: fromIndex.sort() });
            }
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      await thread.stop();
    }
  }, 120_000);

  it('in the thread, its scan and its index find the same notes, in the same order, by the same words, for any notes and queries', async () => {
    // The scan kept beside the built index: every note given to both, each asked the same question.
    const thread = new SearchThread([], { keepScan: true });
    await thread.built;
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
          fc.array(query, { minLength: 1, maxLength: 8 }),
          async (notes, queries) => {
            const prefix = `r${run++}-`;
            // Three times, so notes share one: the order's tie-break is checked too.
            const stamps = [
              '2026-01-05T10:00:00.000Z',
              '2026-03-01T09:00:00.000Z',
              '2026-02-11T16:30:00.000Z',
            ];
            for (const [i, texts] of notes.entries())
              thread.upsert({ ...rawDoc(`${prefix}${i}`, texts), updatedAt: stamps[i % 3] });
            for (const q of queries) {
              const scan = await thread.search(q, 1_000_000, 0, 'scan');
              const index = await thread.search(q, 1_000_000, 0, 'index');
              // The same notes in the same order (newest first), so pages asked of the scan and
              // then of the index, as happens while the index takes over, join up.
              const ids = (page: typeof scan) =>
                page.hits.map((h) => h.id).filter((id) => id.startsWith(prefix));
              expect({ q, ids: ids(scan) }).toEqual({ q, ids: ids(index) });
              // The same words of each note matched, for its snippets.
              const words = (page: typeof scan) =>
                Object.fromEntries(page.hits.map((h) => [h.id, [...h.terms].sort()]));
              expect(words(scan)).toEqual(words(index));
            }
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      await thread.stop();
    }
  }, 120_000);

  it('answers from the scan once every note is handed over, before its index is built', async () => {
    const docs = ['the manager called', 'a manager again', 'nothing here'].map((t, i) => ({
      ...rawDoc(`n${i}`, [t]),
      updatedAt: `2025-01-0${i + 1}T00:00:00.000Z`,
    }));
    const thread = new SearchThread(docs, { holdBuild: true });
    try {
      await thread.scanned;
      expect(thread.scanReady).toBe(true);
      expect(thread.ready).toBe(false);
      const early = await thread.search('Manager', 10, 0);
      expect(early).toMatchObject({ engine: 'scan', total: 2 });
      expect(early.hits.map((h) => h.id)).toEqual(['n1', 'n0']); // newest first
      thread.build();
      await thread.built;
      const late = await thread.search('Manager', 10, 0);
      expect(late.engine).toBe('index');
      expect(late.hits.map((h) => h.id).sort()).toEqual(['n0', 'n1']);
    } finally {
      await thread.stop();
    }
  });

  it('fold whole texts and single words alike (final sigma, dotted I, combining marks)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const wordByWord = tokenize(t)
          .map(foldTerm)
          .flatMap((w) => tokenize(w));
        expect(searchTerms(t)).toEqual(wordByWord);
      }),
    );
    expect(searchTerms('ΟΔΟΣ’Α İstanbul Cafe\u0301')).toEqual(['οδοσ', 'α', 'istanbul', 'cafe']);
  });

  it('count one edit in UTF-16 units, as the index does', () => {
    expect(withinOneEdit('homework', 'homwork')).toBe(true);
    expect(withinOneEdit('polite', 'polte')).toBe(true);
    expect(withinOneEdit('abcd', 'abdc')).toBe(false); // a swap is two edits
    expect(withinOneEdit('𝒜lpha', 'lpha')).toBe(false); // an astral letter is two units
    expect(withinOneEdit('abcd', 'abcd')).toBe(true);
  });
});

describe('NoteSearch engines', () => {
  it('answers the first search after unlock (from the thread’s scan or, once built, its index) and later ones from the index, with the same notes', async () => {
    const { services } = await openServices();
    const ids: string[] = [];
    for (const code of ['C-01', 'C-02', 'C-03']) {
      const { note } = await clientWithNote(services, code);
      await services.notes.saveDraft(note.id, filledDraft());
      ids.push(note.id);
    }
    expect(services.search.stats()).toMatchObject({ engine: 'none', answered: { scan: 0, index: 0 } });
    // Three notes' index is built in the thread within a millisecond of the scan, so which of
    // the two answers first is a race here; at ten thousand notes the scan does (the thread
    // tests below hold the build back to compare both engines on the same notes).
    const early = await services.search.search('manager', 10);
    const first = services.search.stats();
    expect(first.notes).toBe(3);
    expect(first.answered.scan + first.answered.index).toBe(1);
    await services.search.indexReady();
    expect(services.search.stats().engine).toBe('index');
    const late = await services.search.search('manager', 10);
    expect(services.search.stats().answered).toEqual({
      scan: first.answered.scan,
      index: first.answered.index + 1,
    });
    expect(early.total).toBe(3);
    expect(late.total).toBe(3);
    expect(early.hits.map((h) => h.noteId).sort()).toEqual([...ids].sort());
    expect(late.hits.map((h) => h.noteId).sort()).toEqual([...ids].sort());
    // The same snippets, whichever engine found the note.
    const snippets = (r: typeof early) =>
      Object.fromEntries(
        r.hits.map((h) => [h.noteId, h.snippets]).sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    expect(snippets(late)).toEqual(snippets(early));
  });

  it('keeps the scan and the index current with saves and addenda', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    await services.search.warmUp();
    // Saved while the index builds: the scan has it at once, the index once built.
    await services.notes.saveDraft(note.id, filledDraft({ subjective: 'Spoke of the orchard.' }));
    expect((await services.search.search('orchard', 10)).total).toBe(1);
    await services.search.indexReady();
    expect((await services.search.search('orchard', 10)).total).toBe(1);
    expect((await services.search.search('orcard', 10)).total).toBe(1); // one letter missing
    // Saved after the build.
    await services.notes.saveDraft(note.id, filledDraft({ subjective: 'Spoke of the vineyard.' }));
    expect((await services.search.search('orchard', 10)).total).toBe(0);
    expect((await services.search.search('vineyard', 10)).total).toBe(1);
    await services.notes.sign(note.id);
    await services.notes.addAddendum(note.id, {
      type: 'clarification',
      reason: 'Added after signing.',
      text: 'Mentioned the landlord afterwards.',
    });
    const { hits } = await services.search.search('landlord', 10);
    expect(hits[0]?.snippets[0]).toMatchObject({ field: 'addenda.0.text', label: 'Addendum 1' });
    expect(services.search.stats().engine).toBe('index');
  });

  it('hands notes to the thread in slices; a note saved meanwhile reaches the index in its new words', async () => {
    const { services } = await openServices({ searchSliceMs: 0 }); // yield after every note
    const ids: string[] = [];
    for (const code of ['C-01', 'C-02', 'C-03']) {
      const { note } = await clientWithNote(services, code);
      await services.notes.saveDraft(note.id, filledDraft());
      ids.push(note.id);
    }
    const stored = await services.notes.get(ids[2]!);
    const warming = services.search.warmUp();
    await nextTurn(); // the hand-over has begun (one note per slice)
    expect(services.search.stats().engine).toBe('preparing');
    // What NoteService does after a save: here while the thread is still being handed notes.
    services.search.noteSaved({ ...stored, plan: 'Talk about the orchard.' });
    await warming;
    expect((await services.search.search('orchard', 10)).total).toBe(1);
    await services.search.indexReady();
    const found = await services.search.search('orchard', 10);
    expect(found.hits.map((h) => h.noteId)).toEqual([ids[2]]);
    expect((await services.search.search('manager', 10)).total).toBe(3);
    expect(services.search.stats()).toMatchObject({ engine: 'index', notes: 3 });
    expect(services.search.stats().handOverMs).toBeGreaterThanOrEqual(0);
  });

  it('after an import, stops the old index thread and finds the imported notes', async () => {
    const source = await openServices();
    const { note } = await clientWithNote(source.services);
    await source.services.notes.saveDraft(note.id, filledDraft({ subjective: 'Spoke of the orchard.' }));
    const { path } = await source.services.records.exportAll(await tempDir('attune-search-'), false);

    const { services } = await openServices();
    const { note: own } = await clientWithNote(services, 'C-09');
    await services.notes.saveDraft(own.id, filledDraft({ subjective: 'Spoke of the orchard too.' }));
    await services.search.indexReady();
    const running = searchThreadsRunning();
    expect((await services.search.search('orchard', 10)).total).toBe(1);
    await services.records.importFile(path);
    await vi.waitFor(() => expect(searchThreadsRunning()).toBe(running - 1));
    expect(services.search.stats().engine).toBe('none');
    const found = await services.search.search('orchard', 10);
    expect(found.hits.map((h) => h.noteId).sort()).toEqual([note.id, own.id].sort());
    await services.search.indexReady();
    expect((await services.search.search('orchard', 10)).total).toBe(2);
  });

  it('drops the scan and ends the index thread at lock; the next unlock starts afresh', async () => {
    const { services, session } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    await services.search.search('manager', 10); // scan, thread building
    const running = searchThreadsRunning();
    expect(running).toBeGreaterThan(0);
    await session.lock('user');
    await vi.waitFor(() => expect(searchThreadsRunning()).toBe(running - 1));
    expect(() => services.search.stats()).toThrow(/locked/i);
    await expectKind(services.search.search('manager', 10), 'locked');

    await session.unlock({ passphrase: PASS });
    expect(services.search.stats()).toEqual({ engine: 'none', notes: 0, answered: { scan: 0, index: 0 } });
    expect((await services.search.search('manager', 10)).total).toBe(1);
    await services.search.indexReady();
    await session.lock('user');
    await vi.waitFor(() => expect(searchThreadsRunning()).toBe(running - 1));
  });
});
