import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPlans } from '../../../main/services/demo/demoPlans';
import { DEMO_CLINICIAN, FIXED_DEMO_END_DATE, generateDemo } from '../../../main/services/demo/generateDemo';
import { planSignatureIntact } from '../../../main/services/TreatmentPlanService';
import { currentPlan, planReviewDue } from '../../../shared/domain/currentPlan';
import { treatmentPlanSchema } from '../../../shared/domain/treatmentPlanSchema';
import { plural } from '../../../shared/plural';
import { cli, withOpenVault } from '../cli/cliTestKit';
import { tempDir } from '../helpers/tempDir';

describe('demoPlans', () => {
  const data = generateDemo({ clients: 40, sessionsPerClient: 20, seed: 3 });
  const plans = demoPlans(data.clients, data.sessions, DEMO_CLINICIAN);

  it('gives each client a signed plan from their concerns and goals, valid, its signature intact', () => {
    expect(new Set(plans.map((p) => p.clientId)).size).toBe(data.clients.length);
    for (const plan of plans) {
      expect(treatmentPlanSchema.parse(plan)).toEqual(plan);
      expect(plan.status).toBe('signed');
      expect(plan.signed?.by).toBe(DEMO_CLINICIAN);
      expect(planSignatureIntact(plan)).toBe(true);
    }
    const client = data.clients[0]!;
    const first = plans.find((p) => p.clientId === client.id && p.version === 1)!;
    expect(first.goals.map((g) => g.text)).toEqual(client.goals);
    expect(first.problems.map((p) => p.text)).toEqual(client.concerns);
  });

  it('revises past the first review, goal ids carried over, and leaves some reviews due on the end date', () => {
    const revisions = plans.filter((p) => p.version === 2);
    expect(revisions.length).toBeGreaterThan(0);
    for (const v2 of revisions) {
      const v1 = plans.find((p) => p.id === v2.revises)!;
      expect(v1.clientId).toBe(v2.clientId);
      expect(v2.goals.map((g) => g.id)).toEqual(v1.goals.map((g) => g.id));
      expect(v2.signed!.at >= v1.signed!.at).toBe(true);
    }
    const due = data.clients.filter((c) => {
      const plan = currentPlan(plans.filter((p) => p.clientId === c.id));
      return c.status === 'active' && plan !== null && planReviewDue(plan, FIXED_DEMO_END_DATE);
    });
    expect(due.length).toBeGreaterThan(0);
    expect(due.length).toBeLessThan(data.clients.length);
  });

  it('is the same every time', () => {
    expect(demoPlans(data.clients, data.sessions, DEMO_CLINICIAN)).toEqual(plans);
  });

  it('are written by attune demo, and attune verify finds nothing wrong', async () => {
    const dir = join(await tempDir(), 'demo');
    const made = await cli([
      'demo',
      dir,
      '--clients',
      '3',
      '--sessions',
      '20',
      '--seed',
      '4',
      '--end',
      '2025-06-27',
    ]);
    expect(made.code).toBe(0);
    const expected = generateDemo({ clients: 3, sessionsPerClient: 20, seed: 4, endDate: '2025-06-27' });
    const written = demoPlans(expected.clients, expected.sessions, DEMO_CLINICIAN);
    expect(made.out).toContain(
      `${plural(written.length, 'treatment plan version')}, ${plural(expected.safetyPlans.length, 'safety plan')}`,
    );
    expect(expected.safetyPlans.length).toBeGreaterThan(0);
    await withOpenVault(dir, async (vault) => {
      const stored = (await vault.getAll('treatment-plan')).map((r) => r.value);
      expect(stored).toEqual(expect.arrayContaining(written));
      expect((await vault.getAll('safety-plan')).map((r) => r.value)).toEqual(expected.safetyPlans);
    });
    const checked = await cli(['verify', dir]);
    expect(checked.code, checked.out + checked.err).toBe(0);
  }, 120_000);
});
