import { randomUUID } from 'node:crypto';
import type { MeasureSaveInput } from '../../shared/ipc/contracts/measureContract';
import { AttuneError } from '../../shared/errors';
import { type Measure, measureSchema, measureStatusOf } from '../../shared/measures/measureSchema';
import { type Clock, isoNow } from './Clock';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore } from './RecordStore';
import type { SessionService } from './SessionService';

const changedMessage =
  'This measure was saved again elsewhere after these answers were entered, so they were not saved over it. Close the form and open it again to see the saved answers.';

/**
 * Outcome measures given at sessions. They belong to the session, not to its note, so they stay
 * editable after the note is signed; a session holds at most one of each instrument.
 */
export class MeasureService {
  constructor(
    private readonly store: RecordStore,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
  ) {}

  /** Every measure of the vault, earliest administration first. */
  async all(): Promise<Measure[]> {
    const all = await this.store.all<Measure>(kinds.measure);
    return [...all.values()].sort(byAdministered).map((m) => structuredClone(m));
  }

  /** A client's measures, earliest administration first. */
  async list(clientId: string): Promise<Measure[]> {
    return (await this.all()).filter((m) => m.clientId === clientId);
  }

  /** Creates or replaces the session's measure of `input.instrument`. */
  save(input: MeasureSaveInput): Promise<Measure> {
    return this.store.write(async (writer) => {
      const session = await this.sessions.require(input.sessionId);
      const all = await this.store.all<Measure>(kinds.measure);
      const current = [...all.values()].find(
        (m) => m.sessionId === input.sessionId && m.instrument === input.instrument,
      );
      if (input.expectedUpdatedAt !== undefined && (current?.updatedAt ?? null) !== input.expectedUpdatedAt) {
        throw new AttuneError('conflict', changedMessage);
      }
      const measure = parseOrThrow(measureSchema, {
        id: current?.id ?? randomUUID(),
        clientId: session.clientId,
        sessionId: session.id,
        instrument: input.instrument,
        answers: input.answers,
        status: measureStatusOf(input.instrument, input.answers, input.allowPartial),
        administeredAt: input.administeredAt ?? current?.administeredAt ?? session.startsAt,
        enteredBy: input.enteredBy ?? 'therapist',
        updatedAt: isoNow(this.clock),
      });
      await writer.put(kinds.measure, measure.id, measure, {
        type: current ? 'update' : 'create',
        detail: { kind: kinds.measure, id: measure.id },
      });
      return structuredClone(measure);
    });
  }

  /** Removes a measure entered by mistake. */
  delete(id: string): Promise<null> {
    return this.store.write(async (writer) => {
      const current = await this.store.find<Measure>(kinds.measure, id);
      if (!current) {
        throw new AttuneError(
          'not-found',
          'This measure no longer exists in the vault. Reload the client’s page.',
        );
      }
      await writer.delete(kinds.measure, id, { type: 'delete', detail: { kind: kinds.measure, id } });
      return null;
    });
  }
}

function byAdministered(a: Measure, b: Measure): number {
  return (
    Date.parse(a.administeredAt) - Date.parse(b.administeredAt) ||
    (a.instrument < b.instrument ? -1 : a.instrument > b.instrument ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
