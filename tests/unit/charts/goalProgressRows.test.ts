import { describe, expect, it } from 'vitest';
import {
  chartGoals,
  cut,
  goalOrder,
  goalRows,
  goalsSummary,
  levelWords,
} from '../../../renderer/src/features/charts/goalProgressRows';
import { goalProgressSeries } from '../../../shared/analytics/goalProgressSeries';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { note, session } from '../analytics/fixtures';

const hash = 'ab'.repeat(32);

function plan(version: number, signed: boolean, goals: Array<[string, string]>): TreatmentPlan {
  return {
    id: `plan-${version}`,
    clientId: 'client-a',
    version,
    revises: version > 1 ? `plan-${version - 1}` : null,
    status: signed ? 'signed' : 'draft',
    problems: [],
    goals: goals.map(([id, text]) => ({
      id,
      text,
      problemIds: [],
      objectives: [],
      targetDate: null,
      status: 'active',
    })),
    interventions: [],
    reviewDate: '2026-06-01',
    notes: '',
    ...(signed ? { signed: { at: `2026-0${version}-01T10:00:00Z`, by: 'Dr A', contentHash: hash } } : {}),
    createdAt: '2026-01-01T09:00:00Z',
    updatedAt: '2026-01-01T09:00:00Z',
  };
}

// Version 2 (signed) rewords the sleep goal and lists friends before sleep; a goal only version 1 had ("old").
const plans = [
  plan(1, true, [
    ['sleep', 'Sleep better'],
    ['old', 'Walk daily'],
  ]),
  plan(2, true, [
    ['friends', 'See a friend every week'],
    ['sleep', 'Sleep six hours on most nights'],
  ]),
];

const sessions = [
  session('s1', '2026-02-02T10:00:00Z'),
  session('s2', '2026-02-09T10:00:00Z'),
  session('s3', '2026-02-16T10:00:00Z'),
];
const notes = [
  {
    ...note('s1'),
    goalProgress: [
      { goalId: 'sleep', progress: 0 },
      { goalId: 'old', progress: null },
    ],
  },
  { ...note('s2'), goalProgress: [{ goalId: 'friends', progress: 1 }] },
  {
    ...note('s3'),
    goalProgress: [
      { goalId: 'sleep', progress: 2 },
      { goalId: 'friends', progress: 1 },
    ],
  },
];

describe('goal progress chart rows', () => {
  const series = goalProgressSeries(sessions, notes, { order: goalOrder(plans) });
  const goals = chartGoals(series, plans);
  const rows = goalRows(series);

  it('orders goals as the current plan does, older versions’ goals after, and names them in its words', () => {
    expect(goalOrder(plans)).toEqual(['friends', 'sleep', 'old']);
    expect(goals.map((g) => g.label)).toEqual([
      '1. See a friend every week',
      '2. Sleep six hours on most nights',
      '3. Walk daily',
    ]);
    // Each goal its own line style.
    expect(new Set(goals.map((g) => g.style.color)).size).toBe(3);
  });

  it('gives one row per session that addressed a goal, with only the goals addressed then', () => {
    expect(rows.map((r) => [r.index, r.date, r.noteId, r.levels])).toEqual([
      [0, '2026-02-02', 'note-s1', { sleep: 0, old: null }],
      [1, '2026-02-09', 'note-s2', { friends: 1 }],
      [2, '2026-02-16', 'note-s3', { sleep: 2, friends: 1 }],
    ]);
  });

  it('says in words how each goal moved', () => {
    expect(goalsSummary(goals, rows.length, ' from Feb 1, 2026')).toBe(
      'Progress on 3 goals over 3 sessions from Feb 1, 2026: ' +
        '1. See a friend every week addressed 2 times, latest Some progress; ' +
        '2. Sleep six hours on most nights addressed 2 times, latest Marked progress (first No change); ' +
        '3. Walk daily addressed once, progress not rated.',
    );
    expect(goalsSummary([], 0, '')).toBe('No session addressed a treatment goal.');
  });

  it('names a goal no plan version holds, reads levels in words and cuts long labels', () => {
    expect(chartGoals(series, [])[0]!.label).toBe('1. A goal no longer in the plan');
    expect([-1, 0, 1, 2, 3, null].map(levelWords)).toEqual([
      'Moved away',
      'No change',
      'Some progress',
      'Marked progress',
      'Goal met',
      'Progress not rated',
    ]);
    expect(cut('x'.repeat(61))).toHaveLength(60);
    expect(cut('short')).toBe('short');
  });
});
