import { describe, expect, it } from 'vitest';
import {
  activeGoals,
  currentPlan,
  latestDraft,
  newestFirst,
  planReviewDue,
} from '../../../shared/domain/currentPlan';
import { type TreatmentPlan, treatmentPlanSchema } from '../../../shared/domain/treatmentPlanSchema';

const clientId = '11111111-1111-4111-8111-111111111111';
const hash = 'ab'.repeat(32);

function plan(version: number, status: 'draft' | 'signed', goals: [string, string][] = []): TreatmentPlan {
  return treatmentPlanSchema.parse({
    id: `00000000-0000-4000-8000-00000000000${version}`,
    clientId,
    version,
    status,
    problems: [],
    goals: goals.map(([id, st]) => ({ id, text: `Goal ${id}`, objectives: [], status: st })),
    interventions: [],
    reviewDate: '2026-06-01',
    signed: status === 'signed' ? { at: '2026-01-01T10:00:00Z', by: 'Dr A', contentHash: hash } : undefined,
    createdAt: '2026-01-01T09:00:00Z',
    updatedAt: '2026-01-01T09:00:00Z',
  });
}

const g1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const g2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const g3 = 'aaaaaaaa-0000-4000-8000-000000000003';

describe('currentPlan', () => {
  it('is null with no plans or only a draft', () => {
    expect(currentPlan([])).toBeNull();
    expect(currentPlan([plan(1, 'draft')])).toBeNull();
  });

  it('is the signed version with the highest number, in any order, ignoring a newer draft', () => {
    const plans = [plan(2, 'signed'), plan(3, 'draft'), plan(1, 'signed')];
    expect(currentPlan(plans)?.version).toBe(2);
    expect(latestDraft(plans)?.version).toBe(3);
    expect(newestFirst(plans).map((p) => p.version)).toEqual([3, 2, 1]);
  });

  it('latestDraft is null when every version is signed', () => {
    expect(latestDraft([plan(1, 'signed')])).toBeNull();
  });
});

describe('activeGoals', () => {
  it('lists the current signed plan’s active goals, not the draft revision’s', () => {
    const plans = [
      plan(1, 'signed', [
        [g1, 'active'],
        [g2, 'met'],
      ]),
      plan(2, 'draft', [[g3, 'active']]),
    ];
    expect(activeGoals(plans).map((g) => g.id)).toEqual([g1]);
  });

  it('falls back to the newest draft’s active goals before any version is signed', () => {
    const plans = [
      plan(1, 'draft', [
        [g1, 'discontinued'],
        [g2, 'active'],
      ]),
    ];
    expect(activeGoals(plans).map((g) => g.id)).toEqual([g2]);
  });

  it('is empty with no plan', () => {
    expect(activeGoals([])).toEqual([]);
  });
});

describe('planReviewDue', () => {
  it('is due from the review date on', () => {
    expect(planReviewDue({ reviewDate: '2026-06-01' }, '2026-05-31')).toBe(false);
    expect(planReviewDue({ reviewDate: '2026-06-01' }, '2026-06-01')).toBe(true);
    expect(planReviewDue({ reviewDate: '2026-06-01' }, '2027-01-10')).toBe(true);
  });
});
