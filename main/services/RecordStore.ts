import { AttuneError } from '../../shared/errors';
import type { AuditDetail, AuditType } from '../vault/auditLog';
import type { OpenVault } from '../vault/OpenVault';
import {
  type CachedProjection,
  localViewRows,
  readLocalCopy,
  readLocalView,
  writeLocalCopy,
} from './device/localViewCache';
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
  /** A draft not valid yet, kept until its note is saved (HeldDraftStore). */
  heldDraft: 'held-draft',
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
  readonly locals: Map<symbol, unknown>;
  /** Copies of views waiting to be written (RecordStore.view's `kept`): cancelled at lock. */
  readonly keeping: Set<NodeJS.Timeout>;
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

  readonly #keepViewsAfterMs: number;

  constructor(
    private readonly session: VaultSession,
    options: { keepViewsAfterMs?: number | undefined } = {},
  ) {
    this.#keepViewsAfterMs = options.keepViewsAfterMs ?? KEEP_AFTER_MS;
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
   *
   * With `kept`, this computer keeps a sealed copy of the view beside its settings (FORMAT.md §17,
   * localViewCache.ts): the next unlock takes each record's projection from it while the record
   * is the version it was computed from, and parses only the records written since (at 10,000
   * notes: a few milliseconds instead of a third of a second). `kept.schema` names the shape of
   * the projection: change it whenever `project` gives something else for the same record.
   */
  view<T, V>(
    kind: RecordKind,
    key: symbol,
    project: (value: T) => V,
    kept?: KeptView,
  ): Promise<ReadonlyMap<string, V>> {
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
      const table = Promise.all([this.all<T>(kind), kept && this.#readKept<V>(state, kept)]).then(
        ([records, previous]) => {
          const projected = new Map<string, unknown>();
          const versionOf = (id: string) => (records as unknown as RecordTable).versionOf?.(id);
          let reused = 0;
          for (const id of records.keys()) {
            // The kept projection while the record is the version it came from; else parse it.
            const version = versionOf(id);
            const hit = version === undefined ? undefined : previous?.get(id);
            if (hit !== undefined && hit.version === version) {
              projected.set(id, hit.value);
              reused += 1;
            } else projected.set(id, project(records.get(id) as T));
          }
          // Anything written, added or removed since the copy: keep the view as it is now.
          if (kept && (reused < projected.size || previous?.size !== reused))
            this.#keepRowsLater(state, kept, projected, versionOf);
          return projected;
        },
      );
      view = { kind, project: project as (value: unknown) => unknown, table };
      state.views.set(key, view);
      table.catch(() => {
        if (state.views.get(key) === view) state.views.delete(key);
      });
    }
    return view.table as Promise<ReadonlyMap<string, V>>;
  }

  /** This computer's copy of a view, or null (none, or not usable: computed afresh). */
  async #readKept<V>(state: VaultState, kept: KeptView): Promise<Map<string, CachedProjection<V>> | null> {
    try {
      return await readLocalView<V>(this.session.device.dataDir, state.vault, kept.name, kept.schema);
    } catch (error) {
      console.warn(`The local copy of ${kept.name} could not be read; it is computed afresh:`, error);
      return null;
    }
  }

  /**
   * The plaintext of this computer's copy of a view kept in a shape of its own (the search's
   * scan), or null (none, or not usable). The caller zeroes it once read.
   */
  async readLocalCopy(kept: KeptView): Promise<Buffer | null> {
    const state = this.#current();
    try {
      return await readLocalCopy(this.session.device.dataDir, state.vault, kept.name, kept.schema);
    } catch (error) {
      console.warn(`The local copy of ${kept.name} could not be read; it is computed afresh:`, error);
      return null;
    }
  }

  /**
   * Writes this computer's copy of a view kept in a shape of its own once the unlock's first
   * requests are answered, as `view` does its copies: `plain` gives its plaintext then (null:
   * nothing to keep). Nothing is written once the vault locks.
   */
  keepLocalCopy(kept: KeptView, plain: () => Promise<Buffer | null>): void {
    this.#keepLater(this.#current(), kept, plain);
  }

  /**
   * Writes this computer's copy of a view once the unlock's first requests are answered (the copy
   * is for the next unlock; writing it sooner would hold those answers up): `plain` gives what to
   * seal, then. Cancelled at lock, and nothing is written if the vault locked meanwhile.
   */
  #keepLater(state: VaultState, kept: KeptView, plain: () => Promise<Buffer | null> | Buffer): void {
    const alive = this.lease();
    const dataDir = this.session.device.dataDir;
    const timer: NodeJS.Timeout = setTimeout(() => {
      state.keeping.delete(timer);
      if (!alive()) return;
      void (async () => {
        const made = await plain();
        if (!made) return;
        if (!alive()) return void made.fill(0);
        await writeLocalCopy(dataDir, state.vault, kept.name, kept.schema, made);
      })().catch((error: unknown) => console.warn(`Could not keep a local copy of ${kept.name}:`, error));
    }, this.#keepViewsAfterMs);
    timer.unref?.();
    state.keeping.add(timer);
  }

  /**
   * Writes this computer's copy of a view, as rows, holding only projections of records as the
   * vault gave them: one saved meanwhile has no version here and is parsed again next time.
   */
  #keepRowsLater(
    state: VaultState,
    kept: KeptView,
    table: ReadonlyMap<string, unknown>,
    versionOf: (id: string) => string | undefined,
  ): void {
    this.#keepLater(state, kept, () => {
      const entries: Array<[string, string, unknown]> = [];
      for (const [id, value] of table) {
        const version = versionOf(id);
        if (version !== undefined) entries.push([id, version, value]);
      }
      return localViewRows(entries);
    });
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
      locals: new Map(),
      keeping: new Set(),
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
    if (state) {
      dropLocals(state.locals);
      for (const timer of state.keeping) clearTimeout(timer);
      state.keeping.clear();
    }
  }
}

/** A view this computer keeps a sealed copy of between unlocks (RecordStore.view). */
export interface KeptView {
  /** The copy's file name in the data folder's local-index folder (lowercase letters, digits, dashes). */
  name: string;
  /** The projection's shape: a copy kept under another schema is not used. */
  schema: number;
}

/**
 * How long after a view is built its copy is written: after the unlock's first answers (Today,
 * the lists), which the write's serializing would otherwise delay.
 */
const KEEP_AFTER_MS = 2000;

/** Drops the decrypted records and what was derived from them (the search index); the next reads load afresh. */
function forgetLoaded(state: VaultState): void {
  state.kinds.clear();
  state.views.clear();
  dropLocals(state.locals);
  state.unreadable.clear(); // found again by the next loads
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
