import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { todaySections } from '../../../renderer/src/features/today/todaySections';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { todaySessionIds } from '../../../shared/summaries/todaySlice';

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
  it('gives the same sections as the whole caseload, with far fewer sessions on a long caseload', () => {
    fc.assert(
      fc.property(caseload, ({ sessions, notes }) => {
        const ids = todaySessionIds(sessions, notes, now);
        const slice = {
          sessions: sessions.filter((s) => ids.has(s.id)),
          notes: notes.filter((n) => ids.has(n.sessionId)),
        };
        const whole = todaySections({ clients: new Map(), sessions, notes, now });
        const fromSlice = todaySections({ clients: new Map(), ...slice, now });
        expect(fromSlice).toEqual(whole);
      }),
      { numRuns: 300 },
    );
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
    expect([...todaySessionIds(sessions, notes, now)]).toEqual(['new']);
  });
});
