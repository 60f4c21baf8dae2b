import { describe, expect, it } from 'vitest';
import { monthNoteRows } from '../../../renderer/src/features/charts/caseloadRows';
import { caseloadMetrics } from '../../../shared/analytics/caseloadMetrics';
import { note, session } from '../analytics/fixtures';

/**
 * The list a month of the caseload's chart opens holds the sessions that month counts: those that
 * took place. A cancelled session, a no-show or a session still to come is not a session "without
 * a note" to a supervisor reading the list.
 */
describe("a month's sessions on the caseload page", () => {
  const now = '2026-03-20T12:00:00.000Z';
  const sessions = [
    session('held', '2026-03-02T10:00:00.000Z'),
    session('unwritten', '2026-03-05T10:00:00.000Z'),
    session('cancelled', '2026-03-09T10:00:00.000Z', 'client-a', { attendance: 'cancelled' }),
    session('no-show', '2026-03-12T10:00:00.000Z', 'client-a', { attendance: 'no-show' }),
    session('to-come', '2026-03-27T10:00:00.000Z'),
  ];
  const notes = [note('held'), note('cancelled')];
  const codes = new Map([['client-a', 'C-1']]);

  it('lists the sessions the month counts, no more', () => {
    const rows = monthNoteRows(sessions, notes, codes, '2026-03', {}, now);
    expect(rows.map((r) => [r.sessionId, r.status])).toEqual([
      ['held', 'Draft'],
      ['unwritten', 'No note'],
    ]);
    const month = caseloadMetrics(sessions, notes, { now }).months.find((m) => m.month === '2026-03');
    expect(month?.sessions).toBe(rows.length);
  });
});
