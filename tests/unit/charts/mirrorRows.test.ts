import { describe, expect, it } from 'vitest';
import { changeText, outcomeRows, participationRows } from '../../../renderer/src/features/charts/mirrorRows';
import { clientMirror } from '../../../shared/analytics/mirror';
import { feedback, note, rupture, session } from '../analytics/fixtures';

/**
 * s1 feedback 36; s2 no note, outcome rating only; s3 a resolved rupture, no feedback;
 * s4 an unresolved rupture and feedback 30. Outcome ratings at s2 (24) and s4 (26).
 */
const sessions = [
  session('s1', '2025-01-06T10:00:00Z'),
  session('s2', '2025-01-13T10:00:00Z'),
  session('s3', '2025-01-20T10:00:00Z'),
  session('s4', '2025-01-27T10:00:00Z'),
];
const notes = [
  note('s1', { feedback: feedback(9, 9, 9, 9) }),
  note('s3', { ruptures: [rupture({ outcome: 'resolved' })], participation: ['namedFeelings'] }),
  note('s4', { ruptures: [rupture({ outcome: 'unresolved' })], feedback: feedback(7.5, 7.5, 7.5, 7.5) }),
];

describe('mirror rows', () => {
  it('put the outcomes and the rupture episodes on one time axis, each episode with its status', () => {
    const rows = outcomeRows(clientMirror('client-a', sessions, notes));
    expect(rows.map((r) => [r.sessionId, r.outcome, r.episode?.status ?? null, r.noteId])).toEqual([
      ['s1', 36, null, 'note-s1'],
      ['s3', null, 'resolved', 'note-s3'],
      ['s4', 30, 'unresolved', 'note-s4'],
    ]);
    expect(rows.map((r) => r.index)).toEqual([0, 1, 2]);
    // s3 has no feedback, nor has s2 just before it: s1's, two sessions back, is not paired.
    expect(rows[1]!.episode?.change).toBeNull();
  });

  it('take the outcome rating where the client has one, sessions without a note included', () => {
    const totals = new Map([
      ['s2', 24],
      ['s4', 26],
    ]);
    const rows = outcomeRows(clientMirror('client-a', sessions, notes, { outcomeTotals: totals }));
    expect(rows.map((r) => [r.sessionId, r.outcome, r.noteId])).toEqual([
      ['s2', 24, null],
      ['s3', null, 'note-s3'],
      ['s4', 26, 'note-s4'],
    ]);
    expect(rows[1]!.episode?.change).toBe(2);
  });

  it('list participation per noted session, and write changes signed', () => {
    const rows = participationRows(clientMirror('client-a', sessions, notes));
    expect(rows.map((r) => [r.sessionId, r.count])).toEqual([
      ['s1', 0],
      ['s3', 1],
      ['s4', 0],
    ]);
    expect([changeText(null), changeText(2), changeText(-6), changeText(0)]).toEqual([
      '—',
      '+2.0',
      '−6.0',
      '0.0',
    ]);
  });
});
