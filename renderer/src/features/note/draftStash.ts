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

/** Held values of one kind, by note id. */
export class HeldChanges<T> {
  readonly #entries = new Map<string, Held<T>>();
  /** By id, the change number of a value the vault keeps too. */
  readonly #inVault = new Map<string, number>();

  constructor() {
    everyHeld.push(this as HeldChanges<unknown>);
  }

  /** The value of change `change` of `id` is kept in the vault as well. */
  keptInVault(id: string, change: number): void {
    this.#inVault.set(id, change);
  }

  /**
   * Forgets the values the vault keeps (see dropHeldKeptInVault). Which changes it keeps stays
   * known (ids and numbers only), so an editor closing after the lock does not hold one again.
   */
  dropKeptInVault(): void {
    for (const [id, change] of this.#inVault)
      if (this.#entries.get(id)?.change === change) this.#entries.delete(id);
  }

  /**
   * Keeps a value unless a later change is already held. A change the vault keeps is not held
   * here (the window need not, and while locked must not, hold its text): an older one held for
   * the same id goes, so the vault's is the one offered back.
   */
  hold(id: string, entry: Held<T>): void {
    const current = this.#entries.get(id);
    if (current && current.change > entry.change) return;
    if (this.#inVault.get(id) === entry.change) {
      this.#entries.delete(id);
      return;
    }
    this.#entries.set(id, entry);
  }

  /** A value read back from the vault (its held draft), offered by the editor that opens next; dropped at lock. */
  fromVault(id: string, entry: Held<T>): void {
    this.#entries.set(id, entry);
    this.#inVault.set(id, entry.change);
  }

  get(id: string): Held<T> | undefined {
    return this.#entries.get(id);
  }

  /** A save of change `change` (or of a later one) supersedes what is held from before it. */
  saved(id: string, change: number): void {
    const current = this.#entries.get(id);
    if (current && current.change <= change) this.#entries.delete(id);
  }

  /** Forgets what is held for `id` (the user chose the saved version). */
  discard(id: string): void {
    this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }

  entries(): Array<[string, Held<T>]> {
    return [...this.#entries];
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

/** Whether anything is waiting to be saved. */
export function hasStashedDrafts(): boolean {
  return heldDrafts.size > 0 || heldProcessNotes.size > 0;
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
