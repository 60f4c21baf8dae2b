import { AttuneError } from '../../shared/errors';
import type { HeldDraft } from '../../shared/ipc/contract';
import type { Clock } from './Clock';
import { isoNow } from './Clock';
import { kinds, type RecordStore, type Writer } from './RecordStore';

/** What a held draft is a draft of: a progress note or a treatment plan version. */
export type HeldDraftOf = 'note' | 'plan';

/**
 * A held draft as the vault keeps it: a draft that could not be saved because it is not valid
 * yet (a repair minute before its rupture's, a goal without its text), with the saved version it
 * was made on.
 */
interface HeldDraftRecord extends HeldDraft {
  of: HeldDraftOf;
  /** The note's or the plan version's id. */
  target: string;
}

/** A draft this large is not held in the vault (the editor keeps it in memory); far above any real one. */
export const MAX_HELD_DRAFT_BYTES = 8 * 1024 * 1024;
/** A draft's bounds beside its size: nesting and parts, far above a note's (a few levels, hundreds of parts). */
const MAX_DEPTH = 16;
const MAX_PARTS = 100_000;

const tooLarge = () =>
  new AttuneError(
    'invalid-input',
    'This draft is too large to keep in the vault while it cannot be saved; it stays open in the editor. Fix the problems shown so it can be saved.',
  );

/**
 * Whether `value` is JSON data of a draft's shape within the bounds: checked before it is
 * serialised, so a renderer cannot make main walk a huge or deeply nested object (or overflow
 * the stack) before the size is known.
 */
function withinBounds(value: unknown): boolean {
  let parts = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: next, depth } = stack.pop() as { value: unknown; depth: number };
    if (++parts > MAX_PARTS || depth > MAX_DEPTH) return false;
    if (next === null || typeof next !== 'object') continue;
    for (const child of Object.values(next)) stack.push({ value: child, depth: depth + 1 });
  }
  return true;
}

/**
 * Drafts that could not be saved (not valid yet), kept encrypted in the vault until the note or
 * plan is saved, signed or the writer keeps the saved version, so a crash, a reload or quitting
 * never loses what was typed while one field was wrong. Each computer keeps its own (the record's
 * id names what it is a draft of and this computer), so two computers never write the same
 * record, and a draft held on one is offered only there. Records of their own kind: nothing that
 * lists, searches, exports or charts notes and plans reads them; backups keep them like every
 * record.
 */
export class HeldDraftStore {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    /** A short id of this computer, stable across unlocks (16 hex digits of its device id). */
    private readonly computer: () => Promise<string>,
  ) {}

  async #id(of: HeldDraftOf, target: string): Promise<string> {
    return `${of}-${target}-${await this.computer()}`;
  }

  /** This computer's held draft of the note or plan, if any. */
  async find(of: HeldDraftOf, target: string): Promise<HeldDraft | null> {
    const record = await this.store.find<HeldDraftRecord>(kinds.heldDraft, await this.#id(of, target));
    if (!record || record.of !== of || record.target !== target) return null;
    return { draft: record.draft, basedOn: record.basedOn, heldAt: record.heldAt };
  }

  /** Keeps `draft` (replacing what was held); refuses one too large. Answers when it was held. */
  async put(
    writer: Writer,
    of: HeldDraftOf,
    target: string,
    draft: Record<string, unknown>,
    basedOn: string | null,
  ): Promise<string> {
    const heldAt = isoNow(this.clock);
    const record: HeldDraftRecord = { of, target, draft, basedOn, heldAt };
    if (!withinBounds(draft) || Buffer.byteLength(JSON.stringify(record), 'utf8') > MAX_HELD_DRAFT_BYTES) {
      throw tooLarge();
    }
    await writer.put(kinds.heldDraft, await this.#id(of, target), record);
    return heldAt;
  }

  /** Removes this computer's held draft of the note or plan, if there is one (in the caller's write). */
  clear(writer: Writer, of: HeldDraftOf, target: string): Promise<void> {
    return this.#remove(writer, of, target, () => true);
  }

  /**
   * Removes the held draft a save supersedes: one made on the version this save replaces
   * (`savedOver`), so the save comes from the editor that held it, on top of it. A save from
   * elsewhere (another window, on another version, or naming none) leaves it: the editor then
   * shows both and the writer chooses.
   */
  async clearSuperseded(
    writer: Writer,
    of: HeldDraftOf,
    target: string,
    savedOver: string | undefined,
  ): Promise<void> {
    if (savedOver !== undefined) await this.#remove(writer, of, target, (held) => held.basedOn === savedOver);
  }

  async #remove(
    writer: Writer,
    of: HeldDraftOf,
    target: string,
    when: (held: HeldDraftRecord) => boolean,
  ): Promise<void> {
    const id = await this.#id(of, target);
    const record = await this.store.find<HeldDraftRecord>(kinds.heldDraft, id);
    if (record && when(record)) await writer.delete(kinds.heldDraft, id);
  }
}
