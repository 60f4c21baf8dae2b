import { AttuneError } from '../../shared/errors';
import type { HeldDraft } from '../../shared/ipc/contract';
import type { Clock } from './Clock';
import { isoNow } from './Clock';
import { kinds, type RecordStore, type Writer } from './RecordStore';

/**
 * A held draft as the vault keeps it: a note's draft that could not be saved because it is not
 * valid yet (a repair minute before its rupture's, say), with the saved version it was made on.
 */
interface HeldDraftRecord extends HeldDraft {
  noteId: string;
}

/** A draft this large is not held in the vault (the editor keeps it in memory); far above any real note. */
export const MAX_HELD_DRAFT_BYTES = 8 * 1024 * 1024;

/**
 * Drafts that could not be saved as notes, kept encrypted in the vault until the note is saved,
 * signed or the writer chooses the saved version, so a crash, a reload or quitting never loses
 * what was typed while one field was wrong. Each computer keeps its own (the record's id is the
 * note's id and this computer's), so two computers never write the same record and a draft held
 * on one is offered only there. Records of their own kind: nothing that lists, searches, exports
 * or charts notes reads them; backups keep them like every record.
 */
export class HeldDraftStore {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    /** A short id of this computer, stable across unlocks (16 hex digits of its device id). */
    private readonly computer: () => Promise<string>,
  ) {}

  async #id(noteId: string): Promise<string> {
    return `${noteId}-${await this.computer()}`;
  }

  /** This computer's held draft of the note, if any. */
  async find(noteId: string): Promise<HeldDraft | null> {
    const record = await this.store.find<HeldDraftRecord>(kinds.heldDraft, await this.#id(noteId));
    if (!record || record.noteId !== noteId) return null;
    return { draft: record.draft, basedOn: record.basedOn, heldAt: record.heldAt };
  }

  /** Keeps `draft` for the note (replacing what was held); when it is too large, refuses. */
  async put(
    writer: Writer,
    noteId: string,
    draft: Record<string, unknown>,
    basedOn: string | null,
  ): Promise<string> {
    const heldAt = isoNow(this.clock);
    const record: HeldDraftRecord = { noteId, draft, basedOn, heldAt };
    if (Buffer.byteLength(JSON.stringify(record), 'utf8') > MAX_HELD_DRAFT_BYTES) {
      throw new AttuneError(
        'invalid-input',
        'This draft is too large to keep in the vault while it cannot be saved; it stays open in the editor. Fix the problems shown so the note can be saved.',
      );
    }
    await writer.put(kinds.heldDraft, await this.#id(noteId), record);
    return heldAt;
  }

  /** Removes this computer's held draft of the note, if there is one (in the caller's write). */
  async clear(writer: Writer, noteId: string): Promise<void> {
    const id = await this.#id(noteId);
    if (await this.store.find(kinds.heldDraft, id)) await writer.delete(kinds.heldDraft, id);
  }
}
