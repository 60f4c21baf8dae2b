import { describe, expect, it } from 'vitest';
import { type TodaySection, todaySections } from '../../../renderer/src/features/today/todaySections';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { quarterHourStarted } from '../../../renderer/src/format/dates';

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
    session('cancelled', daysAgo(3), 'cancelled'),
    session('signed-yesterday', daysAgo(2)),
    session('signed-long-ago', daysAgo(12)),
    session('signed-today', daysAgo(1)),
    session('tomorrow', daysAgo(-1)),
    session('next-week', daysAgo(-7)),
    session('ahead-with-draft', daysAgo(-2)),
  ];
  const notes = [
    note('oldest-draft', 'draft'),
    note('too-old-draft', 'draft'),
    note('signed-yesterday', 'signed', daysAgo(1)),
    note('signed-long-ago', 'signed', daysAgo(11)),
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

  it('lists the other drafts (older sessions, or written ahead) oldest first', () => {
    expect(ids(sections, 'drafts')).toEqual(['too-old-draft', 'ahead-with-draft']);
  });

  it('lists notes signed in the last week, newest signature first', () => {
    expect(ids(sections, 'signed')).toEqual(['signed-today', 'signed-yesterday']);
  });

  it('lists sessions still to come, soonest first', () => {
    expect(ids(sections, 'upcoming')).toEqual(['tomorrow', 'next-week']);
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
