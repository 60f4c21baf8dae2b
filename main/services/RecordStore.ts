import { AttuneError } from '../../shared/errors';
import type { AuditDetail, AuditType } from '../vault/auditLog';
import type { OpenVault } from '../vault/OpenVault';
import { CompactRecords, ParsedRecords, type RecordTable } from './recordTables';
import type { VaultSession } from './VaultSession';

/** The record kinds the services store. Process notes have a kind of their own (HIPAA 164.501). */
export const kinds = {
  client: 'client',
  session: 'session',
  note: 'note',
  processNote: 'process-note',
  measure: 'measure',
  treatmentPlan: 'treatment-plan',
  diagnosis: 'diagnosis',
  safetyPlan: 'safety-plan',
  template: 'template',
  setting: 'setting',
} as const;
export type RecordKind = (typeof kinds)[keyof typeof kinds];

export interface Audit {
  type: AuditType;
  detail?: AuditDetail;
}

/** What a queued write may do: put records (audit entry committed with the record). */
export interface Writer {
  put(kind: RecordKind, id: string, value: unknown, audit?: Audit): Promise<void>;
  /** Removes a record (a user template no note uses); the audit entry is committed with it. */
  delete(kind: RecordKind, id: string, audit?: Audit): Promise<void>;
}

/** A record the vault lists but whose file could not be read (missing or damaged). */
export interface UnreadableRecord {
  kind: RecordKind;
  id: string;
}

/**
 * The kinds kept as their JSON rather than parsed (recordTables.ts) when the vault holds them
 * decrypted anyway (format 2): the long free-text records, read one at a time.
 */
const compactKinds: ReadonlySet<RecordKind> = new Set([kinds.note, kinds.processNote]);

/**
 * A second use of every record of a kind (the search's text), fed by the pass that parses them
 * for a view (RecordStore.readAlong), so the records are parsed once for both.
 */
export interface PassReader {
  /** Each record as parsed for the view (read-only). */
  visit(id: string, value: unknown): void;
  /** The pass failed, or `visit` threw: not every record was visited, and no more will be. */
  fail(error: unknown): void;
}

/** Something derived from each record of a kind (a note's summary), kept in step with writes. */
interface RecordView {
  readonly kind: RecordKind;
  readonly project: (value: unknown) => unknown;
  readonly table: Promise<Map<string, unknown>>;
}

/** Decrypted state of one unlocked vault; dropped whole at lock. */
interface VaultState {
  readonly vault: OpenVault;
  readonly kinds: Map<RecordKind, Promise<RecordTable>>;
  readonly views: Map<symbol, RecordView>;
  /** Readers waiting for the next view of their kind to be built (readAlong). */
  readonly readers: Array<{ kind: RecordKind; reader: PassReader }>;
  readonly locals: Map<symbol, unknown>;
  /** Records left out of `kinds` because their files could not be read, by `kind/id`, with why. */
  readonly unreadable: Map<string, { record: UnreadableRecord; error: AttuneError }>;
}

const lockedError = () => new AttuneError('locked', 'The vault is locked. Unlock it to continue.');

/**
 * The services' view of the vault: records decrypted once per unlock and kept in memory only
 * while that vault is unlocked, and one queue for writes, so a check-then-write (a unique code,
 * one note per session, "not signed yet") cannot interleave with another write. At lock the queue
 * is closed, the writes already accepted finish, and every decrypted value is dropped.
 */
export class RecordStore {
  #state: VaultState | null = null;
  /** The vault that is locking: calls that arrive for it now fail with `locked`. */
  #closing: OpenVault | null = null;
  /** Settles when the last queued write has; resolves to nothing, so it holds no decrypted result. */
  #tail: Promise<void> = Promise.resolve();

  constructor(private readonly session: VaultSession) {
    session.onBeforeLock(() => this.#beforeLock());
    // Another computer's changes were merged into the open vault: load afresh what was cached.
    session.onRecordsChanged(() => {
      if (this.#state) forgetLoaded(this.#state);
    });
  }

  /**
   * Every record of a kind by id, loaded on first use after unlock. Treat values as read-only. A
   * record whose file is damaged or missing is left out (one bad file must not hide a caseload)
   * and listed by `unreadable` until it is written again or the vault is checked and repaired.
   */
  async all<T>(kind: RecordKind): Promise<ReadonlyMap<string, T>> {
    const state = this.#current();
    let loading = state.kinds.get(kind);
    if (!loading) {
      const onUnreadable = (id: string, error: AttuneError) =>
        state.unreadable.set(`${kind}/${id}`, { record: { kind, id }, error });
      const { vault } = state;
      loading =
        compactKinds.has(kind) && vault.getAllJson
          ? Promise.resolve().then(
              () => new CompactRecords(vault.getAllJson?.(kind) ?? [], () => vault.isLocked),
            )
          : vault
              .getAll<unknown>(kind, { onUnreadable })
              .then((records) => new ParsedRecords(records.map((r) => [r.id, r.value])));
      state.kinds.set(kind, loading);
      // A failed load (e.g. the vault locked meanwhile) is retried on the next call.
      loading.catch(() => {
        if (state.kinds.get(kind) === loading) state.kinds.delete(kind);
      });
    }
    return (await loading) as ReadonlyMap<string, T>;
  }

  /**
   * `project` of every record of a kind, by id: computed once per unlock as the records are read,
   * then kept in step with every write (and dropped with the records), so what needs a few fields
   * of each record (lists, "does this session have a note?") never parses them all again. `key`
   * names the view; the same key must always come with the same kind and projection.
   */
  view<T, V>(kind: RecordKind, key: symbol, project: (value: T) => V): Promise<ReadonlyMap<string, V>> {
    let state: VaultState;
    try {
      state = this.#current();
    } catch (error) {
      // Locked: a rejection, like `all`'s, never a throw; a caller awaiting both in a Promise.all
      // would otherwise leave `all`'s rejection unhandled (an unhandled rejection after a lock).
      return Promise.reject(error);
    }
    let view = state.views.get(key);
    if (!view) {
      const readers = takeReaders(state, kind);
      const table = this.all<T>(kind).then((records) => {
        const projected = new Map<string, unknown>();
        for (const [id, value] of records) {
          projected.set(id, project(value));
          if (readers.length > 0) visitAll(readers, id, value);
        }
        return projected;
      });
      view = { kind, project: project as (value: unknown) => unknown, table };
      state.views.set(key, view);
      table.catch((error: unknown) => {
        for (const reader of readers) reader.fail(error);
        if (state.views.get(key) === view) state.views.delete(key);
      });
    }
    return view.table as Promise<ReadonlyMap<string, V>>;
  }

  /**
   * Has `reader` visit every record of `kind` in the pass that builds the next view of that kind
   * in this unlock (the caller then asks for that view, and it is complete once the view is), so
   * what needs every record besides the view parses none again. False when a view of the kind is
   * built or being built already: the caller reads the records itself (`all`).
   */
  readAlong(kind: RecordKind, reader: PassReader): boolean {
    const state = this.#current();
    for (const view of state.views.values()) if (view.kind === kind) return false;
    state.readers.push({ kind, reader });
    return true;
  }

  /** The records loaded so far in this unlock that could not be read, in load order. */
  unreadable(): UnreadableRecord[] {
    return [...this.#current().unreadable.values()].map((u) => u.record);
  }

  /** One record, or undefined if there is none; a record whose file is damaged throws why. */
  async find<T>(kind: RecordKind, id: string): Promise<T | undefined> {
    const found = (await this.all<T>(kind)).get(id);
    if (found === undefined) {
      const unreadable = this.#current().unreadable.get(`${kind}/${id}`);
      if (unreadable) throw unreadable.error;
    }
    return found;
  }

  /** The ids of every record of a kind, from the vault's manifest in memory (nothing decrypted). */
  ids(kind: RecordKind): string[] {
    return this.#current()
      .vault.list(kind)
      .map((r) => r.id);
  }

  /**
   * A check for long-running work (building the search index in slices): true while the vault
   * that was unlocked when this was called is still unlocked, false from the moment it locks.
   */
  lease(): () => boolean {
    const state = this.#current();
    return () => this.#state === state && !state.vault.isLocked && state.vault !== this.#closing;
  }

  /**
   * Per-vault derived state (a search index, a snapshot) that lives and dies with the decrypted
   * records: created on first use after unlock and dropped at lock (and after `writeMany`, and
   * when another computer's changes arrive). A value
   * with a `dispose` method (one that owns a worker thread, say) is disposed when dropped.
   */
  local<T>(key: symbol, create: () => T): T {
    const state = this.#current();
    if (!state.locals.has(key)) state.locals.set(key, create());
    return state.locals.get(key) as T;
  }

  /**
   * Runs `work` after every earlier write, against the vault that was unlocked when it was
   * queued. It either completes or fails with `locked`; it never writes to a later unlock.
   */
  async write<R>(work: (writer: Writer) => Promise<R>): Promise<R> {
    if (this.session.vault === this.#closing) throw lockedError();
    const state = this.#current();
    const run = this.#tail.then(async () => {
      if (this.#current() !== state) throw lockedError();
      return work({
        put: async (kind, id, value, audit) => {
          await state.vault.put(kind, id, value, audit);
          state.unreadable.delete(`${kind}/${id}`); // written anew: readable again
          // Cache what a later read from the vault would give (JSON drops undefined, for one).
          const json = JSON.stringify(value);
          await state.kinds.get(kind)?.then(
            (records) => records.put(id, json),
            () => undefined, // that load failed and will be retried, reading the new value
          );
          await updateViews(state, kind, (table, project) => table.set(id, project(JSON.parse(json))));
        },
        delete: async (kind, id, audit) => {
          await state.vault.delete(kind, id, audit);
          state.unreadable.delete(`${kind}/${id}`);
          await state.kinds.get(kind)?.then(
            (records) => records.delete(id),
            () => undefined,
          );
          await updateViews(state, kind, (table) => table.delete(id));
        },
      });
    });
    // Not `run.catch(…)`: that would resolve to (and keep) the write's result, a decrypted record,
    // for as long as this store lives, locked or not.
    this.#tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Runs `work` after every earlier write with the vault itself, for many records written in one
   * commit (an import). The decrypted records and derived state (the search index) are dropped
   * afterwards, so later reads see what was written.
   */
  async writeMany<R>(work: (vault: OpenVault) => Promise<R>): Promise<R> {
    return this.write(async () => {
      const state = this.#current();
      try {
        return await work(state.vault);
      } finally {
        forgetLoaded(state);
      }
    });
  }

  #current(): VaultState {
    const vault = this.session.vault; // throws `locked`
    if (this.#state?.vault === vault) return this.#state; // also while accepted writes drain
    if (vault === this.#closing) throw lockedError();
    this.#state = {
      vault,
      kinds: new Map(),
      views: new Map(),
      readers: [],
      locals: new Map(),
      unreadable: new Map(),
    };
    return this.#state;
  }

  async #beforeLock(): Promise<void> {
    try {
      this.#closing = this.session.vault;
    } catch {
      // Already locked: nothing is queued against it.
    }
    await this.#tail;
    const state = this.#state;
    this.#state = null;
    if (state) dropLocals(state.locals);
  }
}

/** Drops the decrypted records and what was derived from them (the search index); the next reads load afresh. */
function forgetLoaded(state: VaultState): void {
  state.kinds.clear();
  state.views.clear();
  state.readers.length = 0; // their owners (the search) are dropped with the locals
  dropLocals(state.locals);
  state.unreadable.clear(); // found again by the next loads
}

/** The readers waiting for a view of `kind`, removed from the state: this view's pass feeds them. */
function takeReaders(state: VaultState, kind: RecordKind): PassReader[] {
  const taken: PassReader[] = [];
  for (let i = state.readers.length - 1; i >= 0; i--) {
    const waiting = state.readers[i];
    if (waiting?.kind !== kind) continue;
    taken.unshift(waiting.reader);
    state.readers.splice(i, 1);
  }
  return taken;
}

/** Hands a record to each reader; one that throws is told it failed and visits no more (the view goes on). */
function visitAll(readers: PassReader[], id: string, value: unknown): void {
  for (let i = 0; i < readers.length; i++) {
    const reader = readers[i] as PassReader;
    try {
      reader.visit(id, value);
    } catch (error) {
      readers.splice(i--, 1);
      reader.fail(error);
    }
  }
}

/** Applies a write to each loaded view of `kind` (one whose load failed is rebuilt on next use). */
async function updateViews(
  state: VaultState,
  kind: RecordKind,
  apply: (table: Map<string, unknown>, project: (value: unknown) => unknown) => void,
): Promise<void> {
  for (const view of state.views.values()) {
    if (view.kind !== kind) continue;
    await view.table.then(
      (table) => apply(table, view.project),
      () => undefined,
    );
  }
}

/** Empties `locals`, disposing each value that can be (a search thread is stopped, not left running). */
function dropLocals(locals: Map<symbol, unknown>): void {
  const values = [...locals.values()];
  locals.clear();
  for (const value of values) {
    const dispose = (value as { dispose?: unknown } | null)?.dispose;
    if (typeof dispose === 'function') dispose.call(value);
  }
}
