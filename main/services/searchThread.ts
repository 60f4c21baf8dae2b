import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AttuneError } from '../../shared/errors';
import { matchRules } from './noteScan';
import { type FoldedNote, searchGroups } from './noteText';
import { WORD_PATTERN } from './searchText';

/** One hit of the full index: the note, its relevance, and the words of it that matched. */
export interface IndexHit {
  id: string;
  score: number;
  terms: string[];
}

export interface IndexPage {
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
 * The thread's program: a MiniSearch index over text already folded in the main process (so it
 * only splits words, with the same pattern as searchTerms), matching by the scan's rules
 * (noteScan.ts). Messages are handled in order, so saves sent during the build apply after it.
 */
const threadProgram = (miniSearch: string): string => `'use strict';
const { parentPort } = require('node:worker_threads');
const loaded = { exports: {} };
(function (exports, module) {
${miniSearch}
}).call(undefined, loaded.exports, loaded);
const MiniSearch = loaded.exports;
const WORD = new RegExp(${JSON.stringify(WORD_PATTERN.source)}, ${JSON.stringify(WORD_PATTERN.flags)});
const index = new MiniSearch({
  fields: ${JSON.stringify(searchGroups)},
  // Each group arrives as its fields, joined here rather than in the main process.
  extractField: (doc, field) => (field === 'id' ? doc.id : doc[field].join('\\n')),
  tokenize: (text) => text.match(WORD) || [],
  processTerm: (term) => term,
  searchOptions: {
    combineWith: 'AND',
    prefix: (term) => term.length >= ${matchRules.prefixFrom},
    fuzzy: (term) => (term.length >= ${matchRules.fuzzyFrom} ? ${matchRules.fuzzyDistance} : false),
  },
});
let buildMs = 0;
const upsert = (doc) => (index.has(doc.id) ? index.replace(doc) : index.add(doc));
// Every term must match (AND), yet MiniSearch scores each term over all the notes it matches
// before intersecting: a common word ("about", with its prefixes and typos) costs a result object
// per note. So with several terms, first only collect each term's notes, each pass restricted to
// the notes every earlier term matched (a document boost of 0 skips a note before any object is
// made); then score the query over the notes every term matched. A boost of 1 leaves scores as
// they were, and a note outside that set could not have matched all terms anyway. (Leaving out
// the last term's pass, since the AND of the scoring pass drops what it misses, measured slower:
// the scoring pass then makes objects for every note the earlier terms matched.)
const search = (query) => {
  const terms = [...new Set(query.match(WORD) || [])];
  if (terms.length < 2) return index.search(query);
  let matched;
  for (const term of terms) {
    const seen = new Set();
    const within = matched;
    index.search(term, {
      boostDocument: (id) => {
        if (within === undefined || within.has(id)) seen.add(id);
        return 0;
      },
    });
    matched = seen;
    if (matched.size === 0) return [];
  }
  return index.search(query, { boostDocument: (id) => (matched.has(id) ? 1 : 0) });
};
parentPort.on('message', (message) => {
  try {
    switch (message.type) {
      case 'add': {
        const start = performance.now();
        for (const doc of message.docs) upsert(doc);
        buildMs += performance.now() - start;
        break;
      }
      case 'sealed':
        parentPort.postMessage({ type: 'built', ms: buildMs });
        break;
      case 'upsert':
        upsert(message.doc);
        break;
      case 'search': {
        const results = search(message.query);
        const hits = results
          .slice(message.offset, message.offset + message.limit)
          .map((r) => ({ id: r.id, score: r.score, terms: r.terms }));
        parentPort.postMessage({ type: 'page', id: message.id, total: results.length, hits });
        break;
      }
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
  | { type: 'built'; ms: number }
  | { type: 'page'; id: number; total: number; hits: IndexHit[] }
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

/**
 * The full search index, built and queried in a worker thread so ten thousand notes never hold
 * the main process's event loop. It gets folded text only (never keys, never whole records), and
 * ends with `stop` (at lock), taking the index with it.
 */
export class SearchThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #buildMs: number | undefined;
  #failure: Error | undefined;
  #builtFailed: (error: Error) => void = () => undefined;
  /** Resolves with the build's duration in the thread (ms); rejects if the thread fails first. */
  readonly built: Promise<number>;
  /** Resolves once the thread has ended, however it ended. */
  readonly exited: Promise<void>;

  /** Starts the thread; with `docs`, hands them over and seals at once (else see `add` and `seal`). */
  constructor(docs?: readonly FoldedNote[]) {
    this.#worker = new Worker(threadProgram(miniSearchSource()), { eval: true });
    running++;
    let built!: (ms: number) => void;
    this.built = new Promise<number>((resolve, reject) => {
      built = resolve;
      this.#builtFailed = reject;
    });
    this.built.catch(() => undefined); // the failure is also kept in #failure
    this.#worker.on('message', (reply: Reply) => {
      if (reply.type === 'built') {
        this.#buildMs = reply.ms;
        built(reply.ms);
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

  /** Hands the thread some notes' text to index (in batches, so no one message holds the process long). */
  add(docs: readonly FoldedNote[]): void {
    if (!this.#failure && docs.length > 0) this.#worker.postMessage({ type: 'add', docs });
  }

  /** Every note was handed over: `built` resolves once the thread has indexed them. */
  seal(): void {
    if (!this.#failure) this.#worker.postMessage({ type: 'sealed' });
  }

  /** True once the index holds every note it was given (and every save since). */
  get ready(): boolean {
    return this.#buildMs !== undefined && !this.#failure;
  }

  /** False once the thread failed or ended: the search falls back to the scan. */
  get usable(): boolean {
    return !this.#failure;
  }

  /** Adds or replaces a note's text; applied after the build when it is still under way. */
  upsert(doc: FoldedNote): void {
    if (!this.#failure) this.#worker.postMessage({ type: 'upsert', doc });
  }

  /** The notes matching every term of the folded query, best first: `limit` of them from `offset`. */
  async search(foldedQuery: string, limit: number, offset: number): Promise<IndexPage> {
    const reply = await this.#ask({ type: 'search', query: foldedQuery, limit, offset });
    if (reply.type !== 'page') throw new Error(`the search index answered ${reply.type}`);
    return { total: reply.total, hits: reply.hits };
  }

  /** The index as MiniSearch's JSON (for the benchmark: loading it in the main process instead). */
  async toJson(): Promise<string> {
    const reply = await this.#ask({ type: 'json' });
    if (reply.type !== 'json') throw new Error(`the search index answered ${reply.type}`);
    return reply.json;
  }

  /** Ends the thread and the index in it; every question still open fails with `locked`. */
  stop(): Promise<void> {
    void this.#worker.terminate();
    this.#fail(new AttuneError('locked', 'The vault is locked. Unlock it to continue.'));
    return this.exited;
  }

  #ask(
    message: { type: 'search'; query: string; limit: number; offset: number } | { type: 'json' },
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
    this.#builtFailed(this.#failure);
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }
}
