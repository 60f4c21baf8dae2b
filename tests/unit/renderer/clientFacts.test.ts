import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../../renderer/src/data/summaryIndex';
import { caseloadFacts, clientFacts } from '../../../renderer/src/features/client/clientFacts';
import { sessionStanding } from '../../../shared/analytics/notesBySession';
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
const row = (
  id: string,
  startsAt: string,
  status?: NoteSummary['status'],
  attendance: Session['attendance'] = 'attended',
): SessionRow => ({
  session: { ...session(id, startsAt), attendance },
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

  it('counts neither a cancelled nor a missed session, and never calls one the last or the next', () => {
    const facts = clientFacts(
      [
        row('a', '2026-02-24T09:00:00.000Z', 'signed'),
        row('b', '2026-03-03T09:00:00.000Z', undefined, 'cancelled'),
        row('c', '2026-03-09T09:00:00.000Z', undefined, 'no-show'),
        row('d', '2026-03-10T11:30:00.000Z', undefined, 'late-cancel'),
        row('e', '2026-03-12T09:00:00.000Z', undefined, 'cancelled'),
        row('f', '2026-03-17T09:00:00.000Z'),
      ],
      now,
    );
    expect(facts).toMatchObject({
      held: 1,
      last: '2026-02-24T09:00:00.000Z',
      next: '2026-03-17T09:00:00.000Z',
    });
  });

  it('counts a session later today as held once its note is signed, not as the next', () => {
    const rows = [
      row('a', '2026-03-03T09:00:00.000Z', 'signed'),
      row('b', '2026-03-10T15:00:00.000Z', 'signed'),
    ];
    expect(clientFacts(rows, now)).toMatchObject({ held: 2, last: '2026-03-10T15:00:00.000Z', next: null });
    // A draft written ahead does not make it held.
    expect(
      sessionStanding(session('c', '2026-03-10T15:00:00.000Z'), { status: 'draft' }, now.getTime()),
    ).toBe('to-come');
  });

  it('gives the client list the same facts as each client’s page', () => {
    const mine = [
      row('a', '2026-02-24T09:00:00.000Z', 'signed'),
      row('b', '2026-03-03T09:00:00.000Z', 'draft', 'no-show'),
      row('c', '2026-03-24T09:00:00.000Z'),
    ];
    const theirs = [
      {
        ...row('d', '2026-03-01T09:00:00.000Z'),
        session: { ...session('d', '2026-03-01T09:00:00.000Z'), clientId: 'client-2' },
      },
    ];
    const all = [...mine, ...theirs];
    const list = caseloadFacts(
      all.map((r) => r.session),
      all.flatMap((r) => (r.note ? [r.note] : [])),
      now,
    );
    expect(list.get('client-1')).toEqual(clientFacts(mine, now));
    expect(list.get('client-2')).toEqual(clientFacts(theirs, now));
    expect(list.get('client-1')).toEqual({
      held: 1,
      last: '2026-02-24T09:00:00.000Z',
      next: '2026-03-24T09:00:00.000Z',
      openDrafts: 1,
    });
  });
});
