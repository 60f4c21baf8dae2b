import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { todaySections } from '../../../renderer/src/features/today/todaySections';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { SLICE_OLDER_UNFINISHED, todaySlicePlan } from '../../../shared/summaries/todaySlice';

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
    // Lengths up to 80 often (fast-check's default keeps arrays short): past the slice's 8 older rows.
    { maxLength: 80, size: 'max' },
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
  // The caseload reaches 60 days back with sessions without a note and cancelled ones: the older
  // section must come out the same from the slice, sessions without a note included.
  it('shows the same rows and counts as the whole caseload (the first few of a long section)', () => {
    fc.assert(
      fc.property(caseload, fc.integer({ min: 1, max: 14 }), ({ sessions, notes }, draftReminderDays) => {
        const { sessionIds: ids, olderUnfinished } = todaySlicePlan(sessions, notes, now);
        const slice = {
          sessions: sessions.filter((s) => ids.has(s.id)),
          notes: notes.filter((n) => ids.has(n.sessionId)),
        };
        const limits = { lateEntryAfterHours: 48, draftReminderDays };
        const whole = todaySections({ clients: new Map(), sessions, notes, now }, limits);
        const fromSlice = todaySections({ clients: new Map(), ...slice, now, olderUnfinished }, limits);
        expect(fromSlice.map((s) => s.id)).toEqual(whole.map((s) => s.id));
        whole.forEach((section, i) => {
          const part = fromSlice[i]!;
          // Today shows every row of "Notes to write" and the first 8 of the others.
          const shown = section.id === 'unsigned' ? Infinity : SLICE_OLDER_UNFINISHED;
          expect(part.rows.slice(0, shown)).toEqual(section.rows.slice(0, shown));
          expect(part.total ?? part.rows.length).toBe(section.rows.length);
          expect(part.overdue).toBe(section.overdue);
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
    expect(plan.olderUnfinished).toBe(30);
    expect([...plan.sessionIds].sort()).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'].sort());
  });

  it('carries and counts older sessions with no note at all, but not cancelled ones without a note', () => {
    const sessions: Session[] = Array.from({ length: 12 }, (_, i) => ({
      id: `s${i}`,
      clientId: 'c',
      startsAt: at(-40 + i),
      durationMinutes: 50,
      modality: 'in-person',
      // s0 and s1, the oldest, were cancelled: s0 needs no note, s1 has a draft (still to finish).
      attendance: i < 2 ? 'cancelled' : 'attended',
    }));
    // Only s1 and s5 have a note (drafts); the other older sessions have none.
    const notes = ['s1', 's5'].map((sessionId) => ({ sessionId, status: 'draft' as const, signedAt: null }));
    const plan = todaySlicePlan(sessions, notes, now);
    expect(plan.olderUnfinished).toBe(11);
    expect([...plan.sessionIds].sort()).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].sort());
  });

  it('leaves out old sessions whose notes are signed and settled', () => {
    const sessions: Session[] = [
      {
        id: 'old',
        clientId: 'c',
        startsAt: at(-40),
        durationMinutes: 50,
        modality: 'in-person',
        attendance: 'attended',
      },
      {
        id: 'new',
        clientId: 'c',
        startsAt: at(-2),
        durationMinutes: 50,
        modality: 'in-person',
        attendance: 'attended',
      },
    ];
    const notes = [
      { sessionId: 'old', status: 'signed' as const, signedAt: at(-39) },
      { sessionId: 'new', status: 'signed' as const, signedAt: at(-1) },
    ];
    expect([...todaySlicePlan(sessions, notes, now).sessionIds]).toEqual(['new']);
  });
});
