import { describe, expect, it } from 'vitest';
import { caseloadMetrics } from '../../../shared/analytics';
import { clientA, clientB, hasNonFinite, note, ratings, rupture, session } from './fixtures';

const sessions = [...clientA.sessions, ...clientB.sessions];
const notes = [...clientA.notes, ...clientB.notes];

describe('caseload metrics: clients A and B (see fixtures.ts)', () => {
  const m = caseloadMetrics(sessions, notes);

  it('buckets by UTC month, filling the empty months between', () => {
    // b1 2024-12; a1..a3 2025-01; b2 (23:30−02:00 on 31 Jan = 01:30Z on 1 Feb) 2025-02; b3 was a
    // no-show, so it is not counted (as the client's header does not count it).
    expect(m.months.map((x) => [x.month, x.sessions, x.notes, x.ruptures])).toEqual([
      ['2024-12', 1, 1, 1],
      ['2025-01', 3, 3, 4],
      ['2025-02', 1, 1, 0],
    ]);
    expect(m.sessionsNotHeld).toBe(1);
  });

  it('gives each month its rates and dimension means', () => {
    const [dec, jan, feb] = m.months;
    // December: b1 alone, r5 resolved → rupture rate 1 / 1, repair rate 1; ratings 3/3/2/3/3.
    expect(dec).toMatchObject({
      ruptureRate: 1,
      repairRate: 1,
      rupturesByType: { withdrawal: 0, confrontation: 1 },
    });
    expect(dec?.dimensionMeans).toEqual(ratings([3, 3, 2, 3, 3]));
    // January: client A's worked example → 4 / 3 ruptures per noted session, repair 1.5 / 3 = 0.5.
    // Means: affective (4+3+5)/3 = 4, cognitive (3+4)/2 = 3.5, developmental none,
    // rhythmic (2+3+4)/3 = 3, empathic (5+4+4)/3 = 13/3.
    expect(jan?.ruptureRate).toBeCloseTo(4 / 3, 12);
    expect(jan?.repairRate).toBe(0.5);
    expect(jan?.outcomes).toEqual({ resolved: 1, partial: 1, unresolved: 1, unrated: 1 });
    expect(jan?.dimensionMeans).toMatchObject({
      affective: 4,
      cognitive: 3.5,
      developmental: null,
      rhythmic: 3,
    });
    expect(jan?.dimensionMeans.empathic).toBeCloseTo(13 / 3, 12);
    // February: b2 noted without ratings or ruptures (b3 not held) → rupture rate 0 / 1 = 0, no repair rate.
    expect(feb).toMatchObject({ ruptureRate: 0, repairRate: null, dimensionMeans: ratings() });
  });

  it('totals the caseload', () => {
    // 5 sessions held (b3 was a no-show), 5 notes, 5 ruptures (A's 4 + r5): withdrawal r1 r3 r4, confrontation r2 r5.
    // Repair: resolved r1 r5 = 2, partial r2 = 0.5, unresolved r3 = 0 → 2.5 / 4 = 0.625. Rate 5 / 5 = 1.
    expect(m.clients).toBe(2);
    expect(m.totals).toEqual({
      sessions: 5,
      notes: 5,
      ruptures: 5,
      rupturesByType: { withdrawal: 3, confrontation: 2 },
      outcomes: { resolved: 2, partial: 1, unresolved: 1, unrated: 1 },
      ruptureRate: 1,
      repairRate: 0.625,
    });
  });

  it('counts the two kinds of empty rating apart in the clinician profile', () => {
    // Client A: developmental empty in a1 and a3 ("could not judge"), marked "did not come up" in
    // a2; cognitive empty in a2. Client B's b2 rates nothing, unmarked: five "could not judge".
    expect(m.clinicianProfile.didNotComeUp.developmental).toBe(1);
    expect(m.clinicianProfile.couldNotJudge.developmental).toBe(3);
    expect(m.clinicianProfile.couldNotJudge.cognitive).toBe(2);
    expect(m.clinicianProfile.didNotComeUp.cognitive).toBe(0);
    expect(m.clinicianProfile.couldNotJudge.affective).toBe(1);
  });

  it('takes the median time to repair over the caseload (an even count)', () => {
    // 4, 10, 2 (client A) and 20 − 12 = 8 (r5) → sorted 2, 4, 8, 10 → (4 + 8) / 2 = 6.
    expect(m.medianMinutesToRepair).toBe(6);
  });

  it('ranks dimensions preceding ruptures, markers and strategies over the caseload', () => {
    // Lapses: rhythmic 2 (r1, r2), affective 1 (r3), cognitive 1 (r2), developmental 1 (r5); of 5 ruptures.
    expect(
      m.dimensionsPrecedingRuptures.map(({ dimension, count, share }) => [dimension, count, share]),
    ).toEqual([
      ['rhythmic', 2, 0.4],
      ['affective', 1, 0.2],
      ['cognitive', 1, 0.2],
      ['developmental', 1, 0.2],
      ['empathic', 0, 0],
    ]);
    expect(m.markerFrequencies).toEqual([
      { marker: 'minimal-response', count: 2 },
      { marker: 'avoidant-storytelling', count: 1 },
      { marker: 'complaints-about-parameters', count: 1 },
      { marker: 'denial', count: 1 },
      { marker: 'rejects-intervention', count: 1 },
    ]);
    // clarify-misunderstanding: r5 resolved → 1.
    expect(m.strategyOutcomes.map((s) => [s.strategy, s.uses, s.successRate])).toEqual([
      ['invite-discussion', 3, 0.75],
      ['acknowledge-contribution', 1, 0.5],
      ['clarify-misunderstanding', 1, 1],
      ['redirect-refocus', 1, 0],
    ]);
  });

  it('profiles the clinician over every rated note and names the weakest dimension', () => {
    // affective 4, 3, 5, 3 → 15/4 = 3.75; cognitive 3, 4, 3 → 10/3; developmental 2 (b1 only) → 2;
    // rhythmic 2, 3, 4, 3 → 3; empathic 5, 4, 4, 3 → 4. b2 rated nothing and counts nowhere.
    const p = m.clinicianProfile;
    expect(p.means.affective).toBe(3.75);
    expect(p.means.cognitive).toBeCloseTo(10 / 3, 12);
    expect(p.means).toMatchObject({ developmental: 2, rhythmic: 3, empathic: 4 });
    expect(p.rated).toEqual({ affective: 4, cognitive: 3, developmental: 1, rhythmic: 4, empathic: 4 });
    expect(p.weakest).toEqual({ dimension: 'developmental', label: 'Developmental attunement', mean: 2 });
  });

  it('holds no NaN or infinity anywhere', () => {
    expect(hasNonFinite(m)).toBe(false);
  });
});

describe('caseload metrics: edge cases', () => {
  it('gives an empty, NaN-free result for no sessions', () => {
    const m = caseloadMetrics([], []);
    expect(m.months).toEqual([]);
    expect(m.clients).toBe(0);
    expect(m.totals).toEqual({
      sessions: 0,
      notes: 0,
      ruptures: 0,
      rupturesByType: { withdrawal: 0, confrontation: 0 },
      outcomes: { resolved: 0, partial: 0, unresolved: 0, unrated: 0 },
      ruptureRate: null,
      repairRate: null,
    });
    expect(m.medianMinutesToRepair).toBeNull();
    expect(m.clinicianProfile.weakest).toBeNull();
    expect(m.clinicianProfile.means).toEqual(ratings());
    expect(m.dimensionsPrecedingRuptures.every((d) => d.count === 0 && d.share === null)).toBe(true);
    expect(hasNonFinite(m)).toBe(false);
  });

  it('gives an empty result for a range with no sessions', () => {
    const m = caseloadMetrics(sessions, notes, { range: { from: '2030-01-01' } });
    expect(m.totals.sessions).toBe(0);
    expect(m.months).toEqual([]);
    expect(m.range).toEqual({ from: '2030-01-01', to: null });
  });

  it('keeps only sessions whose UTC date is in range, ends included', () => {
    // January 2025 inclusive: a1..a3; b2 (UTC 1 Feb) and b1 (December) fall outside.
    const m = caseloadMetrics(sessions, notes, { range: { from: '2025-01-06', to: '2025-01-31' } });
    expect(m.months.map((x) => x.month)).toEqual(['2025-01']);
    expect(m.totals).toMatchObject({ sessions: 3, notes: 3, ruptures: 4 });
    expect(m.clients).toBe(1);
    // A one-day range holds that day's session: a3 on the 20th.
    expect(
      caseloadMetrics(sessions, notes, { range: { from: '2025-01-20', to: '2025-01-20' } }).totals.sessions,
    ).toBe(1);
  });

  it('buckets across a year boundary and fills a gap of empty months', () => {
    // 31 Dec 23:00Z → 2024-12; 1 Jan 00:30+01:00 = 31 Dec 23:30Z → 2024-12; 2 Jan → 2025-01;
    // nothing in February; 1 Mar → 2025-03.
    const s = [
      session('y1', '2024-12-31T23:00:00Z'),
      session('y2', '2025-01-01T00:30:00+01:00'),
      session('y3', '2025-01-02T10:00:00Z'),
      session('y4', '2025-03-01T10:00:00Z'),
    ];
    const m = caseloadMetrics(s, [note('y1', { ruptures: [rupture({ outcome: 'partial' })] }), note('y3')]);
    expect(
      m.months.map((x) => [x.month, x.sessions, x.notes, x.ruptures, x.ruptureRate, x.repairRate]),
    ).toEqual([
      ['2024-12', 2, 1, 1, 1, 0.5],
      ['2025-01', 1, 1, 0, 0, null],
      ['2025-02', 0, 0, 0, null, null],
      ['2025-03', 1, 0, 0, null, null],
    ]);
    expect(hasNonFinite(m)).toBe(false);
  });

  it('leaves out notes whose session is missing', () => {
    const m = caseloadMetrics(
      [session('k1', '2025-01-06T10:00:00Z')],
      [note('k1'), note('gone', { ratings: [1, 1, 1, 1, 1] })],
    );
    expect(m.totals.notes).toBe(1);
    expect(m.clinicianProfile.weakest).toBeNull();
  });
});
