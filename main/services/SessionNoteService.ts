import type { Note } from '../../shared/domain/noteSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import type { SessionNoteInput, StartedSessionNote } from '../../shared/ipc/contracts/sessionNoteContract';
import { AttuneError } from '../../shared/errors';
import type { NoteService } from './NoteService';
import { noteSummaries } from './noteSummaries';
import { kinds, type RecordStore } from './RecordStore';
import type { SessionService } from './SessionService';
import type { TemplateService } from './TemplateService';

export interface SessionNoteDeps {
  store: RecordStore;
  sessions: SessionService;
  notes: NoteService;
  templates: TemplateService;
}

/**
 * Starting a note in one step (Today's "New session note" and "Write note"): the session and
 * its draft in one call, the template chosen as the therapist last chose it for this client.
 * Clients have no template of their own, so "the client's usual template" is the one of the
 * note on the client's latest session that has one; a client without notes gets the first
 * template of the list (the practice's default, as the client page offers it).
 */
export class SessionNoteService {
  constructor(private readonly deps: SessionNoteDeps) {}

  /**
   * Records the session, then its note, as two queued writes: the template is checked first, so
   * the one failure left between them is the vault locking, which leaves a session without a note
   * that Today lists with "Write note".
   */
  async start(input: SessionNoteInput): Promise<StartedSessionNote> {
    const templateId = await this.templateFor(input.clientId);
    const previous = (await this.#clientSessions(input.clientId)).at(-1);
    const session = await this.deps.sessions.create({
      clientId: input.clientId,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes ?? previous?.durationMinutes ?? 50,
      modality: input.modality ?? previous?.modality ?? 'in-person',
      attendance: input.attendance ?? 'attended',
    });
    const note = await this.deps.notes.create(session.id, templateId);
    return { session, note };
  }

  /** The session's note if it has one, else a new draft with the client's usual template. */
  async open(sessionId: string): Promise<Note> {
    const session = await this.deps.sessions.require(sessionId);
    const existing = await this.#noteOf(sessionId);
    if (existing) return structuredClone(existing);
    try {
      return await this.deps.notes.create(sessionId, await this.templateFor(session.clientId));
    } catch (failure) {
      // Created meanwhile (a second click, another window): open that one.
      const made =
        failure instanceof AttuneError && failure.kind === 'conflict' && (await this.#noteOf(sessionId));
      if (made) return structuredClone(made);
      throw failure;
    }
  }

  /** The template of the client's latest note whose template still exists, else the first template. */
  async templateFor(clientId: string): Promise<string> {
    const sessions = await this.#clientSessions(clientId);
    const noteBySession = new Map<string, { templateId: string }>();
    for (const note of (await noteSummaries(this.deps.store)).values())
      if (note.clientId === clientId) noteBySession.set(note.sessionId, note);
    const templates = await this.deps.templates.list();
    const known = new Set(templates.map((t) => t.id));
    for (let i = sessions.length - 1; i >= 0; i -= 1) {
      const templateId = noteBySession.get(sessions[i]?.id ?? '')?.templateId;
      if (templateId && known.has(templateId)) return templateId;
    }
    const first = templates[0];
    if (!first)
      throw new AttuneError('not-found', 'There is no note template. Add one in Settings → Templates.');
    return first.id;
  }

  /** The client's sessions, earliest first (a `not-found` error if the client does not exist). */
  #clientSessions(clientId: string): Promise<Session[]> {
    return this.deps.sessions.list(clientId);
  }

  async #noteOf(sessionId: string): Promise<Note | undefined> {
    for (const note of (await noteSummaries(this.deps.store)).values())
      if (note.sessionId === sessionId) return this.deps.store.find<Note>(kinds.note, note.id);
    return undefined;
  }
}
