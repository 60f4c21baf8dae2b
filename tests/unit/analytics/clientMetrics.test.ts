import { describe, expect, it } from 'vitest';
import { clientMetrics } from '../../../shared/analytics';
import { dimensionIds } from '../../../shared/domain';
import { clientA, clientB, hasNonFinite, note, rupture, session } from './fixtures';

const all = {
  sessions: [...clientA.sessions, ...clientB.sessions],
  notes: [...clientA.notes, ...clientB.notes],
};
const metricsA = (options = {}) => clientMetrics('client-a', all.sessions, all.notes, options);

describe('client metrics: the worked example (client A, see fixtures.ts)', () => {
  const m = metricsA();

  it('keeps only the client’s sessions, in order', () => {
    expect(m.sessions.map((s) => s.sessionId)).toEqual(['a1', 'a2', 'a3']);
    expect(m.sessionCount).toBe(3);
    expect(m.notedSessionCount).toBe(3);
  });

  it('counts ruptures and their rate per noted session', () => {
    // r1, r3, r4 withdrawal; r2 confrontation. 4 ruptures ÷ 3 noted sessions.
    expect(m.ruptureCount).toBe(4);
    expect(m.rupturesByType).toEqual({ withdrawal: 3, confrontation: 1 });
    expect(m.ruptureRatePerSession).toBeCloseTo(4 / 3, 12);
  });

  it('takes the repair rate over ruptures with an outcome', () => {
    // r1 resolved 1 + r2 partial 0.5 + r3 unresolved 0 = 1.5 over 3; r4 (no outcome) left out → 0.5.
    expect(m.outcomes).toEqual({ resolved: 1, partial: 1, unresolved: 1, unrated: 1 });
    expect(m.repairRate).toBe(0.5);
  });

  it('rolls the repair rate over the last five sessions by default', () => {
    // a1: r1, r2 → 1.5 / 2 = 0.75; a2: + r3 → 1.5 / 3 = 0.5; a3: r4 unrated, still 1.5 / 3 = 0.5.
    expect(m.repairWindow).toBe(5);
    expect(m.rollingRepairRate).toEqual([
      { sessionId: 'a1', startsAt: '2025-01-06T10:00:00Z', value: 0.75 },
      { sessionId: 'a2', startsAt: '2025-01-13T10:00:00Z', value: 0.5 },
      { sessionId: 'a3', startsAt: '2025-01-20T10:00:00Z', value: 0.5 },
    ]);
  });

  it('takes the median time to repair', () => {
    // r1 14 − 10 = 4, r2 40 − 30 = 10, r4 7 − 5 = 2 (r3 has no repair minute) → sorted 2, 4, 10 → 4.
    expect(m.medianMinutesToRepair).toBe(4);
  });

  it('follows each dimension across sessions', () => {
    const t = m.dimensionTrends;
    // affective 4, 3, 5: mean 12 / 3 = 4; x̄ = 1, ȳ = 4, Σdx·dy = (−1)(0) + 0 + (1)(1) = 1, Σdx² = 2 → 0.5.
    expect(t.affective.points.map((p) => p.rating)).toEqual([4, 3, 5]);
    expect(t.affective.mean).toBe(4);
    expect(t.affective.slope).toBe(0.5);
    expect(t.affective.label).toBe('Affective attunement');
    // cognitive 3, –, 4: rated at x = 0 and x = 2; mean 3.5; slope (4 − 3) / (2 − 0) = 0.5.
    expect(t.cognitive.points.map((p) => p.rating)).toEqual([3, null, 4]);
    expect(t.cognitive.rated).toBe(2);
    expect(t.cognitive.mean).toBe(3.5);
    expect(t.cognitive.slope).toBe(0.5);
    // developmental never rated.
    expect(t.developmental).toMatchObject({ rated: 0, mean: null, slope: null });
    // rhythmic 2, 3, 4: mean 3, slope 1.
    expect(t.rhythmic.mean).toBe(3);
    expect(t.rhythmic.slope).toBe(1);
    // empathic 5, 4, 4: mean 13 / 3; dy = 2/3, −1/3, −1/3; Σdx·dy = −2/3 − 1/3 = −1; ÷ 2 → −0.5.
    expect(t.empathic.mean).toBeCloseTo(13 / 3, 12);
    expect(t.empathic.slope).toBeCloseTo(-0.5, 12);
    expect(t.empathic.points[0]).toEqual({
      sessionId: 'a1',
      startsAt: '2025-01-06T10:00:00Z',
      rating: 5,
      unrated: null,
    });
  });

  it('counts "Did not come up" and "Could not judge" apart for each dimension', () => {
    const t = clientMetrics('client-a', clientA.sessions, clientA.notes).dimensionTrends;
    // developmental: a1 and a3 empty ("could not judge"), a2 marked "did not come up".
    expect(t.developmental.points.map((p) => p.unrated)).toEqual([
      'could-not-judge',
      'did-not-come-up',
      'could-not-judge',
    ]);
    expect(t.developmental).toMatchObject({ rated: 0, didNotComeUp: 1, couldNotJudge: 2 });
    // cognitive: empty only in a2, not marked, so "could not judge".
    expect(t.cognitive).toMatchObject({ rated: 2, didNotComeUp: 0, couldNotJudge: 1 });
    expect(t.affective).toMatchObject({ didNotComeUp: 0, couldNotJudge: 0 });
  });

  it('ranks the dimensions whose lapse preceded a rupture', () => {
    // rhythmic: r1, r2 = 2; cognitive: r2 = 1; affective: r3 = 1; r4 followed none. Shares of 4 ruptures.
    // Ties keep display order: affective before cognitive, developmental before empathic.
    expect(
      m.dimensionsPrecedingRuptures.map(({ dimension, count, share }) => [dimension, count, share]),
    ).toEqual([
      ['rhythmic', 2, 0.5],
      ['affective', 1, 0.25],
      ['cognitive', 1, 0.25],
      ['developmental', 0, 0],
      ['empathic', 0, 0],
    ]);
  });

  it('counts markers, most frequent first and ties by id', () => {
    // minimal-response in r1 and r3; the rest once each.
    expect(m.markerFrequencies).toEqual([
      { marker: 'minimal-response', count: 2 },
      { marker: 'avoidant-storytelling', count: 1 },
      { marker: 'denial', count: 1 },
      { marker: 'rejects-intervention', count: 1 },
    ]);
  });

  it('scores each strategy by the outcomes of the ruptures it was used in', () => {
    // invite-discussion: r1 resolved, r2 partial, r4 no outcome → 3 uses, (1 + 0.5) / 2 rated = 0.75.
    // acknowledge-contribution: r2 partial → 0.5. redirect-refocus: r3 unresolved → 0.
    expect(m.strategyOutcomes).toEqual([
      {
        strategy: 'invite-discussion',
        uses: 3,
        resolved: 1,
        partial: 1,
        unresolved: 0,
        unrated: 1,
        successRate: 0.75,
      },
      {
        strategy: 'acknowledge-contribution',
        uses: 1,
        resolved: 0,
        partial: 1,
        unresolved: 0,
        unrated: 0,
        successRate: 0.5,
      },
      {
        strategy: 'redirect-refocus',
        uses: 1,
        resolved: 0,
        partial: 0,
        unresolved: 1,
        unrated: 0,
        successRate: 0,
      },
    ]);
  });

  it('gives each participation item’s share of noted sessions', () => {
    // body sensations a1, a2 = 2/3; named feelings a1, a3 = 2/3; feedback none = 0; breathing a3 = 1/3.
    expect(m.participationRates.bodySensations).toEqual({ sessions: 2, rate: 2 / 3 });
    expect(m.participationRates.namedFeelings).toEqual({ sessions: 2, rate: 2 / 3 });
    expect(m.participationRates.feedbackToTherapist).toEqual({ sessions: 0, rate: 0 });
    expect(m.participationRates.mindfulBreathing).toEqual({ sessions: 1, rate: 1 / 3 });
  });

  it('lists complete feedback totals with the concern line flag', () => {
    // a1 35 < 36 flagged, a2 37 not; a3 has no feedback and no point.
    expect(m.concernLine).toBe(36);
    expect(m.feedback).toEqual([
      { sessionId: 'a1', startsAt: '2025-01-06T10:00:00Z', total: 35, belowConcernLine: true },
      { sessionId: 'a2', startsAt: '2025-01-13T10:00:00Z', total: 37, belowConcernLine: false },
    ]);
    expect(metricsA({ concernLine: 38 }).feedback.map((f) => f.belowConcernLine)).toEqual([true, true]);
  });

  it('holds no NaN or infinity anywhere', () => {
    expect(hasNonFinite(m)).toBe(false);
  });
});

describe('client metrics: edge cases', () => {
  it('gives zeros and nulls, not NaN, for a range with no sessions', () => {
    const m = metricsA({ range: { from: '2026-01-01', to: '2026-12-31' } });
    expect(m.range).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(m.sessions).toEqual([]);
    expect(m.sessionCount).toBe(0);
    expect(m.notedSessionCount).toBe(0);
    expect(m.ruptureCount).toBe(0);
    expect(m.ruptureRatePerSession).toBeNull();
    expect(m.repairRate).toBeNull();
    expect(m.rollingRepairRate).toEqual([]);
    expect(m.medianMinutesToRepair).toBeNull();
    for (const d of dimensionIds) {
      expect(m.dimensionTrends[d]).toMatchObject({ points: [], rated: 0, mean: null, slope: null });
    }
    expect(m.dimensionsPrecedingRuptures.every((p) => p.count === 0 && p.share === null)).toBe(true);
    expect(m.markerFrequencies).toEqual([]);
    expect(m.strategyOutcomes).toEqual([]);
    expect(m.participationRates.bodySensations).toEqual({ sessions: 0, rate: null });
    expect(m.feedback).toEqual([]);
    expect(hasNonFinite(m)).toBe(false);
  });

  it('gives zeros and nulls for a client with no sessions at all', () => {
    const m = clientMetrics('nobody', all.sessions, all.notes);
    expect(m.sessionCount).toBe(0);
    expect(m.repairRate).toBeNull();
    expect(hasNonFinite(m)).toBe(false);
  });

  it('handles a client with one session: means but no slope', () => {
    // Only a1 (range is that one day): affective 4 → mean 4, one point → slope null.
    const m = metricsA({ range: { from: '2025-01-06', to: '2025-01-06' } });
    expect(m.sessions.map((s) => s.sessionId)).toEqual(['a1']);
    expect(m.dimensionTrends.affective).toMatchObject({ rated: 1, mean: 4, slope: null });
    // r1 resolved + r2 partial: (1 + 0.5) / 2 = 0.75; 2 ruptures / 1 session = 2.
    expect(m.repairRate).toBe(0.75);
    expect(m.ruptureRatePerSession).toBe(2);
    expect(m.rollingRepairRate).toEqual([{ sessionId: 'a1', startsAt: '2025-01-06T10:00:00Z', value: 0.75 }]);
    // 4 and 10 minutes → median of an even count (4 + 10) / 2 = 7.
    expect(m.medianMinutesToRepair).toBe(7);
  });

  it('includes both ends of the date range', () => {
    // 06 and 13 January kept; 20 January is past the end.
    expect(
      metricsA({ range: { from: '2025-01-06', to: '2025-01-13' } }).sessions.map((s) => s.sessionId),
    ).toEqual(['a1', 'a2']);
    expect(metricsA({ range: { from: '2025-01-13' } }).sessions.map((s) => s.sessionId)).toEqual([
      'a2',
      'a3',
    ]);
    expect(metricsA({ range: { to: '2025-01-12' } }).sessions.map((s) => s.sessionId)).toEqual(['a1']);
  });

  it('places a session in range by its UTC date', () => {
    // 19:30 at UTC−5 on 20 Jan is 00:30Z on 21 Jan: outside a range ending on the 20th.
    const sessions = [
      session('late', '2025-01-20T19:30:00-05:00'),
      session('early', '2025-01-20T18:30:00-05:00'),
    ];
    const m = clientMetrics('client-a', sessions, [], { range: { to: '2025-01-20' } });
    expect(m.sessions.map((s) => s.sessionId)).toEqual(['early']);
  });

  it('orders sessions by instant, not by the text of their start times', () => {
    // 09:00+02:00 is 07:00Z, before 08:00Z; the ids break a tie at the same instant.
    const sessions = [
      session('s-b', '2025-01-13T08:00:00Z'),
      session('s-a', '2025-01-13T09:00:00+02:00'),
      session('s-d', '2025-01-14T08:00:00Z'),
      session('s-c', '2025-01-14T10:00:00+02:00'),
    ];
    expect(clientMetrics('client-a', sessions, []).sessions.map((s) => s.sessionId)).toEqual([
      's-a',
      's-b',
      's-c',
      's-d',
    ]);
  });

  it('gives null means and slopes when notes rate nothing', () => {
    const sessions = [session('u1', '2025-01-06T10:00:00Z'), session('u2', '2025-01-13T10:00:00Z')];
    const m = clientMetrics('client-a', sessions, [note('u1'), note('u2')]);
    expect(m.notedSessionCount).toBe(2);
    for (const d of dimensionIds) {
      expect(m.dimensionTrends[d].points.map((p) => p.rating)).toEqual([null, null]);
      expect(m.dimensionTrends[d]).toMatchObject({ rated: 0, mean: null, slope: null });
    }
    // Noted sessions but no ruptures: the rate is 0 (none happened), the repair rate null (none to repair).
    expect(m.ruptureRatePerSession).toBe(0);
    expect(m.repairRate).toBeNull();
    expect(hasNonFinite(m)).toBe(false);
  });

  it('gives a repair rate of 0 when every rupture stayed unresolved', () => {
    const sessions = [session('v1', '2025-01-06T10:00:00Z'), session('v2', '2025-01-13T10:00:00Z')];
    const notes = [
      note('v1', { ruptures: [rupture({ outcome: 'unresolved' }), rupture({ outcome: 'unresolved' })] }),
      note('v2', { ruptures: [rupture({ outcome: 'unresolved', strategies: ['redirect-refocus'] })] }),
    ];
    const m = clientMetrics('client-a', sessions, notes);
    expect(m.repairRate).toBe(0);
    expect(m.rollingRepairRate.map((p) => p.value)).toEqual([0, 0]);
    expect(m.strategyOutcomes[0]).toMatchObject({ strategy: 'redirect-refocus', uses: 1, successRate: 0 });
  });

  it('leaves a rupture without an outcome out of the repair rate, and counts partial as half', () => {
    // partial 0.5 + unresolved 0 over 2 rated = 0.25; the null-outcome rupture is not a third.
    const notes = [
      note('w1', {
        ruptures: [
          rupture({ outcome: 'partial' }),
          rupture({ outcome: 'unresolved' }),
          rupture({ outcome: null }),
        ],
      }),
    ];
    const m = clientMetrics('client-a', [session('w1', '2025-01-06T10:00:00Z')], notes);
    expect(m.ruptureCount).toBe(3);
    expect(m.outcomes.unrated).toBe(1);
    expect(m.repairRate).toBe(0.25);
  });

  it('counts sessions without a note in the series but not in per-session rates', () => {
    // x1 noted (1 rupture), x2 no note: rate 1 / 1 noted = 1, not 1 / 2.
    const sessions = [session('x1', '2025-01-06T10:00:00Z'), session('x2', '2025-01-13T10:00:00Z')];
    const m = clientMetrics('client-a', sessions, [
      note('x1', {
        ratings: [3, null, null, null, null],
        ruptures: [rupture()],
        participation: ['mindfulBreathing'],
      }),
    ]);
    expect(m.sessionCount).toBe(2);
    expect(m.notedSessionCount).toBe(1);
    expect(m.ruptureRatePerSession).toBe(1);
    expect(m.participationRates.mindfulBreathing).toEqual({ sessions: 1, rate: 1 });
    expect(m.dimensionTrends.affective.points.map((p) => p.rating)).toEqual([3, null]);
    expect(m.sessions[1]?.noteId).toBeNull();
  });

  it('uses the most recently updated note when a session has two', () => {
    const s = [session('d1', '2025-01-06T10:00:00Z')];
    const older = note('d1', { id: 'old', ratings: [1, 1, 1, 1, 1], updatedAt: '2025-01-06T11:00:00.000Z' });
    const newer = note('d1', { id: 'new', ratings: [4, 4, 4, 4, 4], updatedAt: '2025-01-06T12:00:00.000Z' });
    expect(clientMetrics('client-a', s, [newer, older]).sessions[0]?.noteId).toBe('new');
    expect(clientMetrics('client-a', s, [older, newer]).sessions[0]?.noteId).toBe('new');
  });

  it('refuses a malformed range end', () => {
    expect(() => metricsA({ range: { from: '06/01/2025' } })).toThrow(RangeError);
  });
});

describe('client metrics: rolling repair window edges', () => {
  // Outcomes by session: t1 resolved (1), t2 unresolved (0), t3 none, t4 partial (0.5), t5 resolved (1).
  const sessions = ['t1', 't2', 't3', 't4', 't5'].map((id, i) => session(id, `2025-01-0${i + 1}T10:00:00Z`));
  const notes = [
    note('t1', { ruptures: [rupture({ outcome: 'resolved' })] }),
    note('t2', { ruptures: [rupture({ outcome: 'unresolved' })] }),
    note('t3'),
    note('t4', { ruptures: [rupture({ outcome: 'partial' })] }),
    note('t5', { ruptures: [rupture({ outcome: 'resolved' })] }),
  ];
  const rolling = (window?: number) =>
    clientMetrics('client-a', sessions, notes, window === undefined ? {} : { window }).rollingRepairRate.map(
      (p) => p.value,
    );

  it('with a window of 1, is each session’s own rate (null with no ruptures)', () => {
    expect(rolling(1)).toEqual([1, 0, null, 0.5, 1]);
  });

  it('with a window of 2, drops the session that leaves the window', () => {
    // t1: 1/1; t2: (1+0)/2 = 0.5; t3: t2,t3 → 0/1 = 0; t4: t3,t4 → 0.5/1; t5: t4,t5 → 1.5/2 = 0.75.
    expect(rolling(2)).toEqual([1, 0.5, 0, 0.5, 0.75]);
  });

  it('with a window of 3, reads back over a session without ruptures', () => {
    // t3: t1..t3 → 1/2 = 0.5; t4: t2..t4 → 0.5/2 = 0.25; t5: t3..t5 → 1.5/2 = 0.75.
    expect(rolling(3)).toEqual([1, 0.5, 0.5, 0.25, 0.75]);
  });

  it('with the window as long as the series or longer, is the cumulative rate', () => {
    // t1 1/1; t2 1/2; t3 1/2; t4 1.5/3 = 0.5; t5 2.5/4 = 0.625.
    const cumulative = [1, 0.5, 0.5, 0.5, 0.625];
    expect(rolling(5)).toEqual(cumulative);
    expect(rolling(50)).toEqual(cumulative);
    expect(rolling()).toEqual(cumulative);
  });

  it('gives null where the window holds no rated rupture', () => {
    const m = clientMetrics(
      'client-a',
      [
        session('q1', '2025-01-01T10:00:00Z'),
        session('q2', '2025-01-02T10:00:00Z'),
        session('q3', '2025-01-03T10:00:00Z'),
      ],
      [note('q1', { ruptures: [rupture({ outcome: 'resolved' })] }), note('q2'), note('q3')],
      { window: 2 },
    );
    expect(m.rollingRepairRate.map((p) => p.value)).toEqual([1, 1, null]);
  });

  it('refuses a window that is not a whole number of sessions', () => {
    expect(() => rolling(0)).toThrow(RangeError);
    expect(() => rolling(2.5)).toThrow(RangeError);
  });
});
