import { describe, expect, it } from 'vitest';
import { caseloadMetrics, sessionMetrics } from '../../../shared/analytics';
import { clientA, feedback, hasNonFinite, note, ratings, rupture, session } from './fixtures';

const [a1, a2, a3] = [clientA.sessions[0]!, clientA.sessions[1]!, clientA.sessions[2]!];
const [n1, n2, n3] = clientA.notes;

describe('session metrics', () => {
  it('counts a session’s ruptures, salience, outcomes, repair times, ratings and feedback', () => {
    // a1: r1 withdrawal (salience 3, resolved, 10→14), r2 confrontation (salience 5, partial, 30→40).
    // Mean salience (3 + 5) / 2 = 4; repair minutes 14 − 10 = 4 and 40 − 30 = 10.
    // Feedback 9 + 9 + 9 + 8 = 35 < 36.
    expect(sessionMetrics(a1, n1)).toEqual({
      sessionId: 'a1',
      startsAt: '2025-01-06T10:00:00Z',
      attendance: 'attended',
      noteId: 'note-a1',
      rupturesByType: { withdrawal: 1, confrontation: 1 },
      ruptureCount: 2,
      meanSalience: 4,
      outcomes: { resolved: 1, partial: 1, unresolved: 0, unrated: 0 },
      minutesToRepair: [4, 10],
      ratings: ratings([4, 3, null, 2, 5]),
      unrated: {
        affective: null,
        cognitive: null,
        developmental: 'could-not-judge',
        rhythmic: null,
        empathic: null,
      },
      participation: {
        bodySensations: true,
        namedFeelings: true,
        feedbackToTherapist: false,
        mindfulBreathing: false,
      },
      feedbackTotal: 35,
      belowConcernLine: true,
    });
  });

  it('gives null salience when none is rated, and no repair time without a repair minute', () => {
    // a2: r3 has no salience and no repair minute. Feedback 10 + 9 + 9 + 9 = 37 ≥ 36.
    const m = sessionMetrics(a2, n2);
    expect(m.meanSalience).toBeNull();
    expect(m.minutesToRepair).toEqual([]);
    expect(m.outcomes).toEqual({ resolved: 0, partial: 0, unresolved: 1, unrated: 0 });
    expect(m.feedbackTotal).toBe(37);
    expect(m.belowConcernLine).toBe(false);
  });

  it('gives no time to repair for a rupture left unresolved, whatever minute was noted for the attempt', () => {
    const s = session('u1', '2025-03-10T10:00:00Z');
    const n = note('u1', {
      ruptures: [
        rupture({ id: 'tried', outcome: 'unresolved', minute: 20, repairMinute: 30 }),
        rupture({ id: 'mended', outcome: 'resolved', minute: 10, repairMinute: 14 }),
      ],
    });
    expect(sessionMetrics(s, n).minutesToRepair).toEqual([4]);
    expect(caseloadMetrics([s], [n], { now: '2025-04-01T00:00:00Z' }).medianMinutesToRepair).toBe(4);
  });

  it('counts a rupture with no outcome as unrated, and leaves the concern flag null without feedback', () => {
    // a3: r4 outcome null, 5→7 = 2 minutes (a repair minute is kept even without an outcome).
    const m = sessionMetrics(a3, n3);
    expect(m.outcomes).toEqual({ resolved: 0, partial: 0, unresolved: 0, unrated: 1 });
    expect(m.minutesToRepair).toEqual([2]);
    expect(m.meanSalience).toBe(2);
    expect(m.feedbackTotal).toBeNull();
    expect(m.belowConcernLine).toBeNull();
  });

  it('uses the concern line it is given', () => {
    // 35 is not below a line of 35.
    expect(sessionMetrics(a1, n1, 35).belowConcernLine).toBe(false);
  });

  it('gives zeros and nulls for a session without a note', () => {
    const m = sessionMetrics(
      session('x', '2025-02-01T10:00:00Z', 'client-a', { attendance: 'no-show' }),
      undefined,
    );
    expect(m).toEqual({
      sessionId: 'x',
      startsAt: '2025-02-01T10:00:00Z',
      attendance: 'no-show',
      noteId: null,
      rupturesByType: { withdrawal: 0, confrontation: 0 },
      ruptureCount: 0,
      meanSalience: null,
      outcomes: { resolved: 0, partial: 0, unresolved: 0, unrated: 0 },
      minutesToRepair: [],
      ratings: ratings(),
      unrated: { affective: null, cognitive: null, developmental: null, rhythmic: null, empathic: null },
      participation: null,
      feedbackTotal: null,
      belowConcernLine: null,
    });
    expect(hasNonFinite(m)).toBe(false);
  });

  it('gives no total for partial feedback', () => {
    const m = sessionMetrics(
      session('y', '2025-02-01T10:00:00Z'),
      note('y', { feedback: { ...feedback(9, 9, 9, 9), goals: null } }),
    );
    expect(m.feedbackTotal).toBeNull();
    expect(m.belowConcernLine).toBeNull();
  });

  it('skips a repair minute earlier than the rupture rather than counting it negative', () => {
    const m = sessionMetrics(
      session('z', '2025-02-01T10:00:00Z'),
      note('z', {
        ruptures: [rupture({ minute: 30, repairMinute: 20 }), rupture({ minute: 0, repairMinute: 0 })],
      }),
    );
    expect(m.minutesToRepair).toEqual([0]);
  });

  it('does not share its ratings or participation objects with the note', () => {
    const m = sessionMetrics(a1, n1);
    expect(m.ratings).not.toBe(n1?.ratings);
    expect(m.participation).not.toBe(n1?.participation);
  });
});
