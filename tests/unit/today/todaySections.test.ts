import { describe, expect, it } from 'vitest';
import { type TodaySection, todaySections } from '../../../renderer/src/features/today/todaySections';
import { quarterHourStarted } from '../../../renderer/src/format/dates';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';

const now = new Date('2025-06-20T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

const client: Client = {
  id: 'c1',
  code: 'C-01',
  startDate: '2025-01-01',
  status: 'active',
  concerns: [],
  goals: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

function session(id: string, startsAt: string, attendance: Session['attendance'] = 'attended'): Session {
  return { id, clientId: 'c1', startsAt, durationMinutes: 50, modality: 'in-person', attendance };
}

function note(sessionId: string, status: 'draft' | 'signed', signedAt: string | null = null): NoteSummary {
  return {
    id: `n-${sessionId}`,
    sessionId,
    clientId: 'c1',
    templateId: 'soap',
    status,
    updatedAt: signedAt ?? daysAgo(0),
    signedAt,
    ratings: {} as NoteSummary['ratings'],
    ruptures: [],
    judgments: {} as NoteSummary['judgments'],
    participation: {} as NoteSummary['participation'],
    emotions: [],
    feedback: null,
  };
}

const ids = (sections: TodaySection[], id: string) =>
  sections.find((s) => s.id === id)?.rows.map((r) => r.session.id);

describe('Today', () => {
  const sessions = [
    session('recent-no-note', daysAgo(1)),
    session('oldest-draft', daysAgo(13)),
    session('middle-no-note', daysAgo(6)),
    session('too-old-no-note', daysAgo(20)),
    session('too-old-draft', daysAgo(30)),
    session('forgotten-no-note', daysAgo(25)),
    session('cancelled', daysAgo(3), 'cancelled'),
    session('cancelled-long-ago', daysAgo(25), 'cancelled'),
    session('signed-month-ago', daysAgo(28)),
    session('signed-yesterday', daysAgo(2)),
    session('signed-long-ago', daysAgo(12)),
    session('signed-today', daysAgo(1)),
    session('tomorrow', daysAgo(-1)),
    session('next-week', daysAgo(-7)),
    session('ahead-with-draft', daysAgo(-2)),
    session('called-off-ahead', daysAgo(-3), 'cancelled'),
  ];
  const notes = [
    note('oldest-draft', 'draft'),
    note('too-old-draft', 'draft'),
    note('signed-yesterday', 'signed', daysAgo(1)),
    note('signed-long-ago', 'signed', daysAgo(11)),
    note('signed-month-ago', 'signed', daysAgo(27)),
    note('signed-today', 'signed', daysAgo(0.1)),
    note('ahead-with-draft', 'draft'),
  ];
  const sections = todaySections({ clients: new Map([['c1', client]]), sessions, notes, now });

  it('lists sessions of the last two weeks without a signed note, oldest first, cancelled ones left out', () => {
    expect(ids(sections, 'unsigned')).toEqual(['oldest-draft', 'middle-no-note', 'recent-no-note']);
    const first = sections[0]?.rows[0];
    expect(first?.note?.status).toBe('draft');
    expect(first?.client?.code).toBe('C-01');
  });

  it('lists older sessions without a signed note, draft or none, oldest first, each overdue', () => {
    const older = sections.find((s) => s.id === 'drafts')!;
    expect(older.title).toBe('Older notes to finish');
    // The session forgotten 25 days ago, with no note at all, is the one Today must not hide.
    expect(ids(sections, 'drafts')).toEqual(['too-old-draft', 'forgotten-no-note', 'too-old-no-note']);
    expect(older.rows.map((r) => [r.note?.status ?? 'none', r.overdue])).toEqual([
      ['draft', true],
      ['none', true],
      ['none', true],
    ]);
    expect(older.overdue).toBe(3);
  });

  it('leaves out an older cancelled session without a note, and older signed notes', () => {
    for (const s of sections) {
      expect(s.rows.map((r) => r.session.id)).not.toContain('cancelled-long-ago');
      expect(s.rows.map((r) => r.session.id)).not.toContain('signed-month-ago');
    }
  });

  it('lists notes signed in the last week, newest signature first', () => {
    expect(ids(sections, 'signed')).toEqual(['signed-today', 'signed-yesterday']);
  });

  it('lists sessions still to come, soonest first, a note written ahead with its draft, not one called off', () => {
    expect(ids(sections, 'upcoming')).toEqual(['tomorrow', 'ahead-with-draft', 'next-week']);
    const ahead = sections.find((s) => s.id === 'upcoming')!.rows[1]!;
    expect(ahead.note?.status).toBe('draft');
    expect(ahead.overdue).toBeUndefined();
  });

  it('has every section, each with what will appear, on an empty vault', () => {
    const empty = todaySections({ clients: new Map(), sessions: [], notes: [], now });
    expect(empty.map((s) => s.id)).toEqual(['unsigned', 'drafts', 'signed', 'upcoming']);
    for (const s of empty) {
      expect(s.rows).toEqual([]);
      expect(s.empty).toMatch(/appear here/);
    }
  });

  it('starts a new session at the quarter hour now is in, never after now', () => {
    expect(quarterHourStarted(new Date('2025-06-20T12:07:29.000Z')).toISOString()).toBe(
      '2025-06-20T12:00:00.000Z',
    );
    // Rounded to the nearest, 12:08 gave 12:15: a session after its note was signed, listed as "next".
    expect(quarterHourStarted(new Date('2025-06-20T12:08:00.000Z')).toISOString()).toBe(
      '2025-06-20T12:00:00.000Z',
    );
    expect(quarterHourStarted(new Date('2025-06-20T23:53:00.000Z')).toISOString()).toBe(
      '2025-06-20T23:45:00.000Z',
    );
    expect(quarterHourStarted(new Date('2025-06-20T12:15:00.000Z')).toISOString()).toBe(
      '2025-06-20T12:15:00.000Z',
    );
  });
});
