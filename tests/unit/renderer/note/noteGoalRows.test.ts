import { describe, expect, it } from 'vitest';
import { noteGoalRows } from '../../../../renderer/src/features/note/noteGoalRows';
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
