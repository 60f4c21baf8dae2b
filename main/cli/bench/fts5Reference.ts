/**
 * The reference engine for search: SQLite FTS5 (the official WebAssembly build, a devDependency)
 * over the same notes' text, in memory, answering the same queries. Only for `attune bench`:
 * a figure beside ours on the same data, not part of the app.
 */
import type init from '@sqlite.org/sqlite-wasm';
import type { Note } from '../../../shared/domain/noteSchema';
import { noteTexts } from '../../services/noteText';
import { kinds } from '../../services/RecordStore';
import { Vault } from '../../vault/Vault';
import type { BenchFixture } from './benchFixture';
import { SEARCH_PAGE, searchQueries } from './searchQueries';
import { loadAverage, percentile, since } from './stats';

type Sqlite3 = Awaited<ReturnType<typeof init>>;

export interface Fts5Reference {
  engine: string;
  notes: number;
  /** Loading the engine's WebAssembly module. */
  initMs: number;
  /** CREATE VIRTUAL TABLE … USING fts5 and inserting every note's text, in one transaction. */
  buildMs: number;
  /** The first query after the build. */
  firstQueryMs: number;
  /** Each query: the top SEARCH_PAGE with a snippet, and the total matching (as the app's search page asks). */
  warm: { p50: number; p95: number; max: number; queries: number; samples: number[] };
  /** Notes found per query, to check both engines find something. */
  found: Record<string, number>;
  loadAverage: number[];
}

// Kept out of the bundle's static imports: the package is a devDependency, loaded only when the
// benchmark runs (from node_modules, as any dev tool).
const SQLITE_WASM = '@sqlite.org/sqlite-wasm';

/** An FTS5 query for `text`: every word, as a prefix, all required (as our search combines them). */
export function fts5Query(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => `"${w}"*`).join(' AND ');
}

/** Reads the notes through the vault (as the app has them at unlock) and times FTS5 over their text. */
export async function measureFts5(
  fixture: BenchFixture,
  rounds = 2,
  queries: readonly string[] = searchQueries,
): Promise<Fts5Reference> {
  const vault = await Vault.open(fixture.vaultDir, { recoveryKey: fixture.recoveryKey });
  let notes: Array<{ id: string; value: Note }>;
  try {
    notes = await vault.getAll<Note>(kinds.note);
  } finally {
    await vault.lock();
  }
  return fts5OverNotes(
    notes.map((n) => n.value),
    rounds,
    queries,
  );
}

/** Builds an in-memory FTS5 table over `notes`' text and times the benchmark's queries on it. */
export async function fts5OverNotes(
  notes: readonly Note[],
  rounds = 2,
  queries: readonly string[] = searchQueries,
): Promise<Fts5Reference> {
  let start = performance.now();
  const { default: sqlite3InitModule } = (await import(/* @vite-ignore */ SQLITE_WASM)) as {
    default: typeof init;
  };
  const sqlite3: Sqlite3 = await sqlite3InitModule();
  const initMs = since(start);
  const db = new sqlite3.oo1.DB(':memory:');
  try {
    start = performance.now();
    db.exec(
      "CREATE VIRTUAL TABLE notes USING fts5(id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')",
    );
    const insert = db.prepare('INSERT INTO notes (id, body) VALUES (?, ?)');
    try {
      db.transaction(() => {
        for (const note of notes) {
          insert
            .bind([
              note.id,
              noteTexts(note)
                .map((t) => t.text)
                .join('\n'),
            ])
            .stepReset();
        }
      });
    } finally {
      insert.finalize();
    }
    const buildMs = since(start);

    const found: Record<string, number> = {};
    const run = (query: string): number => {
      const match = fts5Query(query);
      const begin = performance.now();
      db.selectArrays(
        "SELECT id, snippet(notes, 1, '', '', '…', 24) FROM notes WHERE notes MATCH ? ORDER BY rank LIMIT ?",
        [match, SEARCH_PAGE],
      );
      found[query] = Number(db.selectValue('SELECT count(*) FROM notes WHERE notes MATCH ?', [match]));
      return since(begin);
    };
    const firstQueryMs = run(queries[0]!);
    const samples: number[] = [];
    for (let round = 0; round < rounds; round++) for (const query of queries) samples.push(run(query));
    return {
      engine: `SQLite ${sqlite3.version.libVersion} FTS5 (WebAssembly, in memory)`,
      notes: notes.length,
      initMs,
      buildMs,
      firstQueryMs,
      warm: {
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
        max: Math.max(...samples),
        queries: samples.length,
        samples,
      },
      found,
      loadAverage: loadAverage(),
    };
  } finally {
    db.close();
  }
}
