import { describe, expect, it } from 'vitest';
import { PLAN_SIGNABLE_FORMAT, planSignableContent } from '../../../shared/domain/planSignableContent';
import { type TreatmentPlan, treatmentPlanSchema } from '../../../shared/domain/treatmentPlanSchema';

const plan: TreatmentPlan = treatmentPlanSchema.parse({
  id: '00000000-0000-4000-8000-000000000001',
  clientId: '11111111-1111-4111-8111-111111111111',
  version: 2,
  revises: '00000000-0000-4000-8000-000000000000',
  status: 'draft',
  problems: [{ id: '0a000000-0000-4000-8000-000000000001', text: 'Low mood' }],
  goals: [
    {
      id: '0b000000-0000-4000-8000-000000000001',
      text: 'Sleep through the night',
      objectives: [{ id: '0c000000-0000-4000-8000-000000000001', text: 'Six nights of seven' }],
    },
  ],
  interventions: [{ id: '0d000000-0000-4000-8000-000000000001', text: 'CBT-I' }],
  reviewDate: '2026-06-01',
  notes: 'Weekly',
  createdAt: '2026-01-01T09:00:00Z',
  updatedAt: '2026-01-01T09:00:00Z',
});

describe('planSignableContent', () => {
  it('names its format and leaves out status, signature and timestamps (they change around signing)', () => {
    const signed = {
      ...plan,
      status: 'signed' as const,
      signed: { at: '2026-01-02T10:00:00Z', by: 'Dr A', contentHash: 'ab'.repeat(32) },
      updatedAt: '2026-01-02T10:00:00Z',
    };
    expect(JSON.parse(planSignableContent(plan)).format).toBe(PLAN_SIGNABLE_FORMAT);
    expect(planSignableContent(signed)).toBe(planSignableContent(plan));
  });

  it('covers every clinical field, the version and what it revises', () => {
    const base = planSignableContent(plan);
    const changed: TreatmentPlan[] = [
      { ...plan, version: 3 },
      { ...plan, revises: null },
      { ...plan, reviewDate: '2026-07-01' },
      { ...plan, notes: 'Fortnightly' },
      { ...plan, problems: [] },
      { ...plan, interventions: [] },
      { ...plan, goals: [{ ...plan.goals[0]!, status: 'met' }] },
      {
        ...plan,
        goals: [
          { ...plan.goals[0]!, objectives: [{ ...plan.goals[0]!.objectives[0]!, measure: 'Sleep diary' }] },
        ],
      },
    ];
    for (const other of changed) expect(planSignableContent(other)).not.toBe(base);
  });
});
