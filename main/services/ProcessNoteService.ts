import { type ProcessNote, processNoteSchema } from '../../shared/domain/processNoteSchema';
import { type Clock, isoNow } from './Clock';
import { AttuneError } from '../../shared/errors';
import { changedSinceMessage, type NoteService } from './NoteService';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore } from './RecordStore';

/**
 * Psychotherapy (process) notes: the therapist's private notes beside a progress note, stored as
 * records of their own kind (HIPAA 164.501). They are not part of the signed progress note, so
 * they stay editable, and they never reach search or the renderer's index.
 *
 * A process note takes its progress note's id as its own id (in its own record kind): at most
 * one per note by construction, found without decrypting the others.
 */
export class ProcessNoteService {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly notes: NoteService,
  ) {}

  /** The process note beside a progress note, or null if none was written. */
  async get(noteId: string): Promise<ProcessNote | null> {
    await this.notes.require(noteId);
    const found = await this.store.find<ProcessNote>(kinds.processNote, noteId);
    return found ? structuredClone(found) : null;
  }

  /**
   * Creates or replaces the process note beside a progress note. With `expectedUpdatedAt`, only
   * over that version (null: only if none exists yet); otherwise refused with `conflict`.
   */
  save(noteId: string, text: string, expectedUpdatedAt?: string | null): Promise<ProcessNote> {
    return this.store.write(async (writer) => {
      const note = await this.notes.require(noteId);
      const current = await this.store.find<ProcessNote>(kinds.processNote, noteId);
      const existed = current !== undefined;
      if (expectedUpdatedAt !== undefined && (current?.updatedAt ?? null) !== expectedUpdatedAt) {
        throw new AttuneError('conflict', changedSinceMessage);
      }
      const processNote = parseOrThrow(processNoteSchema, {
        id: noteId,
        noteId,
        sessionId: note.sessionId,
        clientId: note.clientId,
        text,
        updatedAt: isoNow(this.clock),
      });
      // Like drafts, later autosaves are not audited one by one; the creation is.
      const audit = existed
        ? undefined
        : { type: 'create' as const, detail: { kind: kinds.processNote, id: noteId } };
      await writer.put(kinds.processNote, noteId, processNote, audit);
      return structuredClone(processNote);
    });
  }
}
