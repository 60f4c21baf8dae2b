import { describe, expect, it } from 'vitest';
import { currentSafetyPlan } from '../../../shared/domain/currentSafetyPlan';
import { byDiagnosisStanding, type Diagnosis } from '../../../shared/domain/diagnosisSchema';
import type { SafetyPlan } from '../../../shared/domain/riskSchema';

const dx = (code: string, rank: Diagnosis['rank'], status: Diagnosis['status'], diagnosedOn: string) => ({
  code,
  rank,
  status,
  diagnosedOn,
});

describe('byDiagnosisStanding', () => {
  it('lists current diagnoses first, the primary first among them, then the newest; ended ones last', () => {
    const list = [
      dx('F32.1', 'primary', 'resolved', '2025-01-10'),
      dx('F43.10', 'secondary', 'provisional', '2026-02-01'),
      dx('F41.1', 'primary', 'active', '2026-01-05'),
      dx('F40.10', 'secondary', 'active', '2025-11-20'),
      dx('F51.01', 'secondary', 'active', '2026-02-15'),
      dx('F60.3', 'secondary', 'ruled-out', '2026-02-20'),
    ];
    expect([...list].sort(byDiagnosisStanding).map((d) => d.code)).toEqual([
      'F41.1',
      'F51.01',
      'F40.10',
      'F43.10',
      'F32.1',
      'F60.3',
    ]);
  });
});

describe('currentSafetyPlan', () => {
  const plan = (id: string, clientId: string, updatedAt: string) =>
    ({ id, clientId, updatedAt }) as SafetyPlan;
  it('is the client’s latest revision, the same whichever order the plans come in; null without one', () => {
    const plans = [
      plan('a', 'c1', '2026-03-01T10:00:00.000Z'),
      plan('b', 'c1', '2026-03-02T10:00:00.000Z'),
      plan('c', 'c2', '2026-03-09T10:00:00.000Z'),
      plan('d', 'c1', '2026-03-02T10:00:00.000Z'),
    ];
    expect(currentSafetyPlan(plans, 'c1')?.id).toBe('d');
    expect(currentSafetyPlan([...plans].reverse(), 'c1')?.id).toBe('d');
    expect(currentSafetyPlan(plans, 'c3')).toBeNull();
  });
});
