import { describe, expect, it } from 'vitest';
import { goalTexts } from '../../../shared/domain/goalTexts';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';

type PlanVersion = Pick<TreatmentPlan, 'version' | 'status' | 'signed' | 'goals'>;
const hash = 'ab'.repeat(32);

function version(n: number, signedAt: string | null, goals: Array<[id: string, text: string]>): PlanVersion {
  return {
    version: n,
    status: signedAt ? 'signed' : 'draft',
    signed: signedAt ? { at: signedAt, by: 'Dr A', contentHash: hash } : undefined,
    goals: goals.map(([id, text]) => ({
      id,
      text,
      problemIds: [],
      objectives: [],
      targetDate: null,
      status: 'active',
    })),
  };
}

// Version 1 signed in January; version 2 rewords goal A and drops goal B, signed in March; a
// draft version 3 rewords A again and adds C.
const plans = [
  version(3, null, [
    ['A', 'Sleep seven hours on most nights'],
    ['C', 'Return to work part-time'],
  ]),
  version(1, '2025-01-10T10:00:00Z', [
    ['A', 'Sleep better'],
    ['B', 'See friends weekly'],
  ]),
  version(2, '2025-03-01T10:00:00Z', [['A', 'Sleep six hours on most nights']]),
];

describe('goalTexts', () => {
  it('reads each goal as the newest signed version has it, then a draft’s goals', () => {
    expect(Object.fromEntries(goalTexts(plans))).toEqual({
      A: 'Sleep six hours on most nights',
      B: 'See friends weekly',
      C: 'Return to work part-time',
    });
  });

  it('reads a signed note’s goals as the plan stood when the note was signed', () => {
    const february = goalTexts(plans, '2025-02-14T12:00:00Z');
    expect(february.get('A')).toBe('Sleep better');
    expect(february.get('B')).toBe('See friends weekly');
    expect(goalTexts(plans, '2025-03-01T10:00:00Z').get('A')).toBe('Sleep six hours on most nights');
    // Signed before any plan was: the signed wording still names the goal.
    expect(goalTexts(plans, '2024-12-01T00:00:00Z').get('A')).toBe('Sleep six hours on most nights');
  });

  it('is empty with no plans', () => {
    expect(goalTexts([]).size).toBe(0);
  });
});
