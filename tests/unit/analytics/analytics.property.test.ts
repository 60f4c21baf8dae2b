import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseloadMetrics, clientMetrics, type DateRange, utcDate } from '../../../shared/analytics';
import {
  dimensionIds,
  resolutionStrategies,
  ruptureMarkers,
  ruptureOutcomeIds,
  type Session,
} from '../../../shared/domain';
import type { NoteSummary, RuptureSummary } from '../../../shared/summaries/noteSummary';
import { hasNonFinite, note, rupture, session } from './fixtures';

const clientIds = ['c1', 'c2', 'c3'] as const;
const from2023 = Date.UTC(2023, 0, 1);
const to2026 = Date.UTC(2026, 11, 31);

/** An ISO start time for an instant, written in a zone `offset` minutes from UTC. */
function isoWithOffset(ms: number, offset: number): string {
  if (offset === 0) return new Date(ms).toISOString().replace('.000Z', 'Z');
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const offsets = fc.constantFrom(0, -300, -120, 60, 330, 840);
// Sessions are counted as of this moment, after every generated one: none is still to come.
const AFTER_ALL = '2031-01-01T00:00:00.000Z';
const instant = fc.integer({ min: from2023, max: to2026 }).map((ms) => ms - (ms % 60_000));
const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
const minute = fc.option(fc.integer({ min: 0, max: 90 }), { nil: null });

const ruptureArb: fc.Arbitrary<RuptureSummary> = fc
  .record({
    type: fc.constantFrom('withdrawal' as const, 'confrontation' as const),
    markers: fc.subarray(ruptureMarkers.map((m) => m.id)),
    salience: rating,
    followedLapseOf: fc.subarray([...dimensionIds]),
    strategies: fc.subarray(resolutionStrategies.map((s) => s.id)),
    outcome: fc.option(fc.constantFrom(...ruptureOutcomeIds), { nil: null }),
    minute,
    repairMinute: minute,
  })
  .map((r) => rupture(r));

const sessionArb = fc.record({
  clientId: fc.constantFrom(...clientIds),
  at: instant,
  offset: offsets,
  note: fc.option(
    fc.record({
      ratings: fc.tuple(rating, rating, rating, rating, rating),
      ruptures: fc.array(ruptureArb, { maxLength: 4 }),
      participation: fc.subarray([
        'bodySensations',
        'namedFeelings',
        'feedbackToTherapist',
        'mindfulBreathing',
      ] as const),
      feedback: fc.option(
        fc.tuple(...[0, 1, 2, 3].map(() => fc.integer({ min: 0, max: 100 }).map((n) => n / 10))),
        {
          nil: null,
        },
      ),
    }),
    { nil: null },
  ),
});

const dateArb = instant.map((ms) => new Date(ms).toISOString().slice(0, 10));
const rangeArb: fc.Arbitrary<DateRange> = fc.record(
  { from: fc.option(dateArb, { nil: null }), to: fc.option(dateArb, { nil: null }) },
  { requiredKeys: [] },
);

const caseloadArb = fc.array(sessionArb, { maxLength: 40 }).map((specs) => {
  const sessions: Session[] = [];
  const notes: NoteSummary[] = [];
  specs.forEach((spec, i) => {
    const id = `s${i}`;
    sessions.push(session(id, isoWithOffset(spec.at, spec.offset), spec.clientId));
    if (spec.note) {
      const [relationship, goals, approach, overall] = spec.note.feedback ?? [];
      notes.push(
        note(id, {
          clientId: spec.clientId,
          ratings: spec.note.ratings,
          ruptures: spec.note.ruptures,
          participation: spec.note.participation,
          feedback: spec.note.feedback
            ? { relationship: relationship!, goals: goals!, approach: approach!, overall: overall! }
            : null,
        }),
      );
    }
  });
  return { sessions, notes };
});

const isRate = (x: number | null) => x === null || (x >= 0 && x <= 1);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('analytics properties', () => {
  it('keep repair rates in [0, 1] or null, and per-session counts adding up', () => {
    fc.assert(
      fc.property(
        caseloadArb,
        fc.option(rangeArb, { nil: undefined }),
        fc.integer({ min: 1, max: 8 }),
        (data, range, window) => {
          for (const clientId of clientIds) {
            const m = clientMetrics(clientId, data.sessions, data.notes, { range, window, now: AFTER_ALL });
            expect(hasNonFinite(m)).toBe(false);
            expect(isRate(m.repairRate)).toBe(true);
            expect(m.rollingRepairRate.every((p) => isRate(p.value))).toBe(true);
            expect(m.strategyOutcomes.every((s) => isRate(s.successRate))).toBe(true);
            for (const s of m.sessions) {
              expect(s.rupturesByType.withdrawal + s.rupturesByType.confrontation).toBe(s.ruptureCount);
              const o = s.outcomes;
              expect(o.resolved + o.partial + o.unresolved + o.unrated).toBe(s.ruptureCount);
            }
            expect(sum(m.sessions.map((s) => s.ruptureCount))).toBe(m.ruptureCount);
            expect(m.rupturesByType.withdrawal + m.rupturesByType.confrontation).toBe(m.ruptureCount);
            // Ordered by instant.
            const instants = m.sessions.map((s) => Date.parse(s.startsAt));
            expect(instants).toEqual([...instants].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('make caseload totals the sum of the per-client totals, and months the sum of the caseload', () => {
    fc.assert(
      fc.property(caseloadArb, fc.option(rangeArb, { nil: undefined }), (data, range) => {
        const caseload = caseloadMetrics(data.sessions, data.notes, { range, now: AFTER_ALL });
        const clients = clientIds.map((c) =>
          clientMetrics(c, data.sessions, data.notes, { range, now: AFTER_ALL }),
        );
        const t = caseload.totals;
        expect(t.sessions).toBe(sum(clients.map((c) => c.sessionCount)));
        expect(t.notes).toBe(sum(clients.map((c) => c.notedSessionCount)));
        expect(t.ruptures).toBe(sum(clients.map((c) => c.ruptureCount)));
        expect(t.rupturesByType.withdrawal).toBe(sum(clients.map((c) => c.rupturesByType.withdrawal)));
        expect(t.rupturesByType.confrontation).toBe(sum(clients.map((c) => c.rupturesByType.confrontation)));
        for (const k of ['resolved', 'partial', 'unresolved', 'unrated'] as const) {
          expect(t.outcomes[k]).toBe(sum(clients.map((c) => c.outcomes[k])));
          expect(sum(caseload.months.map((m) => m.outcomes[k]))).toBe(t.outcomes[k]);
        }
        expect(sum(caseload.markerFrequencies.map((f) => f.count))).toBe(
          sum(clients.flatMap((c) => c.markerFrequencies.map((f) => f.count))),
        );
        expect(sum(caseload.strategyOutcomes.map((s) => s.uses))).toBe(
          sum(clients.flatMap((c) => c.strategyOutcomes.map((s) => s.uses))),
        );
        expect(caseload.clients).toBe(clients.filter((c) => c.sessionCount > 0).length);
        expect(sum(caseload.months.map((m) => m.sessions))).toBe(t.sessions);
        expect(sum(caseload.months.map((m) => m.notes))).toBe(t.notes);
        expect(sum(caseload.months.map((m) => m.ruptures))).toBe(t.ruptures);
        expect(isRate(t.repairRate)).toBe(true);
        expect(caseload.months.every((m) => isRate(m.repairRate))).toBe(true);
        expect(hasNonFinite(caseload)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('read the same UTC date from a start time whatever zone it is written in', () => {
    fc.assert(
      fc.property(instant, offsets, (ms, offset) => {
        expect(utcDate(isoWithOffset(ms, offset))).toBe(new Date(ms).toISOString().slice(0, 10));
      }),
    );
  });
});

describe('analytics at scale (sanity, not a benchmark)', () => {
  // A deterministic generator, so a failure here can be reproduced.
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

  function synthetic(clients: number, sessionsPerClient: number) {
    const sessions: Session[] = [];
    const notes: NoteSummary[] = [];
    for (let c = 0; c < clients; c++) {
      for (let i = 0; i < sessionsPerClient; i++) {
        const id = `c${c}-s${i}`;
        const at = Date.UTC(2020, 0, 6) + i * 7 * 86_400_000 + c * 3_600_000;
        sessions.push(session(id, new Date(at).toISOString(), `c${c}`));
        const ruptures = Array.from({ length: Math.floor(next() * 3) }, (_, k) =>
          rupture({
            id: `${id}-r${k}`,
            type: pick(['withdrawal', 'confrontation'] as const),
            markers: [pick(ruptureMarkers).id],
            followedLapseOf: [pick(dimensionIds)],
            strategies: [pick(resolutionStrategies).id],
            outcome: pick([...ruptureOutcomeIds, null]),
            minute: 10,
            repairMinute: 10 + Math.floor(next() * 20),
          }),
        );
        const r = () => (next() < 0.1 ? null : 1 + Math.floor(next() * 5));
        notes.push(note(id, { clientId: `c${c}`, ratings: [r(), r(), r(), r(), r()], ruptures }));
      }
    }
    return { sessions, notes };
  }

  it('computes a caseload of 10,000 notes', () => {
    const data = synthetic(50, 200);
    const m = caseloadMetrics(data.sessions, data.notes, { now: AFTER_ALL });
    expect(m.totals.notes).toBe(10_000);
    expect(m.clients).toBe(50);
    expect(m.totals.ruptures).toBe(sum(data.notes.map((n) => n.ruptures.length)));
    // 200 weekly sessions from January 2020 run into November 2023: 47 months.
    expect(m.months).toHaveLength(47);
  });

  it('computes a client with 500 sessions', () => {
    const data = synthetic(1, 500);
    const m = clientMetrics('c0', data.sessions, data.notes, { now: AFTER_ALL });
    expect(m.sessionCount).toBe(500);
    expect(m.rollingRepairRate).toHaveLength(500);
    expect(m.dimensionTrends.affective.points).toHaveLength(500);
  });
});
