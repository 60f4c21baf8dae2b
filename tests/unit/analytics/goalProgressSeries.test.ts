import { describe, expect, it } from 'vitest';
import {
  type GoalProgressNote,
  goalProgressSeries,
  rememberedGoalProgressSeries,
} from '../../../shared/analytics/goalProgressSeries';
import { note, session } from './fixtures';

const sessions = [
  session('s3', '2025-02-03T10:00:00Z'),
  session('s1', '2025-01-06T10:00:00Z'),
  session('s2', '2025-01-20T10:00:00Z'),
  session('s4', '2025-02-17T10:00:00Z'),
  session('other', '2025-01-10T10:00:00Z', 'client-b'),
];

/** Four sessions: goal A addressed in 1, 3, 4; goal B in 2 and 4; session 2's level left unrated. */
const notes: GoalProgressNote[] = [
  { ...note('s1'), goalProgress: [{ goalId: 'A', progress: 0, comment: 'Named the pattern.' }] },
  { ...note('s2'), goalProgress: [{ goalId: 'B', progress: null, comment: '' }] },
  { ...note('s3'), goalProgress: [{ goalId: 'A', progress: 1, comment: 'Slept 6 hours twice.' }] },
  {
    ...note('s4'),
    goalProgress: [
      { goalId: 'B', progress: 2, comment: 'Called a friend.' },
      { goalId: 'A', progress: 3, comment: 'Met.' },
    ],
  },
];

describe('goalProgressSeries', () => {
  it('gives each goal its levels and comments in session order, whatever the input order', () => {
    const series = goalProgressSeries(sessions, [...notes].reverse());
    expect(series.map((s) => s.goalId)).toEqual(['A', 'B']);
    const [a, b] = series;
    expect(a!.points.map((p) => [p.date, p.level, p.comment, p.noteId])).toEqual([
      ['2025-01-06', 0, 'Named the pattern.', 'note-s1'],
      ['2025-02-03', 1, 'Slept 6 hours twice.', 'note-s3'],
      ['2025-02-17', 3, 'Met.', 'note-s4'],
    ]);
    expect(a).toMatchObject({ rated: 3, first: 0, latest: 3 });
    // Addressed but not rated: a point with no level, not counted as rated.
    expect(b!.points.map((p) => p.level)).toEqual([null, 2]);
    expect(b).toMatchObject({ rated: 1, first: 2, latest: 2 });
  });

  it('keeps to the date range, both ends included', () => {
    const series = goalProgressSeries(sessions, notes, { range: { from: '2025-01-20', to: '2025-02-03' } });
    expect(series.map((s) => [s.goalId, s.points.map((p) => p.sessionId)])).toEqual([
      ['B', ['s2']],
      ['A', ['s3']],
    ]);
  });

  it('orders goals as asked (the plan’s order), others after by first session', () => {
    expect(goalProgressSeries(sessions, notes, { order: ['B'] }).map((s) => s.goalId)).toEqual(['B', 'A']);
    expect(goalProgressSeries(sessions, notes, { order: ['X', 'A', 'B'] }).map((s) => s.goalId)).toEqual([
      'A',
      'B',
    ]);
  });

  it('reads summaries (ids and levels only) with no comment, and notes from before issue 15 as none', () => {
    const summaries: GoalProgressNote[] = [
      { ...note('s1'), goalProgress: [{ goalId: 'A', progress: 1 }] },
      note('s2'), // no goalProgress field at all
      { ...note('s3'), goalProgress: [] },
    ];
    const [a, ...rest] = goalProgressSeries(sessions, summaries);
    expect(rest).toEqual([]);
    expect(a!.points).toEqual([
      {
        sessionId: 's1',
        noteId: 'note-s1',
        startsAt: '2025-01-06T10:00:00Z',
        date: '2025-01-06',
        level: 1,
        comment: null,
      },
    ]);
  });

  it('uses the last-updated note of a session that has two, and skips sessions without a note', () => {
    const older = {
      ...note('s1', { id: 'old', updatedAt: '2025-01-06T11:00:00Z' }),
      goalProgress: [{ goalId: 'A', progress: -1 }],
    };
    const newer = {
      ...note('s1', { id: 'new', updatedAt: '2025-01-07T11:00:00Z' }),
      goalProgress: [{ goalId: 'A', progress: 2 }],
    };
    const [a] = goalProgressSeries(sessions, [newer, older]);
    expect(a!.points.map((p) => [p.noteId, p.level])).toEqual([['new', 2]]);
    expect(goalProgressSeries([], notes)).toEqual([]);
  });

  it('refuses a malformed range, and is remembered over the same inputs', () => {
    expect(() => goalProgressSeries(sessions, notes, { range: { from: '06/01/2025' } })).toThrow(RangeError);
    const first = rememberedGoalProgressSeries(sessions, notes, { range: { from: '2025-01-01' } });
    expect(rememberedGoalProgressSeries(sessions, notes, { range: { from: '2025-01-01' } })).toBe(first);
    expect(rememberedGoalProgressSeries(sessions, [...notes], { range: { from: '2025-01-01' } })).not.toBe(
      first,
    );
  });
});

describe('goalProgressSeries and sessions that did not take place', () => {
  it('charts only the sessions held by now, as every other count does', () => {
    const now = '2025-03-01T12:00:00Z';
    const mixed = [
      session('held', '2025-02-03T10:00:00Z'),
      session('cancelled', '2025-02-10T10:00:00Z', 'client-a', { attendance: 'cancelled' }),
      session('to-come', '2025-03-03T10:00:00Z'),
      session('signed-early', '2025-03-04T10:00:00Z'),
    ];
    const addressed = (sessionId: string, status: 'draft' | 'signed' = 'draft'): GoalProgressNote => ({
      ...note(sessionId),
      status,
      goalProgress: [{ goalId: 'A', progress: 1, comment: '' }],
    });
    const series = goalProgressSeries(
      mixed,
      [addressed('held'), addressed('cancelled'), addressed('to-come'), addressed('signed-early', 'signed')],
      { now },
    );
    // A signed note says its session took place, as sessionStanding has it.
    expect(series[0]!.points.map((p) => p.sessionId)).toEqual(['held', 'signed-early']);
  });
});
