import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../../renderer/src/data/summaryIndex';
import { clientFacts } from '../../../renderer/src/features/client/clientFacts';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';

const session = (id: string, startsAt: string): Session => ({
  id,
  clientId: 'client-1',
  startsAt,
  durationMinutes: 50,
  modality: 'in-person',
  attendance: 'attended',
});
const note = (sessionId: string, status: NoteSummary['status']) => ({ sessionId, status }) as NoteSummary;
const row = (id: string, startsAt: string, status?: NoteSummary['status']): SessionRow => ({
  session: session(id, startsAt),
  note: status ? note(id, status) : undefined,
});

describe('clientFacts', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it('counts sessions held, finds the latest held and the next one entered, and counts drafts', () => {
    const facts = clientFacts(
      [
        row('a', '2026-02-24T09:00:00.000Z', 'signed'),
        row('b', '2026-03-03T09:00:00.000Z', 'draft'),
        // Same instant as 11:00 UTC written with an offset: held, and later than b.
        row('c', '2026-03-10T13:00:00+02:00'),
        row('d', '2026-03-24T09:00:00.000Z'),
        row('e', '2026-03-17T09:00:00.000Z', 'draft'),
      ],
      now,
    );
    expect(facts).toEqual({
      held: 3,
      last: '2026-03-10T13:00:00+02:00',
      next: '2026-03-17T09:00:00.000Z',
      openDrafts: 2,
    });
  });

  it('says nothing held and nothing next for a client without sessions', () => {
    expect(clientFacts([], now)).toEqual({ held: 0, last: null, next: null, openDrafts: 0 });
  });
});
