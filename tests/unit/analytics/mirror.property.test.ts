import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseloadMirror, clientMirror } from '../../../shared/analytics/mirror';
import { participationItemIds, ruptureOutcomeIds, type Session } from '../../../shared/domain';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { hasNonFinite, note, rupture, session } from './fixtures';

const clientIds = ['c1', 'c2', 'c3'] as const;
const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
const tenth = fc.integer({ min: 0, max: 100 }).map((n) => n / 10);

const specArb = fc.record({
  clientId: fc.constantFrom(...clientIds),
  day: fc.integer({ min: 0, max: 400 }),
  outcomeScale: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  note: fc.option(
    fc.record({
      ratings: fc.tuple(rating, rating, rating, rating, rating),
      outcomes: fc.array(fc.option(fc.constantFrom(...ruptureOutcomeIds), { nil: null }), { maxLength: 3 }),
      participation: fc.subarray([...participationItemIds]),
      feedback: fc.option(fc.tuple(tenth, tenth, tenth, tenth), { nil: null }),
    }),
    { nil: null },
  ),
});

const dataArb = fc.array(specArb, { maxLength: 40 }).map((specs) => {
  const sessions: Session[] = [];
  const notes: NoteSummary[] = [];
  const outcomeTotals = new Map<string, number>();
  specs.forEach((spec, i) => {
    const id = `s${i}`;
    sessions.push(session(id, new Date(Date.UTC(2025, 0, 1 + spec.day, 10)).toISOString(), spec.clientId));
    if (spec.outcomeScale !== null) outcomeTotals.set(id, spec.outcomeScale);
    if (spec.note) {
      const f = spec.note.feedback;
      notes.push(
        note(id, {
          clientId: spec.clientId,
          ratings: spec.note.ratings,
          ruptures: spec.note.outcomes.map((outcome, r) => rupture({ id: `${id}-r${r}`, outcome })),
          participation: spec.note.participation,
          feedback: f ? { relationship: f[0], goals: f[1], approach: f[2], overall: f[3] } : null,
        }),
      );
    }
  });
  return { sessions, notes, outcomeTotals };
});

describe('mirror properties', () => {
  it('count every episode once, and every change is the next outcome minus the one before', () => {
    fc.assert(
      fc.property(dataArb, fc.boolean(), fc.integer({ min: 0, max: 40 }), (data, useScale, concernLine) => {
        const outcomeTotals = useScale ? data.outcomeTotals : undefined;
        for (const clientId of clientIds) {
          const m = clientMirror(clientId, data.sessions, data.notes, { outcomeTotals, concernLine });
          expect(hasNonFinite(m)).toBe(false);
          const g = m.episodeGroups;
          expect(g.resolved.episodes + g.unresolved.episodes + g.unrated).toBe(m.episodes.length);
          for (const group of [g.resolved, g.unresolved]) {
            expect(group.withChange).toBeLessThanOrEqual(group.episodes);
            expect(group.meanChange === null).toBe(group.withChange === 0);
            if (group.meanChange !== null) expect(Math.abs(group.meanChange)).toBeLessThanOrEqual(40);
          }
          for (const e of m.episodes) {
            if (e.change !== null) expect(e.change).toBeCloseTo(e.outcomeNext! - e.outcomeAt!, 6);
            else expect(e.outcomeAt === null || e.outcomeNext === null).toBe(true);
          }
          // One source per client: the outcome scale whenever it has a value in one of its sessions.
          const hasScale =
            outcomeTotals !== undefined &&
            data.sessions.some((s) => s.clientId === clientId && outcomeTotals.has(s.id));
          expect(m.outcomeSource).toBe(hasScale ? 'outcome-scale' : 'feedback');
          const clientNotes = data.notes.filter((n) => n.clientId === clientId);
          expect(m.participation).toHaveLength(clientNotes.length);
          expect(m.participation.every((p) => p.count >= 0 && p.count <= 4)).toBe(true);
          expect(Object.values(m.agreement.counts).reduce((a, b) => a + b, 0)).toBe(m.agreement.compared);
          expect(m.agreement.compared).toBe(m.agreementPoints.length);
          for (const p of m.agreementPoints) {
            expect(p.reading === 'blind-spot').toBe(p.meanRating >= 4 && p.feedbackTotal < concernLine);
          }
        }
      }),
    );
  });

  it('pool the caseload from the clients’ own mirrors', () => {
    fc.assert(
      fc.property(dataArb, (data) => {
        const c = caseloadMirror(data.sessions, data.notes, { outcomeTotals: data.outcomeTotals });
        const per = clientIds.map((id) =>
          clientMirror(id, data.sessions, data.notes, { outcomeTotals: data.outcomeTotals }),
        );
        const sum = (f: (m: (typeof per)[number]) => number) => per.reduce((n, m) => n + f(m), 0);
        expect(c.episodeGroups.resolved.episodes).toBe(sum((m) => m.episodeGroups.resolved.episodes));
        expect(c.episodeGroups.unresolved.withChange).toBe(sum((m) => m.episodeGroups.unresolved.withChange));
        expect(c.episodeGroups.unrated).toBe(sum((m) => m.episodeGroups.unrated));
        expect(c.agreement.compared).toBe(sum((m) => m.agreement.compared));
        expect(c.agreement.counts['blind-spot']).toBe(sum((m) => m.agreement.counts['blind-spot']));
        expect(c.participationByMonth.reduce((n, m) => n + m.notes, 0)).toBe(data.notes.length);
        expect(
          c.perClient.every((p) => per.find((m) => m.clientId === p.clientId)!.episodes.length > 0),
        ).toBe(true);
        expect(c.outcomeSources['outcome-scale'] + c.outcomeSources.feedback).toBe(c.clients);
      }),
    );
  });
});
