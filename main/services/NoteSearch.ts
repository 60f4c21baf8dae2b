import { setImmediate as nextTurn } from 'node:timers/promises';
import { noteFieldLabel } from '../../shared/domain/noteFieldLabels';
import type { Note } from '../../shared/domain/noteSchema';
import type { TemplateSection } from '../../shared/domain/templates';
import { AttuneError } from '../../shared/errors';
import type { SearchHit, SearchResults, SearchSnippet } from '../../shared/ipc/contract';
import { decodeKeptScan, encodeKeptScan, type KeptScan, NOTE_SCAN } from './keptScan';
import { type NoteTextDoc, noteTextDoc, noteTexts } from './noteText';
import { kinds, type RecordStore } from './RecordStore';
import { CompactRecords } from './recordTables';
import { matchingSpans, searchTerms, snippetAround } from './searchText';
import { type IndexPage, SearchThread } from './searchThread';
import type { TemplateService } from './TemplateService';

/** Which engine answers a search now: none started, the thread being handed the notes, the scan, or the full index. */
export type SearchEngine = 'none' | 'preparing' | 'scan' | 'index';

/** What the search holds for the unlocked vault, for tests and the benchmark. */
export interface SearchStats {
  engine: SearchEngine;
  notes: number;
  /**
   * How long reading every note's text (from its JSON, when handed over so), folding it and
   * listing its words took in the thread (ms of the thread).
   */
  prepareMs?: number;
  /**
   * How long handing the thread every note held the main process (ms, in slices): copying their
   * JSON across, and the notes this computer's copy of the scan gave (a structured clone); for a
   * vault that keeps notes parsed (format 1), reading their text too.
   */
  handOverMs?: number;
  /** Notes left out of the search because they did not read as notes (damaged JSON, say). */
  skipped?: number;
  /** How long the thread took to build the full index (ms of the thread). */
  buildMs?: number;
  /** How many searches each engine has answered since unlock. */
  answered: { scan: number; index: number };
  /**
   * This computer's copy of the scan (keptScan.ts) at this unlock: how many notes the scan took
   * from it, how many it read afresh (every note, when there was no usable copy), and how long
   * reading, opening and checking the copy took (ms, its file read included). Absent where no
   * copy is kept (a format-1 vault).
   */
  kept?: KeptStats;
  /** The thread's heap in use (bytes) once its scan was ready, and once its index was built. */
  threadHeapBytes?: { scanned?: number; built?: number };
}

/** What this computer's copy of the scan gave at an unlock (SearchStats.kept). */
export interface KeptStats {
  reused: number;
  rescanned: number;
  readMs: number;
}

/** The search's state for one unlock; RecordStore drops it (and calls dispose) at lock and after an import. */
class SearchState {
  /** Resolves once the thread's scan holds every note (searches are answered from then on). */
  preparing: Promise<void> | undefined;
  /** The search thread (scan, then index), from the moment it is started. */
  thread: SearchThread | undefined;
  /**
   * True while the notes are being handed to the thread: a note saved meanwhile goes to the
   * thread at once, and its stored version is not handed over after it (`saved`).
   */
  handingOver = false;
  /** Notes saved since the hand-over began. */
  readonly saved = new Set<string>();
  /** Answers the thread's requests for more notes for its index (NoteSearch.#feed), once set. */
  feed: (() => void) | undefined;
  notes = 0;
  kept: KeptStats | undefined;
  skipped: number | undefined;
  prepareMs: number | undefined;
  handOverMs: number | undefined;
  buildMs: number | undefined;
  readonly answered = { scan: 0, index: 0 };
  disposed = false;

  dispose(): void {
    this.disposed = true;
    this.saved.clear();
    this.feed = undefined;
    // The thread goes with its text and index (asked to end at once, not left to finish: endThread.ts).
    void this.thread?.stop();
    this.thread = undefined;
  }
}

const STATE = Symbol('note-search');
const SNIPPETS_PER_HIT = 3;
/** How long one slice of handing notes to the thread may hold the main process before it yields. */
const SLICE_MS = 25;
/** How many notes go to the thread in one message (about a megabyte of JSON: a few ms of copying). */
const HAND_OVER_BATCH = 250;
/** A search whose state was replaced under it (an import) starts again, this many times at most. */
const ATTEMPTS = 3;

const lockedError = () => new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
/** Thrown inside a search whose state an import replaced; the search starts again. */
class Replaced extends Error {}

/**
 * Full-text search over the progress notes of the unlocked vault (never process notes). At
 * unlock every note's text is handed to a worker thread (searchThread.ts), which folds it and
 * answers searches from a scan at once, while it builds the full index (seconds) and then
 * answers from that, ranked by relevance. Both find the same notes (searchCore.ts's rules). The
 * main process's share is copying the notes' JSON across, in slices (the thread parses it). Kept
 * current by `noteSaved`; the thread, with every text it holds, is ended at lock.
 */
export class NoteSearch {
  constructor(
    private readonly store: RecordStore,
    /** Where the section headings of a note's template come from, to label its snippets. */
    private readonly templates: TemplateService,
    /** How long one slice of handing over the notes may run before yielding; tests use 0. */
    private readonly sliceMs = SLICE_MS,
  ) {}

  /**
   * The notes matching every word of `query`, best first: `limit` of them from `offset` on, with
   * labelled snippets, and how many match in all (so the page can say "50 of 73" and offer more).
   */
  async search(query: string, limit: number, offset = 0): Promise<SearchResults> {
    // A query of symbols alone (an emoji, punctuation) has no word to look for: say so, rather
    // than "No note matches" for text the notes may well hold.
    if (query.trim() && searchTerms(query).length === 0) {
      throw new AttuneError(
        'invalid-input',
        `Search looks for words and numbers, and “${query.trim().slice(0, 40)}” has none. Search for a word near it instead.`,
      );
    }
    for (let attempt = 1; ; attempt++) {
      const state = this.#state();
      try {
        return await this.#search(state, query, limit, offset);
      } catch (error) {
        if (!(error instanceof Replaced) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  async #search(state: SearchState, query: string, limit: number, offset: number): Promise<SearchResults> {
    await this.#prepared(state);
    const page = await this.#ask(state, query, limit, offset);
    const notes = await this.store.all<Note>(kinds.note);
    const sections = await this.#templateSections();
    const hits = page.hits.flatMap(({ id, score, terms }): SearchHit[] => {
      const note = notes.get(id);
      if (!note) return [];
      const snippets = snippetsFor(note, new Set(terms), sections.get(note.templateId) ?? []);
      return [{ noteId: note.id, clientId: note.clientId, sessionId: note.sessionId, score, snippets }];
    });
    return { total: page.total, hits };
  }

  /** The thread's answer; a thread that failed (not stopped by a lock) is replaced once, and asked again. */
  async #ask(state: SearchState, query: string, limit: number, offset: number): Promise<IndexPage> {
    for (let attempt = 1; ; attempt++) {
      const thread = state.thread;
      if (state.disposed || !thread) throw new Replaced();
      try {
        const page = await thread.search(query, limit, offset);
        state.answered[page.engine]++;
        return page;
      } catch (error) {
        // Stopped by a lock or an import: the search starts again (and fails with `locked` if locked).
        if (state.disposed) throw new Replaced();
        if (attempt >= 2) throw unavailable(error);
        await this.#restart(state);
      }
    }
  }

  /** The thread failed (not stopped by a lock): start a new one and hand it the notes again. */
  async #restart(state: SearchState): Promise<void> {
    if (state.disposed) throw new Replaced();
    void state.thread?.stop();
    state.thread = undefined;
    state.preparing = undefined;
    await this.#prepared(state);
  }

  /** Each template's base sections by template id, to name a note's sections as its editor does. */
  async #templateSections(): Promise<Map<string, readonly TemplateSection[]>> {
    const templates = await this.templates.list();
    return new Map(templates.map((t) => [t.id, t.baseSections]));
  }

  /**
   * Starts the thread and hands it every note's text, if not done or under way; resolves when
   * searches can be answered (by the thread's scan at least).
   */
  warmUp(): Promise<void> {
    return this.#prepared(this.#state());
  }

  /** Resolves when the full index is ready (after warmUp); rejects if its thread failed or the vault locked. */
  async indexReady(): Promise<void> {
    const state = this.#state();
    await this.#prepared(state);
    if (!state.thread) throw lockedError();
    await state.thread.built;
  }

  /** Which engine answers now, and what preparing it took. */
  stats(): SearchStats {
    const state = this.#state();
    const thread = state.thread;
    const engine: SearchEngine = thread?.ready
      ? 'index'
      : thread?.scanReady
        ? 'scan'
        : state.preparing
          ? 'preparing'
          : 'none';
    const { notes, skipped, prepareMs, handOverMs, answered, kept } = state;
    const buildMs = state.buildMs;
    const threadHeapBytes = thread?.heapBytes;
    return {
      engine,
      notes,
      skipped,
      prepareMs,
      handOverMs,
      buildMs,
      answered: { ...answered },
      ...(kept ? { kept: { ...kept } } : {}),
      ...(threadHeapBytes ? { threadHeapBytes } : {}),
    };
  }

  /** Keeps the thread's scan and index current after a note was stored; never waits for either. */
  noteSaved(note: Note): void {
    const state = this.#state();
    // Not started yet: the preparation will read the note from the store.
    if (!state.thread) return;
    // Handed over now, so searches find its new text at once; the hand-over skips its stored JSON.
    if (state.handingOver) state.saved.add(note.id);
    state.thread.upsert(noteTextDoc(note));
  }

  #state(): SearchState {
    return this.store.local(STATE, () => new SearchState());
  }

  #prepared(state: SearchState): Promise<void> {
    if (!state.preparing) {
      const preparing = this.#prepare(state);
      state.preparing = preparing;
      // A preparation stopped by a lock is dropped with the state; anything else is retried next time.
      preparing.catch(() => {
        if (state.preparing === preparing) state.preparing = undefined;
      });
    }
    return state.preparing;
  }

  /**
   * Starts the thread and hands it every note in batches, yielding between slices; resolves once
   * the thread's scan holds them all. Notes kept as their JSON (format 2) go as that JSON, which
   * the thread parses: main parses none (at 10,000 notes, reading their text here and cloning it
   * across held the process for about 450 ms). There, the scan takes every note still the version
   * this computer's copy of it was read from (keptScan.ts) from that copy, and the thread reads
   * only the others before it answers; then it asks for every note, a batch at a time, for its
   * index (#feed). Notes kept parsed (format 1) go as their text, to both at once.
   */
  async #prepare(state: SearchState): Promise<void> {
    const alive = this.store.lease();
    const check = () => {
      if (!alive()) throw lockedError();
      if (state.disposed) throw new Replaced();
    };
    state.handingOver = true;
    state.saved.clear();
    let thread: SearchThread | undefined;
    try {
      try {
        // The feed is set once the notes are known; a replaced thread's late request is not its.
        thread = new SearchThread(undefined, { onMore: () => state.thread === thread && state.feed?.() });
      } catch (error) {
        throw unavailable(error);
      }
      state.thread = thread;
      const [records, { kept, readMs }] = await Promise.all([
        this.store.all<Note>(kinds.note),
        this.#readKeptScan(),
      ]);
      check();
      state.notes = records.size;
      let handOver: HandOver;
      let keep = false;
      if (records instanceof CompactRecords) {
        handOver = new HandOver(thread, state.saved, { scanned: true, indexed: false });
        keep = await this.#handOverJson(state, thread, records, { kept, readMs }, handOver, alive, check);
      } else {
        handOver = new HandOver(thread, state.saved, { scanned: true, indexed: true });
        state.handOverMs = await this.#inSlices(records, ([id, note]) => handOver.note(id, note), check);
        handOver.flush();
        this.#sealed(state, thread);
      }
      const handed = thread;
      handed.built.then(
        (ms) => {
          if (state.thread !== handed) return;
          state.buildMs = ms;
          state.skipped = handOver.skipped + handed.skipped; // with the notes first read for the index
        },
        () => undefined, // a failed thread is noticed by the next search, which starts another
      );
      state.prepareMs = await handed.scanned.catch((error: unknown) => {
        check();
        throw error;
      });
      check();
      if (handed.copyRefused && state.kept) {
        // Read afresh in full (the thread's fallback), so kept anew.
        console.warn("This computer's copy of the search's scan did not read; every note was read instead.");
        state.kept = { ...state.kept, reused: 0, rescanned: records.size };
      }
      // Once the scan holds every note (with a copy that did not read, only then).
      if (records instanceof CompactRecords && (keep || handed.copyRefused))
        this.#keepScanLater(state, handed, records);
      state.skipped = handOver.skipped + handed.skipped;
      if (state.skipped > 0)
        console.warn(`Search left out ${state.skipped} notes that did not read as notes.`);
    } catch (error) {
      // Not half-fed: the next search starts a thread afresh (a lock or an import stops it anyway).
      if (thread && state.thread === thread && !state.disposed) this.#drop(state, thread);
      state.handingOver = false;
      throw error;
    }
  }

  /**
   * Format 2: the scan takes the notes this computer's copy still holds from it and is handed the
   * others' JSON (into the scan only: the index gets every note from the feed, so the thread never
   * holds all of them at once); then the scan is sealed. Whether the copy should be written anew.
   */
  async #handOverJson(
    state: SearchState,
    thread: SearchThread,
    records: CompactRecords,
    { kept, readMs }: { kept: KeptScan | null; readMs: number },
    handOver: HandOver,
    alive: () => boolean,
    check: () => void,
  ): Promise<boolean> {
    // Ready before anything that can make the thread ask (the copy failing to load, the seal);
    // it seals the thread once it and this hand-over have both ended.
    let handedOver!: () => void;
    const scanHandedOver = new Promise<void>((resolve) => {
      handedOver = resolve;
    });
    state.feed = this.#feed(state, thread, records, alive, scanHandedOver);
    const loadStart = performance.now();
    const reused = kept ? this.#loadKept(thread, kept, records, state.saved) : new Set<string>();
    const loadMs = performance.now() - loadStart;
    const sliceMs = await this.#inSlices(
      records.rawEntries(),
      ([id, json]) => {
        if (!reused.has(id)) handOver.json(id, json);
      },
      check,
    );
    state.handOverMs = loadMs + sliceMs;
    handOver.flush();
    handedOver();
    // Written when it would differ: notes read afresh, or notes the copy has that are gone.
    const keep = reused.size < records.size || reused.size < (kept?.ids.length ?? 0);
    thread.sealScan(keep);
    state.kept = { reused: reused.size, rescanned: records.size - reused.size, readMs };
    return keep;
  }

  /** Every note was handed to `thread`: saves go to it alone from now on. */
  #sealed(state: SearchState, thread: SearchThread): void {
    thread.seal();
    state.handingOver = false;
    state.saved.clear();
  }

  /** Stops a thread that failed or was half-fed: the next search starts another. */
  #drop(state: SearchState, thread: SearchThread): void {
    void thread.stop();
    if (state.thread !== thread) return;
    state.thread = undefined;
    state.preparing = undefined;
    state.handingOver = false;
  }

  /**
   * The feed: answers each of the thread's requests for more notes for its index with the next
   * batch of every note's JSON (in the store's order; notes saved meanwhile went to the thread as
   * they were saved and are left out), and seals the thread after the last. Each batch is copied
   * as asked for, so the thread holds a batch or two of JSON at a time, never all of it.
   */
  #feed(
    state: SearchState,
    thread: SearchThread,
    records: CompactRecords,
    alive: () => boolean,
    /** Resolves once the hand-over to the scan has ended: saves are set aside until both have. */
    scanHandedOver: Promise<void>,
  ): () => void {
    const handOver = new HandOver(thread, state.saved, { scanned: false, indexed: true });
    const sealed = () => {
      void scanHandedOver.then(() => {
        if (state.thread === thread && !state.disposed) this.#sealed(state, thread);
      });
    };
    let entries: Iterator<[string, Uint8Array | string]> | undefined;
    let done = false;
    return () => {
      if (done || state.disposed || state.thread !== thread || !alive()) return;
      try {
        feedBatch();
      } catch (error) {
        // Not left waiting for a batch that will not come: the next search starts a thread afresh.
        console.error('Search could not hand the notes to its index:', error);
        this.#drop(state, thread);
      }
    };
    function feedBatch() {
      const start = performance.now();
      entries ??= records.rawEntries();
      // A batch (or the last notes, then the seal): an answer with nothing would leave the thread waiting.
      for (let taken = 0; taken < HAND_OVER_BATCH; ) {
        const next = entries.next();
        if (next.done) {
          done = true;
          break;
        }
        if (handOver.json(...next.value)) taken++;
      }
      handOver.flush();
      if (done) sealed();
      state.handOverMs = (state.handOverMs ?? 0) + performance.now() - start;
    }
  }

  /**
   * This computer's copy of the scan, or null (none, not usable, or a vault that keeps none), and
   * how long reading, opening and checking it took (ms, from the file's read to the checked copy).
   */
  async #readKeptScan(): Promise<{ kept: KeptScan | null; readMs: number }> {
    const start = performance.now();
    const plain = await this.store.readLocalCopy(NOTE_SCAN);
    if (!plain) return { kept: null, readMs: performance.now() - start };
    try {
      return { kept: decodeKeptScan(plain), readMs: performance.now() - start };
    } finally {
      plain.fill(0);
    }
  }

  /**
   * Gives the thread the notes of the copy that are still the version their words were read
   * from (and not saved since this preparation began); the ids of those notes.
   */
  #loadKept(
    thread: SearchThread,
    kept: KeptScan,
    records: CompactRecords,
    saved: ReadonlySet<string>,
  ): Set<string> {
    const use = new Uint8Array(kept.ids.length);
    const reused = new Set<string>();
    kept.ids.forEach((id, i) => {
      if (reused.has(id) || saved.has(id) || records.versionOf(id) !== kept.versions[i]) return;
      use[i] = 1;
      reused.add(id);
    });
    if (reused.size > 0) thread.loadScan(kept, use);
    return reused;
  }

  /**
   * Keeps this computer's copy of the scan, a moment after unlock (RecordStore.keepLocalCopy):
   * of the notes whose version the store knows, which is the version the scan read (a note saved
   * in this unlock has none, and is read again next time).
   */
  #keepScanLater(state: SearchState, thread: SearchThread, records: CompactRecords): void {
    this.store.keepLocalCopy(NOTE_SCAN, async () => {
      if (state.thread !== thread) return null;
      try {
        // Taken as the snapshot is asked for: the thread answers with the text it holds then
        // (a save's text reaches it after the save has dropped the note's version here).
        const known = new Map<string, string>();
        for (const id of records.keys()) {
          const version = records.versionOf(id);
          if (version !== undefined) known.set(id, version);
        }
        const scan = await thread.snapshot([...known.keys()]);
        if (state.thread !== thread) return null;
        return encodeKeptScan({ ...scan, versions: scan.ids.map((id) => known.get(id) as string) });
      } catch (error) {
        if (state.thread !== thread || state.disposed) return null; // locked or replaced meanwhile
        throw error;
      }
    });
  }

  /** Calls `each` on every item, yielding between slices of sliceMs; how long the slices held the process (ms). */
  async #inSlices<T>(items: Iterable<T>, each: (item: T) => void, check: () => void): Promise<number> {
    let busy = 0;
    let sliceStart = performance.now();
    for (const item of items) {
      each(item);
      if (performance.now() - sliceStart >= this.sliceMs) {
        busy += performance.now() - sliceStart;
        await nextTurn();
        check();
        sliceStart = performance.now();
      }
    }
    return busy + performance.now() - sliceStart;
  }
}

/**
 * Hands notes to the search thread in batches: as their JSON (the thread reads it) or, parsed
 * already, as their text. Notes saved since the hand-over began went to the thread as they were
 * saved, so their stored version is left out here.
 */
class HandOver {
  #json: Array<[string, Uint8Array | string]> = [];
  #docs: NoteTextDoc[] = [];
  /** Parsed notes whose text could not be read here: left out of the search. */
  skipped = 0;

  constructor(
    private readonly thread: SearchThread,
    private readonly saved: ReadonlySet<string>,
    /** Into the scan, to the index (the feed), or both (format 1, whose notes come as their text). */
    private readonly to: { scanned: boolean; indexed: boolean },
  ) {}

  /** Queues a note's JSON (posted by the batch); false for a note saved since the hand-over began. */
  json(id: string, json: Uint8Array | string): boolean {
    if (this.saved.has(id)) return false;
    this.#json.push([id, json]);
    if (this.#json.length >= HAND_OVER_BATCH) this.#flushJson();
    return true;
  }

  note(id: string, note: Note): void {
    if (this.saved.has(id)) return;
    try {
      this.#docs.push(noteTextDoc(note));
    } catch {
      this.skipped++;
      return;
    }
    if (this.#docs.length >= HAND_OVER_BATCH) {
      this.thread.add(this.#docs);
      this.#docs = [];
    }
  }

  /** The last batch. */
  flush(): void {
    this.#flushJson();
    this.thread.add(this.#docs.filter((doc) => !this.saved.has(doc.id)));
    this.#docs = [];
  }

  /**
   * Sends the batch, without the notes saved since they joined it (the hand-over yields between
   * slices): a save sends the note's new text at once, and its old text must not follow it.
   */
  #flushJson(): void {
    this.thread.addJson(
      this.#json.filter(([id]) => !this.saved.has(id)),
      this.to,
    );
    this.#json = [];
  }
}

/** The search thread could not run: what the user reads. */
function unavailable(cause: unknown): AttuneError {
  console.error('Search thread failed:', cause);
  return new AttuneError(
    'internal',
    'Search could not run just now. Try again; if it keeps failing, lock and unlock the vault.',
  );
}

/** Up to three snippets, from the fields that match the most distinct terms (ties: editor order). */
function snippetsFor(
  note: Note,
  terms: ReadonlySet<string>,
  sections: readonly TemplateSection[],
): SearchSnippet[] {
  return noteTexts(note)
    .map(({ field, text }, order) => {
      const spans = matchingSpans(text, terms);
      return { field, text, spans, order, distinct: new Set(spans.map((s) => s.term)).size };
    })
    .filter((f) => f.spans.length > 0)
    .sort((a, b) => b.distinct - a.distinct || a.order - b.order)
    .slice(0, SNIPPETS_PER_HIT)
    .flatMap(({ field, text, spans }) => {
      const snippet = snippetAround(spans, text);
      return snippet ? [{ field, label: noteFieldLabel(field, sections), ...snippet }] : [];
    });
}
