import { randomUUID } from 'node:crypto';
import { type Session, sessionSchema } from '../../shared/domain/sessionSchema';
import type { SessionInput } from '../../shared/ipc/contract';
import { AttuneError } from '../../shared/errors';
import type { ClientService } from './ClientService';
import { noteSummaries } from './noteSummaries';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore } from './RecordStore';

/** Therapy sessions of a client. */
export class SessionService {
  constructor(
    private readonly store: RecordStore,
    private readonly clients: ClientService,
  ) {}

  /** A client's sessions, earliest first. */
  async list(clientId: string): Promise<Session[]> {
    await this.clients.require(clientId);
    const all = await this.store.all<Session>(kinds.session);
    return [...all.values()]
      .filter((s) => s.clientId === clientId)
      .sort(byStart)
      .map((s) => structuredClone(s));
  }

  /** The stored session, or a `not-found` error. */
  async require(id: string): Promise<Session> {
    const session = await this.store.find<Session>(kinds.session, id);
    if (!session) {
      throw new AttuneError(
        'not-found',
        'This session no longer exists in the vault. Reload the client’s page.',
      );
    }
    return session;
  }

  create(input: SessionInput): Promise<Session> {
    return this.store.write(async (writer) => {
      await this.clients.require(input.clientId);
      const session = parseOrThrow(sessionSchema, { ...input, id: randomUUID() });
      await writer.put(kinds.session, session.id, session, {
        type: 'create',
        detail: { kind: kinds.session, id: session.id },
      });
      return structuredClone(session);
    });
  }

  /**
   * Date, duration, modality and attendance can change; the client cannot. Once the session's
   * note is signed the session is part of a final record, so it cannot change either.
   */
  update(id: string, changes: Partial<Omit<SessionInput, 'clientId'>>): Promise<Session> {
    return this.store.write(async (writer) => {
      const current = await this.require(id);
      for (const note of (await noteSummaries(this.store)).values()) {
        if (note.sessionId === id && note.status === 'signed') {
          throw new AttuneError(
            'read-only',
            "This session's note is signed, so the session can't be changed; add an addendum to the note instead.",
          );
        }
      }
      const session = parseOrThrow(sessionSchema, { ...current, ...changes, id, clientId: current.clientId });
      await writer.put(kinds.session, id, session, { type: 'update', detail: { kind: kinds.session, id } });
      return structuredClone(session);
    });
  }
}

function byStart(a: Session, b: Session): number {
  return Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
