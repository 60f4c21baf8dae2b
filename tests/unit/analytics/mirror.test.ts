import { describe, expect, it } from 'vitest';
import { caseloadMirror, clientMirror } from '../../../shared/analytics/mirror';
import { episodeStatus } from '../../../shared/analytics/mirrorEpisodes';
import { rememberedCaseloadMirror, rememberedClientMirror } from '../../../shared/analytics/mirrorMemo';
import {
  agreementSentence,
  caseloadParticipationSentence,
  episodeSentence,
  outcomeSourceSentence,
  participationSentence,
  signedChange,
} from '../../../shared/analytics/mirrorWords';
import { outcomeScaleTotals } from '../../../shared/analytics/outcomeScaleTotals';
import { feedback, note, rupture, session } from './fixtures';

/**
 * Client M, worked by hand (feedback totals as the outcome; concern line 36, high rating 4):
 *
 * | session | ratings (mean)     | ruptures                 | feedback | participation |
 * |---------|--------------------|--------------------------|----------|---------------|
 * | m1 06/1 | 4 4 4 4 4 (4)      | –                        | 36       | 1             |
 * | m2 13/1 | 5 4 – 4 5 (4.5)    | resolved                 | 32       | 0             |
 * | m3 20/1 | no note            |                          |          |               |
 * | m4 27/1 | 3 3 3 3 3 (3)      | unresolved + resolved    | 30       | 2             |
 * | m5 03/2 | 2 3 – – – (2.5)    | –                        | 37       | 4             |
 * | m6 10/2 | 3 3 3 3 3 (3)      | no outcome               | 28       | 1             |
 * | m7 17/2 | none rated         | partial                  | 24       | 0             |
 *
 * Episodes: m2 resolved 32 → 30 (−2); m4 unresolved 30 → 37 (+7); m6 unrated 28 → 24 (−4);
 * m7 unresolved 24 → none. Agreement: m1 agree-good, m2 blind spot, m4 and m6 agree-concern,
 * m5 client-higher, m7 not compared. Participation halves: (1+0+2)/3 = 1.0, (4+1+0)/3 = 1.7.
 */
const clientM = {
  sessions: [
    session('m1', '2025-01-06T10:00:00Z', 'client-m'),
    session('m2', '2025-01-13T10:00:00Z', 'client-m'),
    session('m3', '2025-01-20T10:00:00Z', 'client-m'),
    session('m4', '2025-01-27T10:00:00Z', 'client-m'),
    session('m5', '2025-02-03T10:00:00Z', 'client-m'),
    session('m6', '2025-02-10T10:00:00Z', 'client-m'),
    session('m7', '2025-02-17T10:00:00Z', 'client-m'),
  ],
  notes: [
    note('m1', {
      clientId: 'client-m',
      ratings: [4, 4, 4, 4, 4],
      feedback: feedback(9, 9, 9, 9),
      participation: ['bodySensations'],
    }),
    note('m2', {
      clientId: 'client-m',
      ratings: [5, 4, null, 4, 5],
      ruptures: [rupture({ outcome: 'resolved' })],
      feedback: feedback(8, 8, 8, 8),
    }),
    note('m4', {
      clientId: 'client-m',
      ratings: [3, 3, 3, 3, 3],
      ruptures: [rupture({ id: 'x', outcome: 'unresolved' }), rupture({ id: 'y', outcome: 'resolved' })],
      feedback: feedback(7.5, 7.5, 7.5, 7.5),
      participation: ['namedFeelings', 'feedbackToTherapist'],
    }),
    note('m5', {
      clientId: 'client-m',
      ratings: [2, 3, null, null, null],
      feedback: feedback(9, 9, 9, 10),
      participation: ['bodySensations', 'namedFeelings', 'feedbackToTherapist', 'mindfulBreathing'],
    }),
    note('m6', {
      clientId: 'client-m',
      ratings: [3, 3, 3, 3, 3],
      ruptures: [rupture({ outcome: null })],
      feedback: feedback(7, 7, 7, 7),
      participation: ['bodySensations'],
    }),
    note('m7', {
      clientId: 'client-m',
      ruptures: [rupture({ outcome: 'partial' })],
      feedback: feedback(6, 6, 6, 6),
    }),
  ],
};

/** Client N: one resolved rupture at 30, then 34 the week after (+4). */
const clientN = {
  sessions: [
    session('n1', '2025-01-08T10:00:00Z', 'client-n'),
    session('n2', '2025-01-15T10:00:00Z', 'client-n'),
  ],
  notes: [
    note('n1', {
      clientId: 'client-n',
      ruptures: [rupture({ outcome: 'resolved' })],
      feedback: feedback(7.5, 7.5, 7.5, 7.5),
    }),
    note('n2', { clientId: 'client-n', feedback: feedback(8.5, 8.5, 8.5, 8.5) }),
  ],
};

describe('clientMirror', () => {
  it('places the rupture episodes on the outcome line and measures the change by the next session', () => {
    const m = clientMirror('client-m', clientM.sessions, clientM.notes);
    expect(m.outcomeSource).toBe('feedback');
    expect(m.outcomes.map((o) => [o.sessionId, o.value])).toEqual([
      ['m1', 36],
      ['m2', 32],
      ['m4', 30],
      ['m5', 37],
      ['m6', 28],
      ['m7', 24],
    ]);
    expect(m.episodes.map((e) => [e.sessionId, e.status, e.outcomeAt, e.outcomeNext, e.change])).toEqual([
      // m3, the next session, has no outcome: m4's, two sessions on, is not "by the next session".
      ['m2', 'resolved', 32, null, null],
      ['m4', 'unresolved', 30, 37, 7],
      ['m6', 'unrated', 28, 24, -4],
      ['m7', 'unresolved', 24, null, null],
    ]);
    expect(m.episodeGroups).toEqual({
      resolved: { episodes: 1, withChange: 0, meanChange: null, medianChange: null },
      unresolved: { episodes: 2, withChange: 1, meanChange: 7, medianChange: 7 },
      unrated: 1,
    });
  });

  it('reads the therapist’s ratings against the client’s feedback, the blind spot included', () => {
    const m = clientMirror('client-m', clientM.sessions, clientM.notes);
    expect(m.agreementPoints.map((p) => [p.sessionId, p.meanRating, p.feedbackTotal, p.reading])).toEqual([
      ['m1', 4, 36, 'agree-good'],
      ['m2', 4.5, 32, 'blind-spot'],
      ['m4', 3, 30, 'agree-concern'],
      ['m5', 2.5, 37, 'client-higher'],
      ['m6', 3, 28, 'agree-concern'],
    ]);
    expect(m.agreement).toEqual({
      highRatingLine: 4,
      concernLine: 36,
      compared: 5,
      counts: { 'agree-good': 1, 'agree-concern': 2, 'blind-spot': 1, 'client-higher': 1 },
      agreed: 3,
    });
  });

  it('follows the concern line it is given', () => {
    const m = clientMirror('client-m', clientM.sessions, clientM.notes, { concernLine: 31 });
    // m2 (32) is no longer low: a high rating and an acceptable total agree.
    expect(m.agreement.counts).toEqual({
      'agree-good': 2,
      'agree-concern': 2,
      'blind-spot': 0,
      'client-higher': 1,
    });
  });

  it('charts participation per noted session and compares the two halves', () => {
    const m = clientMirror('client-m', clientM.sessions, clientM.notes);
    expect(m.participation.map((p) => [p.sessionId, p.count])).toEqual([
      ['m1', 1],
      ['m2', 0],
      ['m4', 2],
      ['m5', 4],
      ['m6', 1],
      ['m7', 0],
    ]);
    expect(m.participationHalves).toEqual({
      firstSessions: 3,
      secondSessions: 3,
      firstMean: 1,
      secondMean: 1.7,
    });
  });

  it('uses the outcome scale where the client has one, and only it', () => {
    const totals = new Map([
      ['m1', 20],
      ['m3', 22],
      ['m4', 26],
    ]);
    const m = clientMirror('client-m', clientM.sessions, clientM.notes, { outcomeTotals: totals });
    expect(m.outcomeSource).toBe('outcome-scale');
    expect(m.outcomes.map((o) => o.value)).toEqual([20, 22, 26]);
    // m2: the last value before it is m1's 20, the next is m3's 22.
    expect(m.episodes.map((e) => [e.sessionId, e.outcomeAt, e.outcomeNext, e.change])).toEqual([
      ['m2', 20, 22, 2],
      // m5 has no outcome: nothing by the next session; m6 and m7 have none beside them.
      ['m4', 26, null, null],
      ['m6', null, null, null],
      ['m7', null, null, null],
    ]);
    // The agreement is always with the session feedback.
    expect(m.agreement.compared).toBe(5);
    // Totals for other clients' sessions do not switch this client's source.
    const other = clientMirror('client-m', clientM.sessions, clientM.notes, {
      outcomeTotals: new Map([['n1', 30]]),
    });
    expect(other.outcomeSource).toBe('feedback');
  });

  it('keeps to the date range', () => {
    const m = clientMirror('client-m', clientM.sessions, clientM.notes, { range: { from: '2025-02-01' } });
    expect(m.range).toEqual({ from: '2025-02-01', to: null });
    expect(m.episodes.map((e) => [e.sessionId, e.outcomeAt])).toEqual([
      ['m6', 28],
      ['m7', 24],
    ]);
    expect(m.participation).toHaveLength(3);
  });
});

describe('episodeStatus', () => {
  it('calls an episode resolved only when every rupture in it was resolved', () => {
    expect(episodeStatus([{ outcome: 'resolved' }, { outcome: 'resolved' }])).toBe('resolved');
    expect(episodeStatus([{ outcome: 'resolved' }, { outcome: 'partial' }])).toBe('unresolved');
    expect(episodeStatus([{ outcome: null }, { outcome: 'unresolved' }])).toBe('unresolved');
    expect(episodeStatus([{ outcome: 'resolved' }, { outcome: null }])).toBe('unrated');
    expect(episodeStatus([])).toBe('unrated');
  });
});

describe('caseloadMirror', () => {
  const sessions = [...clientN.sessions, ...clientM.sessions];
  const notes = [...clientM.notes, ...clientN.notes];

  it('pools every client’s episodes, each change measured within its own client', () => {
    const c = caseloadMirror(sessions, notes);
    expect(c.clients).toBe(2);
    expect(c.outcomeSources).toEqual({ 'outcome-scale': 0, feedback: 2 });
    // Resolved: n1 +4 (m2's next session has no outcome).
    expect(c.episodeGroups).toEqual({
      resolved: { episodes: 2, withChange: 1, meanChange: 4, medianChange: 4 },
      unresolved: { episodes: 2, withChange: 1, meanChange: 7, medianChange: 7 },
      unrated: 1,
    });
    expect(c.perClient.map((p) => [p.clientId, p.episodeGroups.resolved.episodes])).toEqual([
      ['client-m', 1],
      ['client-n', 1],
    ]);
    // n's sessions have feedback but no ratings: only M's five sessions are compared.
    expect(c.agreement.compared).toBe(5);
    expect(c.agreement.counts['blind-spot']).toBe(1);
  });

  it('gives participation by month across the caseload', () => {
    const c = caseloadMirror(sessions, notes);
    expect(c.participationByMonth.map((m) => [m.month, m.notes, m.meanItems])).toEqual([
      // January: m1 1, m2 0, m4 2, n1 0, n2 0 → 3 / 5 = 0.6.
      ['2025-01', 5, 0.6],
      // February: m5 4, m6 1, m7 0 → 5 / 3 = 1.7.
      ['2025-02', 3, 1.7],
    ]);
    expect(c.participationByMonth[0]!.items).toEqual({
      bodySensations: 1,
      namedFeelings: 1,
      feedbackToTherapist: 1,
      mindfulBreathing: 0,
    });
  });
});

describe('remembered mirrors', () => {
  it('compute once per change of the summaries, options or outcome totals', () => {
    const a = rememberedClientMirror('client-m', clientM.sessions, clientM.notes, { concernLine: 36 });
    expect(rememberedClientMirror('client-m', clientM.sessions, clientM.notes, { concernLine: 36 })).toBe(a);
    expect(rememberedClientMirror('client-m', clientM.sessions, clientM.notes, { concernLine: 30 })).not.toBe(
      a,
    );
    const totals = new Map([['m1', 20]]);
    const b = rememberedClientMirror('client-m', clientM.sessions, clientM.notes, {
      concernLine: 36,
      outcomeTotals: totals,
    });
    expect(b).not.toBe(a);
    expect(b.outcomeSource).toBe('outcome-scale');
    // Another map with other values is another input, even though every Map's JSON is "{}".
    const c = rememberedClientMirror('client-m', clientM.sessions, clientM.notes, {
      concernLine: 36,
      outcomeTotals: new Map([['m4', 10]]),
    });
    expect(c.outcomes.map((o) => o.value)).toEqual([10]);
    const all = rememberedCaseloadMirror(clientM.sessions, clientM.notes);
    expect(rememberedCaseloadMirror(clientM.sessions, clientM.notes)).toBe(all);
  });
});

describe('the mirror in words', () => {
  it('says every mean with its count, small numbers as small, and association not cause', () => {
    const m = clientMirror('client-m', clientM.sessions, clientM.notes);
    expect(episodeSentence(m.episodeGroups)).toBe(
      'After 1 resolved rupture episode, none has an outcome before and after to compare; after 2 rupture episodes not fully resolved (1 with an outcome before and after), the outcome changed by +7.0 on average by the next session. 1 episode without a recorded outcome for every rupture is left out. These are few episodes: read the difference as a prompt for reflection, not a finding. It is an association, not a cause.',
    );
    expect(agreementSentence(m.agreement)).toBe(
      'In 5 sessions with both your ratings and complete client feedback, you and the client agreed in 3 (both good: 1; both below: 2). In 1 session you rated attunement 4 or higher while the client’s feedback fell under the concern line of 36: a possible self-rating blind spot, worth a second look. In 1 the client rated the session better than your ratings did. That is a small number of sessions.',
    );
    expect(participationSentence(m.participationHalves)).toBe(
      'Over 6 noted sessions the client did 1.0 of the four participation items per session on average in the first half and 1.7 in the second. Few sessions: a direction, not a trend.',
    );
    expect(outcomeSourceSentence(m.outcomeSource)).toMatch(/session feedback total \(0–40\) stands in/);
    expect(outcomeSourceSentence({ 'outcome-scale': 1, feedback: 2 })).toBe(
      'The outcome is the outcome scale total for 1 client and, where none is entered, the session feedback total for 2 clients (both 0–40).',
    );
  });

  it('says “not fully resolved” for the group it counts, never “unresolved” for a partial repair', () => {
    // m7's one rupture was partially resolved: the episode is not fully resolved, yet nothing in
    // it was unresolved, and the rupture timeline beside the mirror counts it as "partially resolved".
    const partialOnly = clientMirror('client-m', clientM.sessions, clientM.notes, {
      range: { from: '2025-02-17' },
    });
    expect(partialOnly.episodeGroups.unresolved.episodes).toBe(1);
    const words = episodeSentence(partialOnly.episodeGroups);
    expect(words).toContain('after 1 rupture episode not fully resolved');
    expect(words).not.toMatch(/unresolved/i);
    // With no such episode, the words still name the group by what it counts.
    const resolvedOnly = clientMirror('client-m', clientM.sessions, clientM.notes, {
      range: { to: '2025-01-20' },
    });
    expect(episodeSentence(resolvedOnly.episodeGroups)).toMatch(
      /^After 1 resolved rupture episode, .*; there was no rupture episode that was not fully resolved\./,
    );
  });

  it('says plainly when there is nothing to compare', () => {
    const m = clientMirror('nobody', clientM.sessions, clientM.notes);
    expect(episodeSentence(m.episodeGroups)).toBe(
      'No rupture is recorded in this range, so there is nothing to compare.',
    );
    expect(agreementSentence(m.agreement)).toMatch(/^No session in this range has both/);
    expect(participationSentence(m.participationHalves)).toBe('No session with a note in this range.');
    expect(signedChange(0)).toBe('0.0');
  });

  it('compares the caseload’s earlier and later noted sessions, all clients together', () => {
    const c = caseloadMirror(
      [...clientM.sessions, ...clientN.sessions],
      [...clientM.notes, ...clientN.notes],
    );
    // By date: m1 1, n1 0, m2 0, n2 0 | m4 2, m5 4, m6 1, m7 0 → 0.3 and 1.8.
    expect(c.participationHalves).toEqual({
      firstSessions: 4,
      secondSessions: 4,
      firstMean: 0.3,
      secondMean: 1.8,
    });
    expect(caseloadParticipationSentence(c.participationHalves)).toBe(
      'Across your caseload, clients did 0.3 of the four participation items per noted session on average in the earlier half of the 8 noted sessions and 1.8 in the later half (by date, all clients together). Few sessions: a direction, not a trend.',
    );
  });
});

describe('outcomeScaleTotals', () => {
  const lines = (o: number) => ({ individually: 5, interpersonally: 5, socially: 5, overall: o });
  it('takes complete outcome ratings only, the latest of a session', () => {
    const totals = outcomeScaleTotals([
      { sessionId: 's1', instrument: 'outcome', answers: lines(5), updatedAt: '2025-01-01T10:00:00Z' },
      { sessionId: 's1', instrument: 'outcome', answers: lines(9), updatedAt: '2025-01-02T10:00:00Z' },
      {
        sessionId: 's2',
        instrument: 'outcome',
        answers: { ...lines(5), overall: null },
        updatedAt: '2025-01-02T10:00:00Z',
      },
      {
        sessionId: 's3',
        instrument: 'phq9',
        answers: { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1, q8: 1, q9: 0, difficulty: null },
        updatedAt: '2025-01-02T10:00:00Z',
      },
    ]);
    expect([...totals]).toEqual([['s1', 24]]);
  });
});
