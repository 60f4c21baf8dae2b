import { describe, expect, it } from 'vitest';
import { todaySections } from '../../../renderer/src/features/today/todaySections';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';

const HOUR = 60 * 60 * 1000;
const now = new Date('2026-06-20T12:00:00.000Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();

const client = { id: 'c1', code: 'C-01' } as Client;
const session = (id: string, startsAt: string): Session => ({
  id,
  clientId: 'c1',
  startsAt,
  durationMinutes: 50,
  modality: 'in-person',
  attendance: 'attended',
});
const note = (sessionId: string, status: 'draft' | 'signed', signedAt: string | null = null) =>
  ({ id: `n-${sessionId}`, sessionId, clientId: 'c1', status, signedAt }) as NoteSummary;

describe('Today: notes to finish, overdue and late entries', () => {
  const sessions = [
    session('yesterday-no-note', ago(24)),
    session('three-days-draft', ago(72)),
    session('ten-days-no-note', ago(240)),
    session('month-old-draft', ago(30 * 24)),
    session('ahead-draft', ago(-48)),
    session('signed-on-time', ago(60)),
    session('signed-late', ago(100)),
  ];
  const notes = [
    note('three-days-draft', 'draft'),
    note('month-old-draft', 'draft'),
    note('ahead-draft', 'draft'),
    note('signed-on-time', 'signed', ago(40)), // 20 hours after its session
    note('signed-late', 'signed', ago(2)), // 98 hours after its session
  ];
  const source = { clients: new Map([['c1', client]]), sessions, notes, now };

  it('heads the first section “Notes to finish” and marks those past the reminder limit overdue', () => {
    const sections = todaySections(source, { lateEntryAfterHours: 48, draftReminderDays: 2 });
    const finish = sections.find((s) => s.id === 'unsigned')!;
    expect(finish.title).toBe('Notes to finish');
    expect(finish.rows.map((r) => [r.session.id, r.overdue])).toEqual([
      ['ten-days-no-note', true],
      ['three-days-draft', true],
      ['yesterday-no-note', false],
    ]);
    expect(finish.overdue).toBe(2);
    // Older sessions without a signed note are overdue; a draft written ahead is upcoming, not late.
    const older = sections.find((s) => s.id === 'drafts')!;
    expect(older.rows.map((r) => [r.session.id, r.overdue])).toEqual([['month-old-draft', true]]);
    expect(older.overdue).toBe(1);
    const upcoming = sections.find((s) => s.id === 'upcoming')!;
    expect(upcoming.rows.map((r) => [r.session.id, r.note?.status, r.overdue ?? false])).toEqual([
      ['ahead-draft', 'draft', false],
    ]);
  });

  it('follows the user’s limits', () => {
    const sections = todaySections(source, { lateEntryAfterHours: 120, draftReminderDays: 5 });
    expect(sections.find((s) => s.id === 'unsigned')!.overdue).toBe(1);
    const signed = sections.find((s) => s.id === 'signed')!;
    expect(signed.rows.length).toBeGreaterThan(0);
    expect(signed.rows.every((r) => r.late === null)).toBe(true);
  });

  it('labels recently signed notes signed past the late-entry limit, with the signing time', () => {
    const signed = todaySections(source, { lateEntryAfterHours: 48, draftReminderDays: 2 }).find(
      (s) => s.id === 'signed',
    )!;
    expect(signed.rows.map((r) => [r.session.id, r.late?.signedAt ?? null])).toEqual([
      ['signed-late', ago(2)],
      ['signed-on-time', null],
    ]);
  });

  it('uses the defaults (48 hours, 2 days) without limits given', () => {
    const sections = todaySections(source);
    expect(sections.find((s) => s.id === 'unsigned')!.overdue).toBe(2);
  });
});
