import { setImmediate as nextTurn } from 'node:timers/promises';
import { noteFieldLabel } from '../../shared/domain/noteFieldLabels';
import type { Note } from '../../shared/domain/noteSchema';
import type { TemplateSection } from '../../shared/domain/templates';
import { AttuneError } from '../../shared/errors';
import type { SearchHit, SearchResults, SearchSnippet } from '../../shared/ipc/contract';
import { NoteScan } from './noteScan';
import { type FoldedNote, foldedNote, noteTexts } from './noteText';
import { kinds, type RecordStore } from './RecordStore';
import { type IndexHit, SearchThread } from './searchThread';
import { foldText, matchingSpans, searchTerms, snippetAround } from './searchText';
import type { TemplateService } from './TemplateService';

/** Which engine answers a search now: none started, the scan (index building), or the full index. */
export type SearchEngine = 'none' | 'preparing' | 'scan' | 'index';

/** What the search holds for the unlocked vault, for tests and the benchmark. */
export interface SearchStats {
  engine: SearchEngine;
  notes: number;
  /** How long folding every note's text for the scan took (ms of the main process). */
  prepareMs?: number;
  /** How long starting the thread and handing it every note's text held the main process (ms). */
  handOverMs?: number;
  /** How long the thread took to build the full index (ms of the thread). */
  buildMs?: number;
  /** How many searches each engine has answered since unlock. */
  answered: { scan: number; index: number };
}

/** The search's state for one unlock; RecordStore drops it (and calls dispose) at lock and after an import. */
class SearchState {
  preparing: Promise<void> | undefined;
  /** Every note's folded text; dropped once the full index is ready. */
  scan: NoteScan | undefined;
  /** The index thread, once every note's text was handed to it. */
  thread: SearchThread | undefined;
  /** The thread while notes are handed to it in slices, and that hand-over. */
  feeding: SearchThread | undefined;
  handOver: Promise<void> | undefined;
  /** Why the thread could not be started, if it could not. */
  threadError: unknown;
  /** Notes saved while the scan was prepared (or the thread fed), applied when that is done. */
  readonly pending = new Map<string, Note>();
  notes = 0;
  prepareMs: number | undefined;
  handOverMs: number | undefined;
  buildMs: number | undefined;
  readonly answered = { scan: 0, index: 0 };
  disposed = false;

  dispose(): void {
    this.disposed = true;
    this.scan = undefined;
    this.pending.clear();
    void this.thread?.stop();
    void this.feeding?.stop();
  }
}

const STATE = Symbol('note-search');
const SNIPPETS_PER_HIT = 3;
/** How long one slice of folding the notes may hold the main process before it yields. */
const SLICE_MS = 25;
/** How many notes' text go to the thread in one message (about 8 ms of copying at 10k notes). */
const HAND_OVER_BATCH = 250;
/** A search whose state was replaced under it (an import) starts again, this many times at most. */
const ATTEMPTS = 3;

const lockedError = () => new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
/** Thrown inside a search whose state an import replaced; the search starts again. */
class Replaced extends Error {}

/**
 * Full-text search over the progress notes of the unlocked vault (never process notes). At
 * unlock every note's text is folded once (under a second for ten thousand notes) and
 * searches scan it at once; meanwhile a worker thread builds the full index (seconds, never on
 * the main process's event loop) and answers, ranked by relevance, once it is ready. Both find
 * the same notes (noteScan.ts's matchRules). Kept current by `noteSaved`; the thread and every
 * folded text go at lock.
 */
export class NoteSearch {
  constructor(
    private readonly store: RecordStore,
    /** Where the section headings of a note's template come from, to label its snippets. */
    private readonly templates: TemplateService,
    /** How long one slice of folding the notes may run before yielding; tests use 0. */
    private readonly sliceMs = SLICE_MS,
  ) {}

  /**
   * The notes matching every word of `query`, best first: `limit` of them from `offset` on, with
   * labelled snippets, and how many match in all (so the page can say "50 of 73" and offer more).
   */
  async search(query: string, limit: number, offset = 0): Promise<SearchResults> {
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
    if (state.thread && !state.thread.usable) await this.#restart(state);
    const page = state.thread?.ready
      ? await this.#fromIndex(state, state.thread, query, limit, offset)
      : this.#fromScan(state, query, limit, offset);
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

  async #fromIndex(
    state: SearchState,
    thread: SearchThread,
    query: string,
    limit: number,
    offset: number,
  ): Promise<{ total: number; hits: IndexHit[] }> {
    try {
      const page = await thread.search(foldText(query), limit, offset);
      state.answered.index++;
      return page;
    } catch {
      // Stopped by a lock or an import: the search starts again (and fails with `locked` if locked).
      if (state.disposed) throw new Replaced();
      await this.#restart(state);
      return this.#fromScan(state, query, limit, offset);
    }
  }

  /** The index thread failed (not stopped by a lock): scan again, and build again in a new thread. */
  async #restart(state: SearchState): Promise<void> {
    if (state.disposed) throw new Replaced();
    void state.feeding?.stop();
    state.thread = undefined;
    state.feeding = undefined;
    state.handOver = undefined;
    state.scan = undefined;
    state.preparing = undefined;
    await this.#prepared(state);
  }

  #fromScan(
    state: SearchState,
    query: string,
    limit: number,
    offset: number,
  ): { total: number; hits: IndexHit[] } {
    const scan = state.scan;
    if (!scan) throw new Replaced();
    const terms = searchTerms(query);
    const ids = scan.search(terms);
    state.answered.scan++;
    const hits = ids.slice(offset, offset + limit).map((id): IndexHit => {
      const words = scan.matchedWords(id, terms);
      return { id, score: words.length, terms: words };
    });
    return { total: ids.length, hits };
  }

  /** Each template's base sections by template id, to name a note's sections as its editor does. */
  async #templateSections(): Promise<Map<string, readonly TemplateSection[]>> {
    const templates = await this.templates.list();
    return new Map(templates.map((t) => [t.id, t.baseSections]));
  }

  /**
   * Folds every note's text for the scan and starts the index thread, if not done or under way;
   * resolves when searches can be answered (by the scan at least).
   */
  warmUp(): Promise<void> {
    return this.#prepared(this.#state());
  }

  /** Resolves when the full index is ready (after warmUp); rejects if its thread failed or the vault locked. */
  async indexReady(): Promise<void> {
    const state = this.#state();
    await this.#prepared(state);
    await state.handOver;
    if (!state.thread) throw state.threadError ?? lockedError();
    await state.thread.built;
  }

  /** Which engine answers now, and what preparing it took. */
  stats(): SearchStats {
    const state = this.#state();
    const engine: SearchEngine = state.thread?.ready
      ? 'index'
      : state.scan
        ? 'scan'
        : state.preparing
          ? 'preparing'
          : 'none';
    const { notes, prepareMs, handOverMs, buildMs, answered } = state;
    return { engine, notes, prepareMs, handOverMs, buildMs, answered: { ...answered } };
  }

  /** Keeps the scan and the index current after a note was stored; never waits for either. */
  noteSaved(note: Note): void {
    const state = this.#state();
    if (state.scan || state.thread) {
      const doc = foldedNote(note);
      state.scan?.set(doc, note.updatedAt);
      state.thread?.upsert(doc);
      if (state.feeding) state.pending.set(note.id, note); // handed over after the rest
    } else if (state.preparing) {
      state.pending.set(note.id, note);
    }
    // Not started yet: the preparation will read the note from the store.
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

  async #prepare(state: SearchState): Promise<void> {
    const alive = this.store.lease();
    const check = () => {
      if (!alive()) throw lockedError();
      if (state.disposed) throw new Replaced();
    };
    const notes = await this.store.all<Note>(kinds.note);
    check();
    const start = performance.now();
    let sliceStart = start;
    let yielded = 0;
    const scan = new NoteScan();
    const docs = new Map<string, FoldedNote>();
    const add = (note: Note) => {
      const doc = foldedNote(note);
      scan.set(doc, note.updatedAt);
      docs.set(note.id, doc);
    };
    for (const note of notes.values()) {
      if (!state.pending.has(note.id)) add(note);
      if (performance.now() - sliceStart >= this.sliceMs) {
        const before = performance.now();
        await nextTurn();
        check();
        yielded += performance.now() - before;
        sliceStart = performance.now();
      }
    }
    for (const note of state.pending.values()) add(note);
    state.pending.clear();
    state.prepareMs = performance.now() - start - yielded;
    state.notes = scan.size;
    state.scan = scan;
    // Searches are answered from here on; the thread gets the text meanwhile.
    state.handOver = this.#handOver(state, docs.values());
  }

  /**
   * Starts the index thread and hands it every note's text in batches, yielding between slices:
   * copying ten thousand notes into the thread in one message holds the process for a third of
   * a second.
   */
  async #handOver(state: SearchState, docs: Iterable<FoldedNote>): Promise<void> {
    const alive = this.store.lease();
    let thread: SearchThread;
    try {
      thread = new SearchThread();
    } catch (error) {
      state.threadError = error; // searches go on with the scan
      return;
    }
    state.feeding = thread;
    let busy = 0;
    let sliceStart = performance.now();
    let batch: FoldedNote[] = [];
    for (const doc of docs) {
      batch.push(doc);
      if (batch.length >= HAND_OVER_BATCH) {
        thread.add(batch);
        batch = [];
      }
      if (performance.now() - sliceStart >= this.sliceMs) {
        busy += performance.now() - sliceStart;
        await nextTurn();
        if (!alive() || state.disposed || state.feeding !== thread) return; // stopped by dispose or a restart
        sliceStart = performance.now();
      }
    }
    thread.add(batch);
    thread.add([...state.pending.values()].map(foldedNote)); // saved meanwhile: after their old text
    state.pending.clear();
    thread.seal();
    state.handOverMs = busy + performance.now() - sliceStart;
    state.feeding = undefined;
    state.thread = thread;
    thread.built.then(
      (ms) => {
        if (state.thread !== thread || state.disposed) return;
        state.buildMs = ms;
        state.scan = undefined; // the index answers from now on; the folded text is not needed
      },
      () => undefined, // a failed thread is noticed by the next search, which scans again
    );
  }
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
