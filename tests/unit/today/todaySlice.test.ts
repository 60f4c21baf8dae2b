import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { todaySections } from '../../../renderer/src/features/today/todaySections';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { SLICE_OLDER_DRAFTS, todaySlicePlan } from '../../../shared/summaries/todaySlice';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2025-06-20T12:00:00.000Z');
const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();

/** A caseload of sessions from 60 days back to 30 ahead, each with no note, a draft or a signed note. */
const caseload = fc
  .array(
    fc.record({
      // Whole hours: fc.double would crowd its values at the ends and at zero.
      offsetHours: fc.integer({ min: -60 * 24, max: 30 * 24 }),
      attendance: fc.constantFrom<Session['attendance']>('attended', 'cancelled', 'no-show'),
      note: fc.constantFrom('none', 'draft', 'signed'),
      signedAfterHours: fc.integer({ min: 0, max: 40 * 24 }),
    }),
    { maxLength: 80 },
  )
  .map((rows) => {
    const sessions: Session[] = [];
    const notes: NoteSummary[] = [];
    rows.forEach((row, i) => {
      const id = `s${i}`;
      sessions.push({
        id,
        clientId: `c${i % 3}`,
        startsAt: at(row.offsetHours / 24),
        durationMinutes: 50,
        modality: 'in-person',
        attendance: row.attendance,
      });
      if (row.note === 'none') return;
      const signedAt =
        row.note === 'signed' ? at(Math.min(0, row.offsetHours + row.signedAfterHours) / 24) : null;
      notes.push({
        id: `n${i}`,
        sessionId: id,
        clientId: `c${i % 3}`,
        templateId: 'soap',
        status: row.note === 'signed' ? 'signed' : 'draft',
        updatedAt: signedAt ?? at(0),
        signedAt,
        ratings: {} as NoteSummary['ratings'],
        ruptures: [],
        judgments: {} as NoteSummary['judgments'],
        participation: {} as NoteSummary['participation'],
        emotions: [],
        feedback: null,
      });
    });
    return { sessions, notes };
  });

describe("Today's slice", () => {
  it('shows the same rows and counts as the whole caseload (the first few of a long side section)', () => {
    fc.assert(
      fc.property(caseload, ({ sessions, notes }) => {
        const { sessionIds: ids, olderDrafts } = todaySlicePlan(sessions, notes, now);
        const slice = {
          sessions: sessions.filter((s) => ids.has(s.id)),
          notes: notes.filter((n) => ids.has(n.sessionId)),
        };
        const whole = todaySections({ clients: new Map(), sessions, notes, now });
        const fromSlice = todaySections({ clients: new Map(), ...slice, now, olderDrafts });
        expect(fromSlice.map((s) => s.id)).toEqual(whole.map((s) => s.id));
        whole.forEach((section, i) => {
          const part = fromSlice[i]!;
          // Today shows every row of "Notes to write" and the first 8 of the others.
          const shown = section.id === 'unsigned' ? Infinity : SLICE_OLDER_DRAFTS;
          expect(part.rows.slice(0, shown)).toEqual(section.rows.slice(0, shown));
          expect(part.total ?? part.rows.length).toBe(section.rows.length);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('carries only the oldest few drafts of older sessions, and counts them all', () => {
    const sessions: Session[] = Array.from({ length: 30 }, (_, i) => ({
      id: `s${i}`,
      clientId: 'c',
      startsAt: at(-100 + i),
      durationMinutes: 50,
      modality: 'in-person',
      attendance: 'attended',
    }));
    const notes = sessions.map((s) => ({ sessionId: s.id, status: 'draft' as const, signedAt: null }));
    const plan = todaySlicePlan(sessions, notes, now);
    expect(plan.olderDrafts).toBe(30);
    expect([...plan.sessionIds].sort()).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'].sort());
  });

  it('leaves out old sessions whose notes are signed and settled', () => {
    const sessions: Session[] = [
      { id: 'old', clientId: 'c', startsAt: at(-40), durationMinutes: 50, modality: 'in-person', attendance: 'attended' },
      { id: 'new', clientId: 'c', startsAt: at(-2), durationMinutes: 50, modality: 'in-person', attendance: 'attended' },
    ];
    const notes = [
      { sessionId: 'old', status: 'signed' as const, signedAt: at(-39) },
      { sessionId: 'new', status: 'signed' as const, signedAt: at(-1) },
    ];
    expect([...todaySlicePlan(sessions, notes, now).sessionIds]).toEqual(['new']);
  });
});
