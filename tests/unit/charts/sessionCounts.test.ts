import { describe, expect, it } from 'vitest';
import { overviewSummary } from '../../../renderer/src/features/charts/caseloadSummaries';
import { timelineSummary } from '../../../renderer/src/features/charts/clientSummaries';
import { clientFacts } from '../../../renderer/src/features/client/clientFacts';
import { caseloadMetrics, clientMetrics } from '../../../shared/analytics';
import { countingMinute } from '../../../shared/analytics/clientMetrics';
import { caseloadMirror, clientMirror } from '../../../shared/analytics/mirror';
import { note, rupture, session } from '../analytics/fixtures';

/**
 * The Patterns charts and the client's header count the same sessions (an outside walk found
 * "Sessions 27" over "30 sessions (30 with notes)"): the charts draw from sessions that took
 * place, and say how many cancelled or missed sessions they leave out.
 */
const held = [1, 2, 3, 4].map((day) => session(`s${day}`, `2025-01-0${day}T10:00:00Z`));
const notHeld = [
  session('c1', '2025-01-05T10:00:00Z', 'client-a', { attendance: 'cancelled' }),
  session('c2', '2025-01-06T10:00:00Z', 'client-a', { attendance: 'late-cancel' }),
  session('c3', '2025-01-07T10:00:00Z', 'client-a', { attendance: 'no-show' }),
];
const sessions = [...held, ...notHeld];
// Every session has a note, the three not held with a line on the absence (no ratings, nothing done).
const notes = [
  note('s1', {
    ratings: [4, 4, 4, 4, 4],
    participation: ['namedFeelings'],
    ruptures: [rupture({ id: 'r1' })],
  }),
  note('s2', { ratings: [3, 3, 3, 3, 3], participation: ['namedFeelings'] }),
  note('s3', { ratings: [4, 3, 4, 3, 4], participation: ['namedFeelings'] }),
  note('s4', { ratings: [5, 4, 5, 4, 5], participation: ['namedFeelings'] }),
  note('c1'),
  note('c2'),
  note('c3'),
];

describe('the charts count the sessions the client header counts', () => {
  const m = clientMetrics('client-a', sessions, notes);
  const facts = clientFacts(
    sessions.map((s) => ({ session: s, note: notes.find((n) => n.sessionId === s.id) })),
    new Date('2025-02-01T00:00:00Z'),
  );

  it('the same number of sessions as the header, with the notes of those sessions', () => {
    expect(facts.held).toBe(4);
    expect(m.sessionCount).toBe(facts.held);
    expect(m.notedSessionCount).toBe(4);
    expect(m.sessionsNotHeld).toBe(3);
    expect(m.sessions.map((s) => s.sessionId)).toEqual(['s1', 's2', 's3', 's4']);
  });

  it('rates over the sessions that took place: a missed session is not a session without feelings named', () => {
    expect(m.participationRates.namedFeelings).toEqual({ sessions: 4, rate: 1 });
    expect(m.ruptureRatePerSession).toBe(1 / 4);
  });

  it('says what is left out', () => {
    expect(timelineSummary(m, '')).toMatch(
      /^4 sessions \(4 with notes; 3 cancelled or missed not counted\), 1 rupture /,
    );
    const none = clientMetrics('client-a', notHeld, notes);
    expect(timelineSummary(none, '')).toBe('No sessions held (3 cancelled or missed).');
    expect(timelineSummary(clientMetrics('client-a', held, notes), '')).toMatch(
      /^4 sessions \(4 with notes\), /,
    );
  });

  it('the caseload too', () => {
    const c = caseloadMetrics(sessions, notes);
    expect(c.totals.sessions).toBe(4);
    expect(c.totals.notes).toBe(4);
    expect(c.sessionsNotHeld).toBe(3);
    expect(overviewSummary(c, '')).toMatch(
      /^4 sessions \(4 with notes; 3 cancelled or missed not counted\) across 1 client; /,
    );
  });
});

describe('a session still to come is counted nowhere until it has started, as in the header', () => {
  // Booked for the week after `now`: attended is the default outcome a booking carries.
  const now = '2025-02-01T00:00:00.000Z';
  const booked = session('b1', '2025-02-08T10:00:00Z');
  const signedEarly = session('b2', '2025-02-09T10:00:00Z');
  const withBooked = [...sessions, booked, signedEarly];
  const withSigned = [
    ...notes,
    { ...note('b2'), status: 'signed' as const, signedAt: '2025-01-31T12:00:00.000Z' },
  ];
  const facts = clientFacts(
    withBooked.map((s) => ({ session: s, note: withSigned.find((n) => n.sessionId === s.id) })),
    new Date(now),
  );

  it('the client charts: neither held nor "cancelled or missed"; a signed note says it took place', () => {
    const m = clientMetrics('client-a', withBooked, withSigned, { now });
    expect(facts.held).toBe(5);
    expect(m.sessionCount).toBe(facts.held);
    expect(m.sessions.map((s) => s.sessionId)).toEqual(['s1', 's2', 's3', 's4', 'b2']);
    expect(m.sessionsNotHeld).toBe(3);
  });

  it('the caseload too, and both once the session has started', () => {
    expect(caseloadMetrics(withBooked, withSigned, { now }).totals.sessions).toBe(5);
    expect(caseloadMetrics(withBooked, withSigned, { now }).sessionsNotHeld).toBe(3);
    const later = '2025-02-08T10:00:00.000Z';
    expect(clientMetrics('client-a', withBooked, withSigned, { now: later }).sessionCount).toBe(6);
    expect(caseloadMetrics(withBooked, withSigned, { now: later }).totals.sessions).toBe(6);
  });

  it('counts as of the current minute unless told', () => {
    expect(countingMinute(new Date('2025-02-01T10:07:31.250Z'))).toBe('2025-02-01T10:07:00.000Z');
    expect(() => clientMetrics('client-a', withBooked, withSigned, { now: 'soon' })).toThrow(RangeError);
  });
});

describe('the mirror reads the same sessions (attune report said "18 sessions" over "the 24 noted sessions")', () => {
  const now = '2025-02-01T00:00:00.000Z';

  it("a client's: participation over the sessions held, a rupture's next session the next one held", () => {
    const m = clientMirror('client-a', sessions, notes, { now });
    expect(m.participation.map((p) => p.sessionId)).toEqual(['s1', 's2', 's3', 's4']);
    expect(m.participationHalves).toMatchObject({ firstSessions: 2, secondSessions: 2 });
    expect(m.episodes.map((e) => e.sessionId)).toEqual(['s1']);
  });

  it("the caseload's, and a session still to come is not read either", () => {
    const booked = session('b1', '2025-02-08T10:00:00Z');
    const c = caseloadMirror([...sessions, booked], [...notes, note('b1')], { now });
    const halves = c.participationHalves;
    expect(halves.firstSessions + halves.secondSessions).toBe(4);
    expect(c.participationByMonth.reduce((n, month) => n + month.notes, 0)).toBe(4);
  });
});
