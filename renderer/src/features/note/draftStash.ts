/**
 * Changes that could not be saved (the vault locked first, or the draft was invalid), kept in
 * memory by note id until they are saved or the user discards them. Memory only: nothing here
 * touches the disk.
 *
 * Each held value remembers its change number (later changes have larger numbers, see Autosaver)
 * and the saved version it was made on top of (`basedOn`, the vault's `updatedAt`). So a later
 * save supersedes it, and a held value is never replayed over a version saved after it was made:
 * then both are shown and the user chooses.
 */
import type { NoteDraft } from '../../../../shared/domain/noteSchema';
import type { PlanContent } from '../../../../shared/ipc/contracts/planContract';

export interface Held<T> {
  value: T;
  /** The change number of `value`. */
  change: number;
  /** `updatedAt` of the saved version the editor had when it made the change (null: none saved yet). */
  basedOn: string | null;
  /** When it was held (ISO), shown when offering it back. */
  heldAt: string;
}

/** By note or plan id, the vault's held copy being discarded ("Keep the saved version"). */
const discarding = new Map<string, Promise<unknown>>();

/**
 * Discards the vault's held copy with `discard`, and remembers it until done, so an editor
 * opening meanwhile does not read the copy back (see vaultCopyDiscarded).
 */
export function discardVaultCopy(id: string, discard: () => Promise<unknown>): void {
  const done = discard()
    .catch(() => undefined)
    .finally(() => {
      if (discarding.get(id) === done) discarding.delete(id);
    });
  discarding.set(id, done);
}

/** Resolves once a discard of `id`'s vault copy under way (if any) has ended. */
export async function vaultCopyDiscarded(id: string): Promise<void> {
  await discarding.get(id);
}

/** Every HeldChanges made, so a lock can drop from all of them what the vault keeps. */
const everyHeld: Array<HeldChanges<unknown>> = [];

/**
 * Drops every held value the vault also keeps (a draft not valid yet, held there by
 * notes:holdDraft or plans:holdDraft): called when the vault locks, so the window holds no
 * plaintext of them while locked; the editor gets them back from the vault at the next opening.
 * What only this window holds (a save cut off by the lock itself) stays until it is saved.
 */
export function dropHeldKeptInVault(): void {
  for (const held of everyHeld) held.dropKeptInVault();
}

/** Told after any HeldChanges changed (the workspace's banner, the close guard). */
const listeners = new Set<() => void>();
/** Bumped on every change: a snapshot for useSyncExternalStore that is cheap to compare. */
let version = 0;
function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

/** Calls `listener` after any held value changes (of any kind); returns its unsubscribe. */
export function subscribeHeld(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** A number that changes whenever any held value does. */
export const heldVersion = (): number => version;

/** Held values of one kind, by note id. */
export class HeldChanges<T> {
  readonly #entries = new Map<string, Held<T>>();
  /** By id, the change number of a value the vault keeps too. */
  readonly #inVault = new Map<string, number>();
  /**
   * By id, the latest change saved. A save that failed can report so after a later save of the
   * same change went through (the retry won the race): that value is not held again.
   */
  readonly #savedUpTo = new Map<string, number>();

  constructor() {
    everyHeld.push(this as HeldChanges<unknown>);
  }

  /** The value of change `change` of `id` is kept in the vault as well. */
  keptInVault(id: string, change: number): void {
    this.#inVault.set(id, change);
    changed();
  }

  /**
   * Forgets the values the vault keeps (see dropHeldKeptInVault). Which changes it keeps stays
   * known (ids and numbers only), so an editor closing after the lock does not hold one again.
   */
  dropKeptInVault(): void {
    for (const [id, change] of this.#inVault)
      if (this.#entries.get(id)?.change === change) this.#entries.delete(id);
    changed();
  }

  /**
   * Keeps a value unless a later change is already held, or it (or a later one) was saved. A change the vault keeps is not held
   * here (the window need not, and while locked must not, hold its text): an older one held for
   * the same id goes, so the vault's is the one offered back.
   */
  hold(id: string, entry: Held<T>): void {
    const current = this.#entries.get(id);
    if (current && current.change > entry.change) return;
    if ((this.#savedUpTo.get(id) ?? -1) >= entry.change) return;
    if (this.#inVault.get(id) === entry.change) this.#entries.delete(id);
    else this.#entries.set(id, entry);
    changed();
  }

  /** A value read back from the vault (its held draft), offered by the editor that opens next; dropped at lock. */
  fromVault(id: string, entry: Held<T>): void {
    this.#entries.set(id, entry);
    this.#inVault.set(id, entry.change);
    changed();
  }

  get(id: string): Held<T> | undefined {
    return this.#entries.get(id);
  }

  /** A save of change `change` (or of a later one) supersedes what is held from before it. */
  saved(id: string, change: number): void {
    this.#savedUpTo.set(id, Math.max(this.#savedUpTo.get(id) ?? -1, change));
    const current = this.#entries.get(id);
    if (current && current.change <= change && this.#entries.delete(id)) changed();
  }

  /** Forgets what is held for `id` (the user chose the saved version). */
  discard(id: string): void {
    if (this.#entries.delete(id)) changed();
  }

  get size(): number {
    return this.#entries.size;
  }

  entries(): Array<[string, Held<T>]> {
    return [...this.#entries];
  }

  /**
   * The held values only this window has (not the vault's copy of a draft not valid yet): lost
   * if the window closes before they are saved.
   */
  onlyHere(): Array<[string, Held<T>]> {
    return this.entries().filter(([id, held]) => this.#inVault.get(id) !== held.change);
  }
}

/** Progress-note drafts held back. */
export const heldDrafts = new HeldChanges<NoteDraft>();
/** Private process-note texts held back, by note id or by sessionProcessNoteKey. */
export const heldProcessNotes = new HeldChanges<string>();

const sessionPrefix = 'session:';
/** The held-back key of a process note opened from its session (record ids have no colon). */
export const sessionProcessNoteKey = (sessionId: string): string => `${sessionPrefix}${sessionId}`;
/** The session id in a sessionProcessNoteKey, or null for a note's id. */
export const sessionOfProcessNoteKey = (key: string): string | null =>
  key.startsWith(sessionPrefix) ? key.slice(sessionPrefix.length) : null;

/**
 * Treatment plan drafts held back, by plan version id (usePlanDraft.ts): invalid when the editor
 * closed, the vault locked first, or a save refused (a full disk).
 */
export const heldPlans = new HeldChanges<PlanContent>();
/**
 * The client of each plan version held, so the workspace's warning can lead to it: set by the
 * plan's editor as it holds a change, forgotten once nothing of that plan is held.
 */
export const heldPlanClients = new Map<string, string>();
subscribeHeld(() => {
  for (const planId of heldPlanClients.keys()) if (!heldPlans.get(planId)) heldPlanClients.delete(planId);
});

/** Whether anything is waiting to be saved. */
export function hasStashedDrafts(): boolean {
  return heldDrafts.size > 0 || heldProcessNotes.size > 0;
}

/** Where a change only this window holds belongs: a progress note (its process note too), a session's process note, a treatment plan version. */
export type HeldPlace =
  | { kind: 'note'; noteId: string }
  | { kind: 'session'; sessionId: string }
  | { kind: 'plan'; planId: string; clientId: string | null };

/** The notes and plans with changes only this window holds (see onlyHere), each named once. */
export function placesHeldOnlyHere(): HeldPlace[] {
  const places = new Map<string, HeldPlace>();
  for (const [noteId] of heldDrafts.onlyHere()) places.set(`note:${noteId}`, { kind: 'note', noteId });
  for (const [key] of heldProcessNotes.onlyHere()) {
    const sessionId = sessionOfProcessNoteKey(key);
    if (sessionId === null) places.set(`note:${key}`, { kind: 'note', noteId: key });
    else places.set(`session:${sessionId}`, { kind: 'session', sessionId });
  }
  for (const [planId] of heldPlans.onlyHere())
    places.set(`plan:${planId}`, { kind: 'plan', planId, clientId: heldPlanClients.get(planId) ?? null });
  return [...places.values()];
}

/**
 * How a note's held value relates to what the vault holds: `restore` when the vault is unchanged
 * since the change was made (the held value is the newer one), `choose` when a newer version was
 * saved since (both are shown), `none` when nothing is held.
 */
export function heldState<T>(
  held: Held<T> | undefined,
  savedUpdatedAt: string | null,
): 'none' | 'restore' | 'choose' {
  if (!held) return 'none';
  return held.basedOn === savedUpdatedAt ? 'restore' : 'choose';
}
