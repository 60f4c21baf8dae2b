import { describe, expect, it } from 'vitest';
import { settleSignedPlan } from '../../../../main/services/sync/settleSignedPlan';
import { type TreatmentPlan, treatmentPlanSchema } from '../../../../shared/domain/treatmentPlanSchema';

const draft = treatmentPlanSchema.parse({
  id: 'plan-1',
  clientId: 'client-1',
  version: 1,
  status: 'draft',
  problems: [],
  goals: [{ id: 'goal-1', text: 'Sleep through the night', objectives: [] }],
  interventions: [],
  reviewDate: '2026-06-01',
  createdAt: '2026-03-05T14:00:00.000Z',
  updatedAt: '2026-03-05T14:00:00.000Z',
});
const signedBy = (plan: TreatmentPlan, by: string, at: string): TreatmentPlan => ({
  ...plan,
  status: 'signed',
  signed: { at, by, contentHash: 'ab'.repeat(32) },
  updatedAt: at,
});
const version = (opId: string, deviceName: string, value: TreatmentPlan | null) => ({
  opId,
  deviceName,
  at: '2026-03-05T15:00:00.000Z',
  deleted: value === null,
  value,
});

describe('settleSignedPlan', () => {
  it('keeps the earliest signature when the version was signed on both computers over other content; the later one becomes a draft', () => {
    const early = signedBy(draft, 'Dr A', '2026-03-05T14:30:00.000Z');
    const late = signedBy({ ...draft, reviewDate: '2026-07-01' }, 'Dr B', '2026-03-05T14:40:00.000Z');
    const other = { ...draft, id: 'plan-0', version: 3 };
    const settled = settleSignedPlan(
      [version('bb:2:0', 'Laptop', late), version('aa:1:0', 'Office', early)],
      [other],
    );
    expect(settled?.plan).toEqual(early);
    expect(settled?.from).toEqual(['Laptop']);
    expect(settled?.kept).toHaveLength(1);
    const kept = settled!.kept[0]!;
    expect(kept).toMatchObject({
      id: 'sync-bb-2-0',
      version: 4,
      revises: 'plan-1',
      status: 'draft',
      reviewDate: '2026-07-01',
    });
    expect(kept.signed).toBeUndefined();
    expect(kept.notes).toMatch(/signed on Laptop by Dr B .*that signature is not carried over/);
    // A draft kept by an earlier settlement is not made twice.
    expect(
      settleSignedPlan([version('bb:2:0', 'Laptop', late), version('aa:1:0', 'Office', early)], [kept])?.kept,
    ).toEqual([]);
  });

  it('keeps nothing more when the other copy has the signed content or is a deletion; null with no signature', () => {
    const signed = signedBy(draft, 'Dr A', '2026-03-05T14:30:00.000Z');
    expect(
      settleSignedPlan([version('aa:1:0', 'Office', signed), version('bb:1:0', 'Laptop', draft)], []),
    ).toEqual({
      plan: signed,
      kept: [],
      from: ['Laptop'],
    });
    expect(
      settleSignedPlan([version('aa:1:0', 'Office', signed), version('bb:1:0', 'Laptop', null)], [])?.kept,
    ).toEqual([]);
    expect(
      settleSignedPlan([version('aa:1:0', 'Office', draft), version('bb:1:0', 'Laptop', draft)], []),
    ).toBeNull();
  });
});
