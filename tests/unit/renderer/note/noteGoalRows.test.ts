import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../../../renderer/src/data/hooks';
import { earlierProgress, noteGoalRows } from '../../../../renderer/src/features/note/noteGoalRows';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';

const hash = 'ab'.repeat(32);
type Goal = [id: string, text: string, status?: 'active' | 'met' | 'revised' | 'discontinued'];

function plan(version: number, signedAt: string | null, goals: Goal[]): TreatmentPlan {
  return {
    id: `plan-${version}`,
    clientId: 'c1',
    version,
    revises: version > 1 ? `plan-${version - 1}` : null,
    status: signedAt ? 'signed' : 'draft',
    problems: [],
    goals: goals.map(([id, text, status = 'active']) => ({
      id,
      text,
      problemIds: [],
      objectives: [],
      targetDate: id === 'sleep' ? '2026-06-30' : null,
      status,
    })),
    interventions: [],
    reviewDate: '2026-09-01',
    notes: '',
    ...(signedAt ? { signed: { at: signedAt, by: 'Dr A', contentHash: hash } } : {}),
    createdAt: '2026-01-01T09:00:00Z',
    updatedAt: '2026-01-01T09:00:00Z',
  };
}

// Version 1, signed in January: sleep and walking. Version 2, signed in March: sleep reworded,
// walking met (no longer active), friends added. A draft version 3 adds work.
const plans = [
  plan(1, '2026-01-10T10:00:00Z', [
    ['sleep', 'Sleep better'],
    ['walk', 'Walk daily'],
  ]),
  plan(2, '2026-03-01T10:00:00Z', [
    ['sleep', 'Sleep six hours on most nights'],
    ['walk', 'Walk daily', 'met'],
    ['friends', 'See a friend every week'],
  ]),
  plan(3, null, [['work', 'Return to work']]),
];

describe('noteGoalRows', () => {
  it('a draft lists the signed plan’s active goals, unticked, in its words and with target dates', () => {
    const rows = noteGoalRows(plans, [], false, null);
    expect(rows.map((r) => [r.goalId, r.text, r.targetDate, r.entry])).toEqual([
      ['sleep', 'Sleep six hours on most nights', '2026-06-30', undefined],
      ['friends', 'See a friend every week', null, undefined],
    ]);
  });

  it('a draft keeps a goal it addressed that is no longer active, after the active ones', () => {
    const walk = { goalId: 'walk', progress: 3, comment: 'Met: walks every day.' };
    const friends = { goalId: 'friends', progress: 1, comment: '' };
    const rows = noteGoalRows(plans, [walk, friends], false, null);
    expect(rows.map((r) => [r.goalId, r.text, r.index])).toEqual([
      ['sleep', 'Sleep six hours on most nights', -1],
      ['friends', 'See a friend every week', 1],
      ['walk', 'Walk daily', 0],
    ]);
    expect(rows[2]!.entry).toBe(walk);
  });

  it('a signed note lists only what it addressed, as the plan read when it was signed', () => {
    const addressed = [{ goalId: 'sleep', progress: 0, comment: 'Still waking at 4.' }];
    const february = noteGoalRows(plans, addressed, true, '2026-02-14T12:00:00Z');
    expect(february.map((r) => [r.text, r.entry?.progress])).toEqual([['Sleep better', 0]]);
    const april = noteGoalRows(plans, addressed, true, '2026-04-01T12:00:00Z');
    expect(april[0]!.text).toBe('Sleep six hours on most nights');
  });

  it('names a goal no version holds any more, and has nothing to list without plans', () => {
    const rows = noteGoalRows(plans, [{ goalId: 'gone', progress: null, comment: '' }], true, null);
    expect(rows[0]!.text).toBe('A goal no longer in any version of the plan');
    expect(noteGoalRows([], [], false, null)).toEqual([]);
  });
});

describe('earlierProgress', () => {
  const row = (id: string, startsAt: string, goals?: Array<[string, number | null]>): SessionRow => ({
    session: {
      id,
      clientId: 'c1',
      startsAt,
      durationMinutes: 50,
      modality: 'in-person',
      attendance: 'attended',
    },
    note: goals && {
      id: `n-${id}`,
      sessionId: id,
      clientId: 'c1',
      templateId: 'soap',
      status: 'signed',
      updatedAt: startsAt,
      signedAt: startsAt,
      ratings: { affective: null, cognitive: null, developmental: null, rhythmic: null, empathic: null },
      ruptures: [],
      judgments: { therapistContribution: null, overallResolution: null },
      participation: {
        bodySensations: false,
        namedFeelings: false,
        feedbackToTherapist: false,
        mindfulBreathing: false,
      },
      emotions: [],
      feedback: null,
      goalProgress: goals.map(([goalId, progress]) => ({ goalId, progress })),
    },
  });
  // Out of order, with an offset: s2 (09:00+01:00 = 08:00Z) comes before s3 on the same day.
  const rows = [
    row('s3', '2026-02-09T10:00:00Z'),
    row('s1', '2026-02-02T10:00:00Z', [
      ['sleep', 0],
      ['friends', 1],
    ]),
    row('s4', '2026-02-16T10:00:00Z', [['sleep', 3]]),
    row('s2', '2026-02-09T09:00:00+01:00', [['sleep', 2]]),
    row('s0', '2026-01-26T10:00:00Z'),
  ];

  it('gives each goal its level in the latest earlier session that addressed it, never a later one', () => {
    const earlier = earlierProgress(rows, 's3');
    expect(earlier.get('sleep')).toMatchObject({ startsAt: '2026-02-09T09:00:00+01:00', level: 2 });
    expect(earlier.get('friends')).toMatchObject({ startsAt: '2026-02-02T10:00:00Z', level: 1 });
    expect(earlierProgress(rows, 's1').size).toBe(0);
    expect(earlierProgress(rows, 'unknown').size).toBe(0);
  });
});
