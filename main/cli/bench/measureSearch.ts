/**
 * The search benchmark over the fixture's notes in its format-2 vault (the app's format): folding
 * the notes for the scan, the first search (answered by the scan), the index thread's build, and
 * warm searches through the service, taken once the index is built and the process is quiet.
 * Beside them, the other way to use the thread's index: sent back as JSON and loaded in this
 * process. Each figure carries the load average when it was taken.
 */
import { existsSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import MiniSearch, { type Options } from 'minisearch';
import type { Note } from '../../../shared/domain/noteSchema';
import { createServices } from '../../services/createServices';
import { localViewFile } from '../../services/device/localViewCache';
import { NOTE_SCAN } from '../../services/keptScan';
import { matchRules } from '../../services/noteScan';
import {
  type FoldedNote,
  foldedNote,
  noteTexts,
  type SearchGroup,
  searchGroups,
} from '../../services/noteText';
import { kinds } from '../../services/RecordStore';
import { SearchThread } from '../../services/searchThread';
import { foldText, searchTerms, WORD_PATTERN } from '../../services/searchText';
import { VaultSession } from '../../services/VaultSession';
import type { BenchFixture } from './benchFixture';
import { MemorySampler } from './memorySampler';
import { SEARCH_PAGE } from './searchQueries';
import { loadAverage, percentile, round, since } from './stats';

export interface SearchLatency {
  p50: number;
  p95: number;
  max: number;
  samples: number;
  /** The load average (1, 5, 15 min) when these samples were done. */
  loadAverage: number[];
}

export interface SearchBench {
  notes: number;
  /** The vault's format: 2, as the app makes and upgrades vaults. */
  format: 2;
  /** os.loadavg() (1, 5, 15 min) when the measurement started and ended: the machine is shared. */
  loadAverage: { before: number[]; after: number[] };
  /** The load average when the scan was ready and when the first search was answered. */
  firstLoadAverage: number[];
  /** Whether the process was quiet (index built, no background work) before the warm searches, and after how long. */
  quietBeforeWarm: { quiet: boolean; waitedMs: number };
  /**
   * From every note's summary computed (the renderer's index) to the thread's scan answering:
   * the notes' JSON copied to the thread in slices (`workerHandOverMs`), then read, folded and
   * listed there (`scanPrepareMs`), mostly the thread's.
   */
  scanReadyMs: number;
  /** Parsing each note's JSON, taking its text, folding it and listing its words in the thread (ms of the thread, not of the main process). */
  scanPrepareMs: number;
  /** The first search after that, answered by the scan. */
  firstQueryMs: number;
  firstQueryEngine: 'scan' | 'index';
  /** Searches answered by the scan while the index builds (two cores shared with the build). */
  scanQuery: SearchLatency;
  /** Handing the thread the notes' JSON (main process time, in slices: copying, no parsing). */
  workerHandOverMs: number;
  /** The index's build inside its thread, and from the scan being ready to the index being ready. */
  workerBuildMs: number;
  workerReadyMs: number;
  /** Warm searches through the service (index in the thread, snippets for the first page, SEARCH_PAGE). */
  warmQuery: SearchLatency;
  /** The thread's answer alone (a page of ids), without snippets. */
  threadQuery: SearchLatency;
  /** The alternative: the index sent here as JSON and loaded with MiniSearch.loadJSON. */
  loadJson: { jsonMiB: number; transferMs: number; loadMs: number; query: SearchLatency };
  /** Resident memory of the process (the thread included) once the index is ready. */
  rssMiB: number;
  /** The largest resident memory sampled from unlock to the end of the warm searches (thread included). */
  peakRssMiB: number;
  /**
   * Resident memory before unlocking (this process's baseline: the benchmark's earlier phases
   * leave some), once every note is loaded (before search starts), and once the scan answers.
   */
  rssBeforeUnlockMiB: number;
  /** The search thread's own heap in use once its scan was ready and once its index was built. */
  threadHeapMiB: { scanned: number; built: number };
  rssNotesLoadedMiB: number;
  rssScanReadyMiB: number;
  /**
   * The next unlock, with this computer's copy of the scan (FORMAT.md §17) the first one left:
   * from the summaries in to the scan answering, what reading the copy took, and the first
   * search then; null when the copy was not written within 20 s.
   */
  kept: {
    scanReadyMs: number;
    readMs: number;
    reused: number;
    rescanned: number;
    firstQueryMs: number;
    loadAverage: number[];
  } | null;
}

const PAGE = SEARCH_PAGE;

const latency = (samples: number[]): SearchLatency => ({
  p50: round(percentile(samples, 50)),
  p95: round(percentile(samples, 95)),
  max: round(Math.max(...samples)),
  samples: samples.length,
  loadAverage: loadAverage(),
});

/**
 * Waits until this process (worker threads included) has used less than 15 % of a core for two
 * 300 ms windows in a row: warm figures are taken with no background work running. Never throws.
 */
async function untilQuiet(timeoutMs = 60_000): Promise<{ quiet: boolean; waitedMs: number }> {
  const start = performance.now();
  let quietWindows = 0;
  while (performance.now() - start < timeoutMs) {
    const before = process.cpuUsage();
    const at = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const used = process.cpuUsage(before);
    const busy = (used.user + used.system) / 1000 / (performance.now() - at);
    quietWindows = busy < 0.15 ? quietWindows + 1 : 0;
    if (quietWindows >= 2) return { quiet: true, waitedMs: round(since(start)) };
  }
  return { quiet: false, waitedMs: round(since(start)) };
}

/**
 * Varied queries from a note's own words: whole words, three-letter prefixes, a letter dropped
 * (one edit, found by fuzzy matching) and pairs of words.
 */
export function searchQueries(note: Note, count = 80): string[] {
  const words = [...new Set(noteTexts(note).flatMap(({ text }) => searchTerms(text)))].filter(
    (w) => w.length >= 5,
  );
  const queries: string[] = [];
  for (let i = 0; queries.length < count && i < words.length * 4; i++) {
    const w = words[i % words.length]!;
    const next = words[(i + 1) % words.length]!;
    const round = Math.floor(i / words.length);
    const middle = Math.floor(w.length / 2);
    queries.push([w, w.slice(0, 3), w.slice(0, middle) + w.slice(middle + 1), `${w} ${next}`][round]!);
  }
  return queries;
}

async function timed(queries: readonly string[], rounds: number, run: (q: string) => Promise<unknown>) {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      await run(q);
      samples.push(since(start));
    }
  }
  return latency(samples);
}

/** Measures search over the fixture's vault; `log` reports progress. */
export async function measureSearch(
  fixture: Pick<BenchFixture, 'format2VaultDir' | 'passphrase' | 'sampleNote'>,
  log: (line: string) => void = () => undefined,
): Promise<SearchBench> {
  const before = loadAverage();
  const session = new VaultSession(fixture.format2VaultDir, () => undefined);
  const services = createServices(session);
  const memory = new MemorySampler();
  const rss = () => round(process.memoryUsage().rss / 2 ** 20);
  const rssBeforeUnlockMiB = rss();
  memory.start();
  memory.startPhase();
  await session.unlock({ passphrase: fixture.passphrase });
  if (session.vault.format !== 2) throw new Error('The search benchmark expected a format-2 vault.');
  try {
    const queries = searchQueries(fixture.sampleNote);
    let start = performance.now();
    // The notes as the app has them after unlock (the renderer's summaries load them), then search.
    await services.index.noteSummaries();
    const rssNotesLoadedMiB = rss();
    start = performance.now();
    await services.search.warmUp();
    const rssScanReadyMiB = rss();
    const scanReadyMs = since(start);
    const ready = performance.now();
    start = performance.now();
    await services.search.search(queries[0]!, PAGE);
    const firstQueryMs = since(start);
    const firstLoadAverage = loadAverage();
    const firstQueryEngine = services.search.stats().answered.index > 0 ? 'index' : 'scan';
    // Scan searches while the index builds, as many as fit (at most two rounds).
    const scanSamples: number[] = [];
    for (const q of [...queries, ...queries]) {
      // Each search is its own IPC message in the app: the event loop turns between them, and
      // the thread's "built" message gets through.
      await nextTurn();
      if (services.search.stats().engine !== 'scan') break;
      const t = performance.now();
      await services.search.search(q, PAGE);
      scanSamples.push(since(t));
    }
    await services.search.indexReady();
    const workerReadyMs = since(ready);
    const stats = services.search.stats();
    log(`Search: scan ready in ${round(scanReadyMs)} ms, index ready ${round(workerReadyMs)} ms later.`);
    const quietBeforeWarm = await untilQuiet();
    await timed(queries, 1, (q) => services.search.search(q, PAGE)); // warm-up, not counted
    const warmQuery = await timed(queries, 3, (q) => services.search.search(q, PAGE));
    const rssMiB = round(process.memoryUsage().rss / 2 ** 20);
    const peakRssMiB = round(memory.endPhase());
    memory.stop();
    const kept = await nextUnlockWithCopy(session, services, fixture.passphrase, queries[1]!);

    // The thread's answer alone, and the index loaded here instead, over the same notes.
    const notes = await session.vault.getAll<Note>(kinds.note);
    const thread = new SearchThread(notes.map(({ value }) => foldedNote(value)));
    try {
      await thread.built;
      const threadQuery = await timed(queries, 3, (q) => thread.search(foldText(q), PAGE, 0));
      start = performance.now();
      const json = await thread.toJson();
      const transferMs = since(start);
      start = performance.now();
      const index = MiniSearch.loadJSON(json, mainProcessOptions());
      const loadMs = since(start);
      const query = await timed(queries, 3, async (q) => index.search(foldText(q)).slice(0, PAGE));
      const loadJson = {
        jsonMiB: round(json.length / 2 ** 20),
        transferMs: round(transferMs),
        loadMs: round(loadMs),
        query,
      };
      return {
        format: 2,
        notes: stats.notes,
        loadAverage: { before, after: loadAverage() },
        firstLoadAverage,
        quietBeforeWarm,
        scanReadyMs: round(scanReadyMs),
        scanPrepareMs: round(stats.prepareMs ?? Number.NaN),
        firstQueryMs: round(firstQueryMs),
        firstQueryEngine,
        scanQuery: latency(scanSamples),
        workerHandOverMs: round(stats.handOverMs ?? Number.NaN),
        workerBuildMs: round(stats.buildMs ?? Number.NaN),
        workerReadyMs: round(workerReadyMs),
        warmQuery,
        threadQuery,
        loadJson,
        rssMiB,
        peakRssMiB,
        rssBeforeUnlockMiB,
        threadHeapMiB: {
          scanned: round((stats.threadHeapBytes?.scanned ?? Number.NaN) / 2 ** 20),
          built: round((stats.threadHeapBytes?.built ?? Number.NaN) / 2 ** 20),
        },
        rssNotesLoadedMiB,
        rssScanReadyMiB,
        kept,
      };
    } finally {
      await thread.stop();
    }
  } finally {
    memory.stop();
    await session.lock('user');
  }
}

/**
 * Locks, once this computer's copy of the scan is written, and unlocks again as the app does the
 * next day: the summaries, then the search, timed to the scan answering and its first query.
 */
async function nextUnlockWithCopy(
  session: VaultSession,
  services: ReturnType<typeof createServices>,
  passphrase: string,
  query: string,
): Promise<SearchBench['kept']> {
  const copy = localViewFile(session.device.dataDir, session.vault.id, NOTE_SCAN.name);
  for (let waited = 0; !existsSync(copy); waited += 100) {
    if (waited > 20_000) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await session.lock('user');
  await session.unlock({ passphrase });
  await services.index.noteSummaries();
  let start = performance.now();
  await services.search.warmUp();
  const scanReadyMs = since(start);
  start = performance.now();
  await services.search.search(query, PAGE);
  const firstQueryMs = since(start);
  const stats = services.search.stats();
  return {
    scanReadyMs: round(scanReadyMs),
    readMs: round(stats.kept?.readMs ?? Number.NaN),
    reused: stats.kept?.reused ?? 0,
    rescanned: stats.kept?.rescanned ?? 0,
    firstQueryMs: round(firstQueryMs),
    loadAverage: loadAverage(),
  };
}

/** The thread's index options (searchThread.ts), for loading its JSON in this process. */
function mainProcessOptions(): Options<FoldedNote> {
  const word = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);
  return {
    fields: [...searchGroups],
    extractField: (doc, field) => (field === 'id' ? doc.id : doc[field as SearchGroup].join('\n')),
    tokenize: (text: string) => text.match(word) ?? [],
    processTerm: (term: string) => term,
    searchOptions: {
      combineWith: 'AND',
      prefix: (term: string) => term.length >= matchRules.prefixFrom,
      fuzzy: (term: string) => (term.length >= matchRules.fuzzyFrom ? matchRules.fuzzyDistance : false),
    },
  };
}
