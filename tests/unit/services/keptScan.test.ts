import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { LOCAL_INDEX_DIR, readLocalCopy, writeLocalCopy } from '../../../main/services/device/localViewCache';
import { decodeKeptScan, encodeKeptScan, type KeptScan, NOTE_SCAN } from '../../../main/services/keptScan';
import { NoteScan } from '../../../main/services/noteScan';
import { type FoldedNote, searchGroups } from '../../../main/services/noteText';
import { core } from '../../../main/services/searchCore';
import { clientWithNote, filledDraft, openServices, PASS, setKitVaultFormat } from './serviceKit';

// Format 2: only a vault that names its records' versions keeps a copy of the scan.
setKitVaultFormat(2);

const MARKER = 'Quillwort';

/** A note whose plan is `text`, folded, as the scan takes it. */
function docOf(id: string, text: string): FoldedNote {
  const groups = Object.fromEntries(searchGroups.map((g) => [g, [] as string[]]));
  return { ...groups, id, plan: [core.foldText(text)] } as FoldedNote;
}

/** A scan's answers to some queries, to compare two scans by. */
function answers(scan: NoteScan, queries: readonly string[]): string[][] {
  return queries.map((q) => scan.search(core.wordsOf(core.foldText(q))));
}

describe('the kept scan’s plaintext (FORMAT.md §17, note-scan)', () => {
  const scanOf = (texts: Record<string, string>) => {
    const scan = new NoteScan();
    for (const [id, text] of Object.entries(texts)) scan.set(docOf(id, text), `2025-01-0${id.length}`);
    return scan;
  };

  it('comes back as it went: ids, versions, dates, the words used and each note’s words', () => {
    const scan = scanOf({ a: 'Élan and tea', bb: 'tea, sorrow' });
    const snapshot = scan.snapshot((id) => id !== 'gone');
    const kept: KeptScan = { ...snapshot, versions: ['v1', 'v2'] };
    const back = decodeKeptScan(encodeKeptScan(kept));
    expect(back).toEqual(kept);
    expect(back?.words).toEqual(['elan', 'and', 'tea', 'sorrow']);
    // Each note: its count, then its words ascending, the first as is and each next as a difference.
    expect([...(back?.body ?? [])]).toEqual([3, 0, 1, 1, 2, 2, 1]);
  });

  it('leaves out the notes it is not asked for, and the words only they used', () => {
    const scan = scanOf({ a: 'tea', b: 'sorrow' });
    expect(scan.snapshot((id) => id === 'b')).toMatchObject({ ids: ['b'], words: ['sorrow'] });
  });

  it('is refused when its header is cut or its columns do not agree; a body that does not read is not loaded', () => {
    const kept: KeptScan = {
      ...scanOf({ a: 'one two', b: 'two three' }).snapshot(() => true),
      versions: ['x', 'y'],
    };
    const plain = encodeKeptScan(kept);
    for (const bad of [plain.subarray(0, 3), plain.subarray(0, 20), Buffer.from('{"ids":[]}')])
      expect(decodeKeptScan(bad)).toBeNull();
    expect(decodeKeptScan(encodeKeptScan({ ...kept, versions: ['x'] }))).toBeNull();
    const bodies = [
      Uint8Array.from([2, 0, 1, 2, 1]), // a note short
      Uint8Array.from([2, 0, 1, 2, 1, 1, 9]), // bytes after the notes
      Uint8Array.from([2, 0, 1, 2, 1, 5]), // a word the copy lacks
      Uint8Array.from([2, 0, 0, 2, 1, 1]), // not ascending
      Uint8Array.from([2, 0, 1, 2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), // a number too long
    ];
    for (const body of bodies) {
      const scan = new NoteScan();
      expect(() => scan.load({ ...kept, body }, Uint8Array.from([1, 1]))).toThrow();
      expect(scan.size).toBe(0);
    }
    const scan = new NoteScan();
    scan.load(decodeKeptScan(plain) as KeptScan, Uint8Array.from([1, 0]));
    expect(scan.size).toBe(1);
    expect(scan.search(['two'])).toEqual(['a']);
  });

  it('a scan loaded from a copy, with the notes changed since read again, answers as one built from the text', () => {
    const word = fc.constantFrom(
      'tea',
      'teas',
      'sorrow',
      'élan',
      'elan',
      'grief',
      'garden',
      'gardens',
      'naïve',
      'Ω',
      '42',
    );
    const text = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text, fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.array(
          fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
          { minLength: 1, maxLength: 6 },
        ),
        (notes, queries) => {
          // Before: the texts the copy was made from; after: the notes now, some changed since.
          const before = Object.fromEntries(notes.map(([old], i) => [`n${i}`, old]));
          const after = Object.fromEntries(
            notes.map(([old, now, changed], i) => [`n${i}`, changed ? now : old]),
          );
          const copy = decodeKeptScan(
            encodeKeptScan({
              ...scanOf(before).snapshot(() => true),
              versions: notes.map(() => 'v'),
            }) as Buffer,
          ) as KeptScan;
          const loaded = new NoteScan();
          loaded.load(copy, Uint8Array.from(notes.map(([, , changed]) => (changed ? 0 : 1))));
          notes.forEach(([, now, changed], i) => {
            if (changed) loaded.set(docOf(`n${i}`, now), '2025-01-03');
          });
          const fresh = scanOf(after);
          expect(answers(loaded, queries).map((ids) => [...ids].sort())).toEqual(
            answers(fresh, queries).map((ids) => [...ids].sort()),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Three notes, each with its own word and the marker, in a format-2 vault this computer unlocks again and again. */
async function vaultWithNotes() {
  const harness = await openServices({ searchSliceMs: 0, keepViewsAfterMs: 0 });
  const { services, session, location } = harness;
  const ids: string[] = [];
  for (const [code, word] of [
    ['C-01', 'orchard'],
    ['C-02', 'lighthouse'],
    ['C-03', 'harbour'],
  ] as const) {
    const { note } = await clientWithNote(services, code);
    await services.notes.saveDraft(note.id, filledDraft({ subjective: `${MARKER} spoke of the ${word}.` }));
    ids.push(note.id);
  }
  const file = () => join(dirname(location), LOCAL_INDEX_DIR, `${session.vault.id}-${NOTE_SCAN.name}.bin`);
  /** A fresh unlock whose search is ready (its scan answering). */
  const unlocked = async () => {
    await session.lock('idle');
    await session.unlock({ passphrase: PASS });
    await services.search.warmUp();
  };
  const found = async (query: string) =>
    (await services.search.search(query, 10)).hits.map((h) => h.noteId).sort();
  /** A fresh unlock, and this computer's copy of the scan written after it. */
  const unlockedWithCopy = async () => {
    await unlocked();
    await vi.waitFor(() => expect(existsSync(file())).toBe(true), BUSY_WAIT);
  };
  return { ...harness, ids, file, unlocked, unlockedWithCopy, found };
}

/**
 * The copy is written in the background after an unlock, and one try of the last wait is a whole
 * unlock: vi.waitFor's default second ran out on a machine at load 20 (one failure in a full run).
 */
const BUSY_WAIT = { timeout: 30_000, interval: 100 };

describe('the search’s scan kept on this computer between unlocks', () => {
  it('the next unlock takes every unchanged note from the copy and reads only the notes written since', async () => {
    const v = await vaultWithNotes();
    await v.unlocked();
    expect(v.services.search.stats().kept).toMatchObject({ reused: 0, rescanned: 3 });
    await vi.waitFor(() => expect(existsSync(v.file())).toBe(true), BUSY_WAIT);

    await v.unlocked();
    expect(v.services.search.stats()).toMatchObject({ engine: 'scan', kept: { reused: 3, rescanned: 0 } });
    expect(await v.found('orchard')).toEqual([v.ids[0]]);
    expect(await v.found(MARKER)).toEqual([...v.ids].sort());

    // Written after the copy: read again at the next unlock, found by its new words only.
    await v.services.notes.saveDraft(
      v.ids[1] as string,
      filledDraft({ subjective: 'Spoke of the vineyard.' }),
    );
    await v.unlocked();
    expect(v.services.search.stats().kept).toMatchObject({ reused: 2, rescanned: 1 });
    for (const engine of ['scan', 'index']) {
      if (engine === 'index') await v.services.search.indexReady();
      expect(v.services.search.stats().engine).toBe(engine);
      expect(await v.found('vineyard')).toEqual([v.ids[1]]);
      expect(await v.found('lighthouse')).toEqual([]);
      expect(await v.found(MARKER)).toEqual([v.ids[0], v.ids[2]].sort());
      expect(await v.found('harbour')).toEqual([v.ids[2]]);
    }
    // The copy was written again with the note's new version: nothing is read afresh now.
    await vi.waitFor(async () => {
      await v.unlocked();
      expect(v.services.search.stats().kept).toMatchObject({ reused: 3, rescanned: 0 });
    }, BUSY_WAIT);
  }, 120_000); // five unlocks and waits of up to BUSY_WAIT each, on a busy machine

  it('a note saved while the notes are handed over for the index is found by its new words, by the scan and the index', async () => {
    const v = await vaultWithNotes();
    await v.unlockedWithCopy();
    await v.session.lock('idle');
    await v.session.unlock({ passphrase: PASS });
    const warming = v.services.search.warmUp();
    await v.services.notes.saveDraft(v.ids[2] as string, filledDraft({ subjective: 'Spoke of the meadow.' }));
    await warming;
    for (const engine of ['scan', 'index']) {
      if (engine === 'index') await v.services.search.indexReady();
      expect(await v.found('meadow')).toEqual([v.ids[2]]);
      expect(await v.found('harbour')).toEqual([]);
      expect(await v.found('orchard')).toEqual([v.ids[0]]);
    }
  });

  it('a damaged, cut or foreign copy is not used: every note is read, and the copy is written afresh', async () => {
    const v = await vaultWithNotes();
    await v.unlockedWithCopy();
    const good = await readFile(v.file());
    const damaged = Buffer.from(good);
    damaged[damaged.length - 30] = (damaged[damaged.length - 30] as number) ^ 1;
    for (const bad of [damaged, good.subarray(0, good.length - 5), Buffer.from('ATLV'), Buffer.alloc(0)]) {
      await writeFile(v.file(), bad);
      await v.unlocked();
      expect(v.services.search.stats().kept).toMatchObject({ reused: 0, rescanned: 3 });
      expect(await v.found('orchard')).toEqual([v.ids[0]]);
      await vi.waitFor(async () => expect(await readFile(v.file())).not.toEqual(bad), BUSY_WAIT);
    }
    // Another vault's copy in this vault's name: sealed with its key and id, so not used.
    const other = await vaultWithNotes();
    await other.unlockedWithCopy();
    await writeFile(v.file(), await readFile(other.file()));
    await v.unlocked();
    expect(v.services.search.stats().kept).toMatchObject({ reused: 0, rescanned: 3 });
    expect(await v.found('orchard')).toEqual([v.ids[0]]);
  });

  it('a copy whose words do not read (a writer’s bug) is set aside by the thread: every note is read, and the copy written afresh', async () => {
    const v = await vaultWithNotes();
    await v.unlockedWithCopy();
    const plain = await readLocalCopy(dirname(v.location), v.session.vault, NOTE_SCAN.name, NOTE_SCAN.schema);
    const kept = decodeKeptScan(plain as Buffer) as KeptScan;
    const broken = { ...kept, body: kept.body.slice(0, kept.body.length - 1) }; // the last note cut short
    await writeLocalCopy(
      dirname(v.location),
      v.session.vault,
      NOTE_SCAN.name,
      NOTE_SCAN.schema,
      encodeKeptScan(broken),
    );
    const before = await readFile(v.file());

    await v.unlocked();
    expect(v.services.search.stats().kept).toMatchObject({ reused: 0, rescanned: 3 });
    for (const [i, word] of ['orchard', 'lighthouse', 'harbour'].entries())
      expect(await v.found(word)).toEqual([v.ids[i]]);
    await v.services.search.indexReady();
    expect(await v.found(MARKER)).toEqual([...v.ids].sort());
    await vi.waitFor(async () => expect(await readFile(v.file())).not.toEqual(before), BUSY_WAIT);
    await v.unlocked();
    expect(v.services.search.stats().kept).toMatchObject({ reused: 3, rescanned: 0 });
  });

  it('is sealed in the data folder, never the vault folder, with no word of a note in the clear', async () => {
    const v = await vaultWithNotes();
    await v.unlockedWithCopy();
    const bytes = await readFile(v.file());
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('ATLV');
    for (const word of [MARKER, MARKER.toLowerCase(), 'orchard', 'lighthouse', ...v.ids])
      expect(bytes.includes(Buffer.from(word))).toBe(false);
    expect(v.file().startsWith(v.location)).toBe(false);
    expect(
      (await readdir(v.location, { recursive: true })).some((f) => String(f).includes('note-scan')),
    ).toBe(false);
  });
});
