import { setImmediate as nextTurn } from 'node:timers/promises';
import MiniSearch from 'minisearch';
import { noteFieldLabel } from '../../shared/domain/noteFieldLabels';
import type { Note } from '../../shared/domain/noteSchema';
import type { TemplateSection } from '../../shared/domain/templates';
import { AttuneError } from '../../shared/errors';
import type { SearchHit, SearchResults, SearchSnippet } from '../../shared/ipc/contract';
import { groupOf, noteTexts, type SearchGroup, searchGroups } from './noteText';
import { kinds, type RecordStore } from './RecordStore';
import { foldTerm, matchingSpans, snippetAround, tokenize } from './searchText';
import type { TemplateService } from './TemplateService';

type SearchDoc = { id: string } & Record<SearchGroup, string>;

interface IndexState {
  readonly index: MiniSearch<SearchDoc>;
  building?: Promise<void>;
  built: boolean;
  /** Notes saved while the index was being built, applied when it is done. */
  readonly pending: Map<string, Note>;
}

const INDEX = Symbol('note-search-index');
const SNIPPETS_PER_HIT = 3;
/** How long one slice of the index build may hold the main process before it yields. */
const SLICE_MS = 25;

/**
 * Full-text search over the progress notes of the unlocked vault (never process notes). The
 * index is built once per unlock, in slices that yield to the event loop (ten thousand notes
 * take seconds, and the main process must keep answering meanwhile), kept current by
 * `noteSaved`, and dropped with the decrypted records at lock.
 */
export class NoteSearch {
  constructor(
    private readonly store: RecordStore,
    /** Where the section headings of a note's template come from, to label its snippets. */
    private readonly templates: TemplateService,
    /** How long one slice of the build may run before yielding; tests use 0. */
    private readonly sliceMs = SLICE_MS,
  ) {}

  /**
   * The notes matching every word of `query`, best first: `limit` of them from `offset` on, with
   * labelled snippets, and how many match in all (so the page can say "50 of 73" and offer more).
   */
  async search(query: string, limit: number, offset = 0): Promise<SearchResults> {
    await this.warmUp();
    const { index } = this.#state();
    const notes = await this.store.all<Note>(kinds.note);
    const matches = index.search(query).flatMap((result) => {
      const note = notes.get(String(result.id));
      return note ? [{ note, result }] : [];
    });
    const page = matches.slice(offset, offset + limit);
    const sections = await this.#templateSections();
    const hits = page.map(
      ({ note, result }): SearchHit => ({
        noteId: note.id,
        clientId: note.clientId,
        sessionId: note.sessionId,
        score: result.score,
        snippets: snippetsFor(note, new Set(result.terms), sections.get(note.templateId) ?? []),
      }),
    );
    return { total: matches.length, hits };
  }

  /** Each template's base sections by template id, to name a note's sections as its editor does. */
  async #templateSections(): Promise<Map<string, readonly TemplateSection[]>> {
    const templates = await this.templates.list();
    return new Map(templates.map((t) => [t.id, t.baseSections]));
  }

  /** Builds the index if it is not built or being built; resolves when it is ready. */
  warmUp(): Promise<void> {
    const state = this.#state();
    if (!state.building) {
      const building = this.#build(state);
      state.building = building;
      // A build stopped by a lock is dropped with the state; anything else is retried next time.
      building.catch(() => {
        if (state.building === building) state.building = undefined;
      });
    }
    return state.building;
  }

  /** Keeps the index current after a note was stored; never waits for a build under way. */
  noteSaved(note: Note): void {
    const state = this.#state();
    if (state.built) upsert(state.index, note);
    else if (state.building) state.pending.set(note.id, note);
    // Not started yet: the build will read the note from the store.
  }

  #state(): IndexState {
    return this.store.local(
      INDEX,
      (): IndexState => ({ index: newIndex(), built: false, pending: new Map() }),
    );
  }

  async #build(state: IndexState): Promise<void> {
    const alive = this.store.lease();
    const notes = [...(await this.store.all<Note>(kinds.note)).values()];
    let sliceStart = performance.now();
    for (const note of notes) {
      if (!state.pending.has(note.id)) upsert(state.index, note);
      if (performance.now() - sliceStart >= this.sliceMs) {
        await nextTurn();
        if (!alive()) throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
        sliceStart = performance.now();
      }
    }
    for (const note of state.pending.values()) upsert(state.index, note);
    state.pending.clear();
    state.built = true;
  }
}

function newIndex(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>({
    fields: [...searchGroups],
    tokenize,
    processTerm: (term) => foldTerm(term) || null,
    searchOptions: {
      combineWith: 'AND',
      // A one-letter prefix or a fuzzy three-letter word matches most of the vocabulary and
      // makes a search over thousands of notes slow without finding anything useful.
      prefix: (term) => term.length >= 2,
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
    },
  });
}

function upsert(index: MiniSearch<SearchDoc>, note: Note): void {
  if (index.has(note.id)) index.replace(toDoc(note));
  else index.add(toDoc(note));
}

function toDoc(note: Note): SearchDoc {
  const groups = Object.fromEntries(searchGroups.map((g) => [g, [] as string[]])) as Record<
    SearchGroup,
    string[]
  >;
  for (const { field, text } of noteTexts(note)) groups[groupOf(field)].push(text);
  const doc = { id: note.id } as SearchDoc;
  for (const g of searchGroups) doc[g] = groups[g].join('\n');
  return doc;
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
