import { type ProcessNote, processNoteSchema } from '../../shared/domain/processNoteSchema';
import type { Note } from '../../shared/domain/noteSchema';
import type { SessionProcessNote } from '../../shared/ipc/contracts/processNoteContract';
import { type Clock, isoNow } from './Clock';
import { AttuneError } from '../../shared/errors';
import { changedSinceMessage, type NoteService } from './NoteService';
import { noteSummaries } from './noteSummaries';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore, type Writer } from './RecordStore';
import type { SessionService } from './SessionService';

/**
 * Psychotherapy (process) notes: the therapist's private notes on a session, stored as records
 * of their own kind (HIPAA 164.501). They are not part of the signed progress note, so they
 * stay editable, and they never reach search or the renderer's index.
 *
 * One per session. Beside a progress note, a process note takes that note's id (in its own
 * record kind), found without decrypting the others; written for a session with no progress
 * note, it takes the session's id and `noteId` is null. A progress note written later shows the
 * session's process note rather than starting a second one.
 */
export class ProcessNoteService {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly notes: NoteService,
    private readonly sessions: SessionService,
  ) {}

  /** The process note of a progress note's session, or null if none was written. */
  async get(noteId: string): Promise<ProcessNote | null> {
    const note = await this.notes.require(noteId);
    const found = await this.#ofNote(note);
    return found ? structuredClone(found) : null;
  }

  /** The process note of a session, with or without a progress note, and that note's id. */
  async getForSession(sessionId: string): Promise<SessionProcessNote> {
    await this.sessions.require(sessionId);
    const note = await this.#noteOfSession(sessionId);
    const found = note ? await this.#ofNote(note) : await this.#find(sessionId);
    return { processNote: found ? structuredClone(found) : null, noteId: note?.id ?? null };
  }

  /**
   * Creates or replaces the process note of a progress note's session. With `expectedUpdatedAt`,
   * only over that version (null: only if none exists yet); otherwise refused with `conflict`.
   */
  save(noteId: string, text: string, expectedUpdatedAt?: string | null): Promise<ProcessNote> {
    return this.store.write(async (writer) => {
      const note = await this.notes.require(noteId);
      const current = await this.#ofNote(note);
      const target = current ?? { id: noteId, noteId, sessionId: note.sessionId, clientId: note.clientId };
      return this.#put(writer, target, current, text, expectedUpdatedAt);
    });
  }

  /** As `save`, for a session: beside its progress note if it has one, else on its own. */
  saveForSession(sessionId: string, text: string, expectedUpdatedAt?: string | null): Promise<ProcessNote> {
    return this.store.write(async (writer) => {
      const session = await this.sessions.require(sessionId);
      const note = await this.#noteOfSession(sessionId);
      const current = note ? await this.#ofNote(note) : await this.#find(sessionId);
      const target =
        current ??
        (note
          ? { id: note.id, noteId: note.id, sessionId, clientId: note.clientId }
          : { id: sessionId, noteId: null, sessionId, clientId: session.clientId });
      return this.#put(writer, target, current, text, expectedUpdatedAt);
    });
  }

  async #put(
    writer: Writer,
    target: Pick<ProcessNote, 'id' | 'noteId' | 'sessionId' | 'clientId'>,
    current: ProcessNote | undefined,
    text: string,
    expectedUpdatedAt: string | null | undefined,
  ): Promise<ProcessNote> {
    if (expectedUpdatedAt !== undefined && (current?.updatedAt ?? null) !== expectedUpdatedAt) {
      throw new AttuneError('conflict', changedSinceMessage);
    }
    const processNote = parseOrThrow(processNoteSchema, {
      id: target.id,
      noteId: target.noteId,
      sessionId: target.sessionId,
      clientId: target.clientId,
      text,
      updatedAt: isoNow(this.clock),
    });
    // Like drafts, later autosaves are not audited one by one; the creation is.
    const audit = current
      ? undefined
      : { type: 'create' as const, detail: { kind: kinds.processNote, id: target.id } };
    await writer.put(kinds.processNote, target.id, processNote, audit);
    return structuredClone(processNote);
  }

  /** Beside the note, else the one written for its session before the note existed. */
  async #ofNote(note: Note): Promise<ProcessNote | undefined> {
    return (await this.#find(note.id)) ?? (await this.#find(note.sessionId));
  }

  #find(id: string): Promise<ProcessNote | undefined> {
    return this.store.find<ProcessNote>(kinds.processNote, id);
  }

  /** Found through the summaries (kept per unlock), so one note is parsed, not every one. */
  async #noteOfSession(sessionId: string): Promise<Note | undefined> {
    for (const summary of (await noteSummaries(this.store)).values())
      if (summary.sessionId === sessionId) return this.store.find<Note>(kinds.note, summary.id);
    return undefined;
  }
}
