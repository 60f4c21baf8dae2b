import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { dimensionIds } from '../../shared/domain/dimensions';
import { AttuneError } from '../../shared/errors';
import { endSoonSource, endThread } from '../vault/endThread';
import { compactPostings } from './compactPostings';
import type { KeptScan } from './keptScan';
import { type NoteTextDoc, noteTextKit, searchGroups } from './noteText';
import { pageScoring } from './pageScoring';
import { matchRules, type ScanSnapshot, searchCore } from './searchCore';
import { WORD_PATTERN } from './searchText';

/** One hit of the full index: the note, its relevance, and the words of it that matched. */
export interface IndexHit {
  id: string;
  score: number;
  terms: string[];
}

/** Which of the thread's engines answered: the scan (while the index builds) or the full index. */
export type SearchThreadEngine = 'scan' | 'index';

export interface IndexPage {
  engine: SearchThreadEngine;
  total: number;
  hits: IndexHit[];
}

/**
 * MiniSearch's CommonJS build: it requires nothing, so the thread can run it from text. The parent
 * reads it (as argon2Worker.ts reads hash-wasm) where the module resolver finds it from the
 * sources (vitest) and from the build (out/main, app.asar) alike, so the built app needs no
 * separate worker entry.
 */
let miniSearchScript: string | undefined;
function miniSearchSource(): string {
  miniSearchScript ??= readFileSync(require.resolve('minisearch'), 'utf8');
  return miniSearchScript;
}

/**
 * How long one slice of building the index may hold the thread before searches are answered: a
 * search that arrives mid-slice waits for its end, and the first searches after unlock come
 * while the index builds (seconds), so slices are short; the turn between two costs microseconds.
 */
const BUILD_SLICE_MS = 5;

/**
 * The thread's young generation (V8's nursery), in MiB. Building the index makes short-lived
 * objects by the million; with V8's default the nursery grows to several times this and the
 * process keeps the room. Fresh-process bench at 10,000 notes (attune bench --memory-only): peak
 * 342 MiB with the default, 314 / 323 / 325 MiB with 8 / 4 / 16; the build took as long.
 */
const YOUNG_GENERATION_MB = 8;

/** How many notes' JSON the thread keeps waiting for the index before it asks main for more (one batch). */
const FEED_RESERVE = 250;

/**
 * The thread's program. It takes each note as its JSON (or, from a vault that keeps notes parsed,
 * its text as written), reads the note's text from it with the main process's own code
 * (noteText.ts, as text; never a key), folds it with the same (searchCore.ts) and lists its words
 * in the scan, which answers as soon as every note was handed over; then it builds a MiniSearch
 * index over the folded text in slices, answering searches between them (from the scan until the
 * index holds every note), and drops the scan once the index is built. Messages are handled in
 * order, so saves sent during the hand-over or the build apply after the text they replace.
 */
const threadProgram = (miniSearch: string): string => `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
// The thread's own heap in use (its text, scan and index), for the benchmark's memory figures.
const heapBytes = () => v8.getHeapStatistics().used_heap_size;
const loaded = { exports: {} };
(function (exports, module) {
${miniSearch}
}).call(undefined, loaded.exports, loaded);
const Postings = (${compactPostings.toString()})();
// Each word's notes in a field as typed arrays, not a Map (compactPostings.ts): the same index
// in about a fifth of the memory (at 10,000 demo notes, 2.4 million Map entries: 128 MiB; 27 MiB here).
class MiniSearch extends loaded.exports {
  addTerm(fieldId, documentId, term) {
    const fields = this._index.fetch(term, () => new Map());
    let notes = fields.get(fieldId);
    if (notes == null) {
      notes = new Postings();
      fields.set(fieldId, notes);
    }
    notes.set(documentId, (notes.get(documentId) || 0) + 1);
  }
}
const core = (${searchCore.toString()})(${JSON.stringify(matchRules)});
const scoring = (${pageScoring.toString()})(${JSON.stringify(matchRules)}, ${JSON.stringify(searchGroups)});
const GROUPS = ${JSON.stringify(searchGroups)};
const noteText = (${noteTextKit.toString()})(${JSON.stringify(dimensionIds)}, GROUPS);
const utf8 = new TextDecoder();
const WORD = new RegExp(${JSON.stringify(WORD_PATTERN.source)}, ${JSON.stringify(WORD_PATTERN.flags)});
const keepScan = Boolean(workerData && workerData.keepScan);
let buildAllowed = !(workerData && workerData.holdBuild);
// The scan holds every note (searches are answered); every note was handed over (the index can finish).
let scanSealed = false;
let sealed = false;
// The scan is kept after the index is built until its snapshot was taken (this computer's copy).
let keepForSnapshot = false;
const index = new MiniSearch({
  fields: GROUPS,
  // Kept with each note so the index pages in the scan's order (below).
  storeFields: ['updatedAt'],
  // Each group arrives as its fields, joined here.
  extractField: (doc, field) =>
    field === 'id' || field === 'updatedAt' ? doc[field] : doc[field].join('\\n'),
  tokenize: (text) => text.match(WORD) || [],
  processTerm: (term) => term,
  // A replaced note's old postings stay until a vacuum cleans them, and the page's scores count
  // a word's notes without them (pageScoring.ts): cleaned every 64 saves, not once a tenth of the
  // notes were replaced (MiniSearch's default: 1,000 saves at 10,000 notes), so that list stays short.
  autoVacuum: { batchSize: 1000, batchWait: 10, minDirtCount: 64, minDirtFactor: 0 },
  searchOptions: {
    combineWith: 'AND',
    prefix: (term) => term.length >= ${matchRules.prefixFrom},
    fuzzy: (term) => (term.length >= ${matchRules.fuzzyFrom} ? ${matchRules.fuzzyDistance} : false),
  },
});
let scan = new core.NoteScan(GROUPS);
// Notes waiting for the index, by id (a later save replaces a waiting one), in hand-over order:
// folded, or as their JSON bytes, read as they are indexed.
const waiting = new Map();
// How many of those are JSON: main is asked for more notes for the index (the "feed") only while
// fewer than a batch are, so the thread never holds every note's JSON at once (at 10,000 notes,
// 40 MB more at the peak, and memory the allocator keeps once freed).
let waitingJson = 0;
// A request for more of the feed is on its way to main.
let asked = false;
// This computer's copy of the scan did not read (a writer's bug): every note of the feed goes
// into the scan as well, which answers once the feed has ended.
let copyRefused = false;
let built = false;
let pumping = false;
// Asked to end (the vault was locked): nothing more is built or answered (endThread.ts).
let ending = false;
${endSoonSource}
let scanMs = 0;
let buildMs = 0;
// Notes whose JSON did not read as a note: left out of the search (and reported), not its end.
// (By id: a note is read for the scan and again for the index.)
const skipped = new Set();
const fold = (doc) => {
  const folded = { id: doc.id, updatedAt: doc.updatedAt || '' };
  for (const group of GROUPS) folded[group] = (doc[group] || []).map(core.foldText);
  return folded;
};
// A note's text into the scan; the folded text, for the index.
const scanIn = (doc) => {
  const start = performance.now();
  const folded = fold(doc);
  if (scan) scan.set(folded, folded.updatedAt);
  scanMs += performance.now() - start;
  return folded;
};
// MiniSearch's numbers of notes replaced since they were indexed: their postings stay until
// MiniSearch cleans them (when enough are), and a word's notes are counted without them.
const replaced = new Set();
// A note for the index: folded, or as its JSON ({ json }, read when it is indexed).
const toIndex = (id, entry) => {
  if (!built && !index.has(id)) {
    const before = waiting.get(id);
    if (before !== undefined && before.json !== undefined) waitingJson--;
    if (entry.json !== undefined) waitingJson++;
    waiting.set(id, entry);
    return pump();
  }
  const folded = readEntry(id, entry);
  if (!folded) return;
  if (index.has(id)) {
    replaced.add(index._idToShortId.get(id));
    index.replace(folded);
  } else index.add(folded);
};
// A note's text from its JSON (bytes or text) as the store keeps it, by the store's id (the id
// main finds it by again); undefined, and counted, when it does not read as a note.
const readJson = (id, json) => {
  try {
    const doc = noteText.noteTextDoc(JSON.parse(typeof json === 'string' ? json : utf8.decode(json)));
    doc.id = id;
    return doc;
  } catch {
    skipped.add(id);
    return undefined;
  }
};
const readEntry = (id, entry) => {
  if (entry.json === undefined) return entry;
  const doc = readJson(id, entry.json);
  return doc && fold(doc);
};
// A batch of notes as their JSON: into the scan, to the index (read as it is indexed), or both.
const takeJsonBatch = ({ ids, bytes, ends, texts, scanned, indexed }) => {
  let start = 0;
  const each = (id, json) => {
    const scanning = scanned || (indexed && copyRefused);
    if (!scanning) return toIndex(id, { json });
    const begun = performance.now();
    const doc = readJson(id, json);
    scanMs += performance.now() - begun;
    if (!doc) return;
    const folded = scanIn(doc);
    if (indexed) toIndex(id, folded);
  };
  for (let i = 0; i < ends.length; i++) {
    each(ids[i], bytes.subarray(start, ends[i]));
    start = ends[i];
  }
  for (const [id, json] of texts) each(id, json);
  if (indexed) {
    asked = false;
    askMore();
  }
};
// Asks main for the next batch of the feed, while one is needed: the scan answers (or the copy
// did not read, and the feed fills the scan), the feed has not ended, and less than a batch waits.
const askMore = () => {
  if (asked || sealed || !(scanSealed || copyRefused) || waitingJson >= ${FEED_RESERVE}) return;
  asked = true;
  parentPort.postMessage({ type: 'more' });
};
// The index builds once the scan answers, in slices between which searches are answered.
const pump = () => {
  if (pumping || built || !buildAllowed || !scanSealed) return;
  pumping = true;
  setImmediate(buildSlice);
};
const buildSlice = () => {
  pumping = false;
  if (ending) return;
  const start = performance.now();
  for (const [id, entry] of waiting) {
    waiting.delete(id);
    if (entry.json !== undefined) waitingJson--;
    const folded = readEntry(id, entry);
    if (folded) index.add(folded);
    if (performance.now() - start >= ${BUILD_SLICE_MS}) break;
  }
  buildMs += performance.now() - start;
  askMore();
  if (waiting.size > 0) return pump();
  if (!sealed) return; // more notes are on their way: their batch pumps again
  built = true;
  if (!keepScan && !keepForSnapshot) scan = null; // the index answers from now on
  parentPort.postMessage({ type: 'built', ms: buildMs, skipped: skipped.size, heapBytes: heapBytes() });
  setImmediate(warmQueries);
};
// Once built, two queries of two words each, over words of the index itself and answered to no
// one, so the code that answers a search is compiled before the user's first one of several
// words (run cold, the first such search took 10-20 ms more than the next ones).
const warmQueries = () => {
  if (ending) return;
  const words = [];
  for (const term of index._index.keys()) {
    if (term.length >= ${matchRules.fuzzyFrom}) words.push(term);
    if (words.length === 4) break;
  }
  if (words.length < 4) return;
  fromIndex(words[0] + ' ' + words[1], 0, 15);
  fromIndex(words[2] + ' ' + words[3], 0, 15);
};
// Every note is in the scan: searches are answered from here on.
const sealScan = () => {
  if (scanSealed) return;
  scanSealed = true;
  parentPort.postMessage({
    type: 'scanned',
    ms: scanMs,
    notes: scan.size,
    skipped: skipped.size,
    copyRefused,
    heapBytes: heapBytes(),
  });
  askMore();
  pump();
};
// This computer's copy of the scan: the notes main names (those it knows the version of).
const snapshot = (ids) => {
  if (!scan) throw new Error('the scan was dropped');
  const named = new Set(ids);
  const taken = scan.snapshot((id) => named.has(id));
  keepForSnapshot = false;
  if (built && !keepScan) scan = null;
  return taken;
};
// The notes (MiniSearch's numbers for them) among "within" holding a word the term derives (the
// term itself, the words it begins and the words one edit away, as MiniSearch's search derives
// them: pageScoring.ts), read straight from the index's posting lists without scoring (the tree
// and the numbers are MiniSearch's own, as addTerm above uses them; a note replaced since keeps
// its old postings until MiniSearch cleans them, so numbers no longer of a note are left out, as
// its search does).
const notesOf = (derived, within) => {
  const found = new Set();
  const documents = index._documentIds;
  // Notes of "within" not found yet, while they are few enough to look up one by one (a binary
  // search each) rather than walk a word's whole posting list.
  let left = within === undefined ? undefined : [...within];
  for (const { fields } of derived) {
    if (fields == null) continue;
    for (const postings of fields.values()) {
      if (left !== undefined && left.length * 16 < postings.size) {
        left = left.filter((doc) => !(postings.has(doc) && found.add(doc)));
        continue;
      }
      postings.forEachDoc((doc) => {
        if ((within === undefined || within.has(doc)) && documents.has(doc)) found.add(doc);
      });
      if (left !== undefined) left = left.filter((doc) => !found.has(doc));
    }
  }
  return found;
};
// How many postings a term's derived words have in all: the rarest term is collected first, so
// each later one looks up fewer notes.
const postingsOf = (derived) => {
  let size = 0;
  for (const { fields } of derived) if (fields != null) for (const postings of fields.values()) size += postings.size;
  return size;
};
// Every term must match (AND), and the page lists notes newest first, not by score. So each term
// only collects its notes (notesOf: no score, no result object, no callback per note; a common
// word, with its prefixes and typos, meets every note), each pass restricted to the notes every
// earlier term matched, and the newest offset + limit of them are kept (no sort of a thousand
// notes for a page of 15). Then only the page's notes are scored, as MiniSearch scores them
// (pageScoring.ts): each looked up in the posting lists of the words the query derives.
const fromIndex = (query, offset, limit) => {
  const words = query.match(WORD) || [];
  const terms = [...new Set(words)];
  if (terms.length === 0) return { total: 0, hits: [] };
  const derived = new Map(terms.map((term) => [term, scoring.derive(index, term)]));
  let matched;
  const rarestFirst = [...terms].sort((a, b) => postingsOf(derived.get(a)) - postingsOf(derived.get(b)));
  for (const term of rarestFirst) {
    matched = notesOf(derived.get(term), matched);
    if (matched.size === 0) return { total: 0, hits: [] };
  }
  const newest = new Newest(offset + limit);
  for (const doc of matched) {
    const stored = index._storedFields.get(doc);
    newest.offer(index._documentIds.get(doc), stored ? stored.updatedAt : undefined);
  }
  const page = newest.list().slice(offset, offset + limit);
  if (page.length === 0) return { total: matched.size, hits: [] };
  // Once MiniSearch has cleaned every replaced note's postings, there is nothing to leave out.
  if (index._dirtCount === 0 && !index.isVacuuming) replaced.clear();
  const docs = page.map((id) => index._idToShortId.get(id));
  const scored = scoring.scorePage(index, words, docs, (term) => derived.get(term), replaced);
  // Every note of the page matched every term, so each is scored.
  const hits = scored.map(({ doc, score, terms: matchedWords }) => ({
    id: index._documentIds.get(doc),
    score,
    terms: matchedWords,
  }));
  return { total: matched.size, hits };
};
// Newest first (as the scan lists them), then by id.
const isNewer = (a, aAt, b, bAt) => aAt > bAt || (!(aAt < bAt) && a < b);
// The newest "size" notes offered, newest first: kept in order as they come for a page or a few
// (each note compared with the last kept first, so most are turned away at once); for a larger
// page (tests ask for every match), all are kept and sorted once.
class Newest {
  constructor(size) {
    this.size = size;
    this.ids = [];
    this.ats = [];
  }
  offer(id, at) {
    const { ids, ats } = this;
    if (this.size > 256) {
      ids.push(id);
      ats.push(at);
      return;
    }
    let k = ids.length;
    if (k >= this.size && (k === 0 || !isNewer(id, at, ids[k - 1], ats[k - 1]))) return;
    while (k > 0 && isNewer(id, at, ids[k - 1], ats[k - 1])) k--;
    ids.splice(k, 0, id);
    ats.splice(k, 0, at);
    if (ids.length > this.size) {
      ids.pop();
      ats.pop();
    }
  }
  list() {
    if (this.size <= 256) return this.ids;
    const order = this.ids.map((_, i) => i);
    order.sort((x, y) => (isNewer(this.ids[x], this.ats[x], this.ids[y], this.ats[y]) ? -1 : 1));
    return order.map((i) => this.ids[i]);
  }
}
const search = (message) => {
  const query = core.foldText(message.query);
  const useIndex = message.engine === 'index' || (message.engine !== 'scan' && built);
  if (useIndex) {
    // Newest first, as the scan answers: a user paging through results ("Show more") while the
    // index takes over from the scan gets every match once, none twice.
    return { engine: 'index', ...fromIndex(query, message.offset, message.limit) };
  }
  // Newest first; a note's score is how many of its words matched.
  const terms = query.match(WORD) || [];
  const ids = scan.search(terms);
  const hits = ids.slice(message.offset, message.offset + message.limit).map((id) => {
    const words = scan.matchedWords(id, terms);
    return { id, score: words.length, terms: words };
  });
  return { engine: 'scan', total: ids.length, hits };
};
parentPort.on('message', (message) => {
  if (ending) return;
  try {
    switch (message.type) {
      case 'end':
        // The text goes with the thread; what is cheap to drop goes now.
        ending = true;
        waiting.clear();
        replaced.clear();
        scan = null;
        endSoon();
        break;
      case 'add':
        for (const doc of message.docs) toIndex(doc.id, scanIn(doc));
        break;
      case 'add-json':
        takeJsonBatch(message);
        break;
      case 'load-scan': {
        const start = performance.now();
        try {
          scan.load(message.scan, message.use);
        } catch {
          copyRefused = true;
          keepForSnapshot = true; // main writes a new copy once the scan is read afresh
          askMore();
        }
        scanMs += performance.now() - start;
        break;
      }
      case 'scan-sealed':
        keepForSnapshot ||= message.keepForSnapshot;
        if (!copyRefused) sealScan(); // else once every note is in (sealed)
        break;
      case 'sealed':
        sealed = true;
        sealScan();
        pump();
        break;
      case 'build':
        buildAllowed = true;
        pump();
        break;
      case 'upsert':
        toIndex(message.doc.id, scanIn(message.doc));
        break;
      case 'snapshot': {
        const taken = snapshot(message.ids);
        parentPort.postMessage({ type: 'snapshot', id: message.id, ...taken }, [taken.body.buffer]);
        break;
      }
      case 'search':
        parentPort.postMessage({ type: 'page', id: message.id, ...search(message) });
        break;
      case 'json':
        parentPort.postMessage({ type: 'json', id: message.id, json: JSON.stringify(index) });
        break;
    }
  } catch (error) {
    parentPort.postMessage({ type: 'failed', id: message.id, error: String((error && error.message) || error) });
  }
});
`;

type Reply =
  | { type: 'scanned'; ms: number; notes: number; skipped: number; copyRefused: boolean; heapBytes: number }
  | { type: 'built'; ms: number; skipped: number; heapBytes: number }
  | { type: 'more' }
  | ({ type: 'snapshot'; id: number } & ScanSnapshot)
  | ({ type: 'page'; id: number } & IndexPage)
  | { type: 'json'; id: number; json: string }
  | { type: 'failed'; id?: number; error: string };

interface Pending {
  resolve(reply: Reply): void;
  reject(error: unknown): void;
}

let running = 0;

/** How many index threads are running (tests: none once the vault is locked). */
export function searchThreadsRunning(): number {
  return running;
}

/** A promise with its resolve and reject at hand (rejections also kept in #failure, so never unhandled). */
function settleable<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export interface SearchThreadOptions {
  /**
   * Called when the thread wants the next batch of notes for its index (the feed: `addJson` with
   * `indexed` only), until `seal`. Without it, notes are handed over for the scan and the index
   * at once.
   */
  onMore?: () => void;
  /** Keep the scan once the index is built, so tests can ask both engines the same question. */
  keepScan?: boolean;
  /** Build the index only when `build` is called (tests: the scan answering while there is no index). */
  holdBuild?: boolean;
}

/**
 * Search over the notes' text in a worker thread: the scan, then the full index, both prepared
 * and queried there, so ten thousand notes never hold the main process's event loop. It gets the
 * notes' text only (never keys, never whole records, nothing written to disk), and ends with
 * `stop` (at lock), taking the text and the index with it.
 */
export class SearchThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #scanMs: number | undefined;
  #skipped = 0;
  #copyRefused = false;
  #buildMs: number | undefined;
  #failure: Error | undefined;
  /** The thread's heap in use (bytes) when its scan was ready and when its index was built. */
  #heap: { scanned?: number; built?: number } = {};
  readonly #scanned = settleable<number>();
  readonly #built = settleable<number>();
  /** Resolves with the thread's time to fold every note and list its words (ms), once all were handed over. */
  readonly scanned: Promise<number> = this.#scanned.promise;
  /** Resolves with the index's build time in the thread (ms); rejects if the thread fails first. */
  readonly built: Promise<number> = this.#built.promise;
  /** Resolves once the thread has ended, however it ended. */
  readonly exited: Promise<void>;

  /** Starts the thread; with `docs`, hands them over and seals at once (else see `add` and `seal`). */
  constructor(docs?: readonly NoteTextDoc[], options: SearchThreadOptions = {}) {
    this.#worker = new Worker(threadProgram(miniSearchSource()), {
      eval: true,
      workerData: { keepScan: options.keepScan === true, holdBuild: options.holdBuild === true },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    running++;
    this.#worker.on('message', (reply: Reply) => {
      if (reply.type === 'more') {
        options.onMore?.();
        return;
      }
      if (reply.type === 'scanned') {
        this.#scanMs = reply.ms;
        this.#copyRefused = reply.copyRefused;
        this.#skipped = reply.skipped;
        this.#heap.scanned = reply.heapBytes;
        this.#scanned.resolve(reply.ms);
        return;
      }
      if (reply.type === 'built') {
        this.#buildMs = reply.ms;
        this.#skipped = reply.skipped;
        this.#heap.built = reply.heapBytes;
        this.#built.resolve(reply.ms);
        this.#idle();
        return;
      }
      const pending = reply.id === undefined ? undefined : this.#pending.get(reply.id);
      if (reply.id !== undefined) this.#pending.delete(reply.id);
      if (reply.type === 'failed' && !pending)
        this.#fail(new Error(`the search index failed: ${reply.error}`));
      else if (reply.type === 'failed') pending?.reject(new Error(`the search index failed: ${reply.error}`));
      else pending?.resolve(reply);
      this.#idle();
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.exited = new Promise<void>((resolve) => {
      this.#worker.on('exit', (code) => {
        running--;
        this.#fail(new Error(`the search index thread stopped (exit code ${code})`));
        resolve();
      });
    });
    if (docs) {
      this.add(docs);
      this.seal();
    }
  }

  /** Hands the thread some notes' text (in batches, so no one message holds the process long). */
  add(docs: readonly NoteTextDoc[]): void {
    if (!this.#failure && docs.length > 0) this.#worker.postMessage({ type: 'add', docs });
  }

  /**
   * Hands the thread some notes as the store keeps them, their JSON, which the thread reads (so
   * the main process parses none): the bytes copied end to end into one new buffer that is
   * moved to the thread, not cloned; text (a note saved in this unlock) goes as it is. Into the
   * scan, to the index (its JSON read as it is indexed: the feed, see `onMore`), or both.
   */
  addJson(
    entries: ReadonlyArray<readonly [id: string, json: Uint8Array | string]>,
    to: { scanned: boolean; indexed: boolean } = { scanned: true, indexed: true },
  ): void {
    if (this.#failure || entries.length === 0) return;
    const ids: string[] = [];
    const texts: Array<[string, string]> = [];
    let size = 0;
    let count = 0;
    for (const [, json] of entries) {
      if (typeof json === 'string') continue;
      size += json.byteLength;
      count++;
    }
    // Fresh and whole: moving a view of the engine's buffer would move (detach) all of it.
    const bytes = new Uint8Array(size);
    const ends = new Uint32Array(count);
    let end = 0;
    for (const [id, json] of entries) {
      if (typeof json === 'string') {
        texts.push([id, json]);
        continue;
      }
      bytes.set(json, end);
      end += json.byteLength;
      ends[ids.length] = end;
      ids.push(id);
    }
    this.#worker.postMessage({ type: 'add-json', ids, bytes, ends, texts, ...to }, [
      bytes.buffer,
      ends.buffer,
    ]);
  }

  /**
   * This computer's copy of the scan (keptScan.ts), read at unlock: the notes whose `use` is 1
   * (still the version they were read from) go into the scan as they are; the rest are handed
   * over as JSON. The copy's body is moved to the thread, which reads it; if it does not read,
   * the thread takes every note handed over into the scan instead (`copyRefused`), and the scan
   * answers once all are in.
   */
  loadScan({ ids, updatedAt, words, body }: KeptScan, use: Uint8Array): void {
    if (this.#failure) return;
    // The versions stay here: main alone compares them (`use`), and cloning them would hold it longer.
    const scan: ScanSnapshot = { ids, updatedAt, words, body };
    this.#worker.postMessage({ type: 'load-scan', scan, use }, [body.buffer]);
  }

  /**
   * The scan holds every note: `scanned` resolves, searches are answered from it, and the index
   * starts building (while notes are still handed over for it). With `keepForSnapshot`, the scan
   * outlives the build until `snapshot` has been asked for.
   */
  sealScan(keepForSnapshot = false): void {
    if (!this.#failure) this.#worker.postMessage({ type: 'scan-sealed', keepForSnapshot });
  }

  /** Every note was handed over: `scanned` resolves once the thread can answer, `built` once its index is built. */
  seal(): void {
    if (!this.#failure) this.#worker.postMessage({ type: 'sealed' });
  }

  /**
   * The scan's notes among `ids` (those whose text main knows to be the version it names), for
   * this computer's copy (keptScan.ts).
   */
  async snapshot(ids: readonly string[]): Promise<ScanSnapshot> {
    const reply = await this.#ask({ type: 'snapshot', ids });
    if (reply.type !== 'snapshot') throw new Error(`the search index answered ${reply.type}`);
    const { ids: kept, updatedAt, words, body } = reply;
    return { ids: kept, updatedAt, words, body };
  }

  /** True once the thread found this computer's copy of the scan unreadable (and read every note instead). */
  get copyRefused(): boolean {
    return this.#copyRefused;
  }

  /** The thread's heap in use (bytes) once its scan was ready, and once its index was built (the benchmark's). */
  get heapBytes(): { scanned?: number; built?: number } {
    return { ...this.#heap };
  }

  /** Lets a thread started with `holdBuild` build its index (once every note is handed over). */
  build(): void {
    if (!this.#failure) this.#worker.postMessage({ type: 'build' });
  }

  /** How many notes handed over as JSON the thread left out because they did not read as notes (known once scanned). */
  get skipped(): number {
    return this.#skipped;
  }

  /** True once the thread's scan holds every note handed over (searches are answered from here on). */
  get scanReady(): boolean {
    return this.#scanMs !== undefined && !this.#failure;
  }

  /** True once the index holds every note it was given (and every save since). */
  get ready(): boolean {
    return this.#buildMs !== undefined && !this.#failure;
  }

  /** False once the thread failed or ended. */
  get usable(): boolean {
    return !this.#failure;
  }

  /** Adds or replaces a note's text; applied after the text handed over before it. */
  upsert(doc: NoteTextDoc): void {
    if (!this.#failure) this.#worker.postMessage({ type: 'upsert', doc });
  }

  /**
   * The notes matching every word of `query`, best first (newest first from the scan): `limit`
   * of them from `offset`. The index answers once built, the scan before; `engine` asks one (tests).
   */
  async search(
    query: string,
    limit: number,
    offset: number,
    engine?: SearchThreadEngine,
  ): Promise<IndexPage> {
    const reply = await this.#ask({ type: 'search', query, limit, offset, engine });
    if (reply.type !== 'page') throw new Error(`the search index answered ${reply.type}`);
    return { engine: reply.engine, total: reply.total, hits: reply.hits };
  }

  /** The index as MiniSearch's JSON (for the benchmark: loading it in the main process instead). */
  async toJson(): Promise<string> {
    const reply = await this.#ask({ type: 'json' });
    if (reply.type !== 'json') throw new Error(`the search index answered ${reply.type}`);
    return reply.json;
  }

  /**
   * Ends the thread with the text and the index in it (asked, see endThread.ts: within a slice of
   * its work and the settling time); every question still open fails with `locked` at once.
   */
  stop(): Promise<void> {
    this.#fail(new AttuneError('locked', 'The vault is locked. Unlock it to continue.'));
    void endThread(this.#worker);
    return this.exited;
  }

  #ask(
    message:
      | {
          type: 'search';
          query: string;
          limit: number;
          offset: number;
          engine: SearchThreadEngine | undefined;
        }
      | { type: 'json' }
      | { type: 'snapshot'; ids: readonly string[] },
  ): Promise<Reply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref(); // an answer under way keeps the process (the CLI, say) running
      this.#worker.postMessage({ ...message, id });
    });
  }

  /** With nothing asked and the build done, the thread does not keep the process alive. */
  #idle(): void {
    if (this.#pending.size === 0 && this.#buildMs !== undefined) this.#worker.unref();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#scanned.reject(this.#failure);
    this.#built.reject(this.#failure);
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }
}
