import { describe, expect, it } from 'vitest';
import type { SafetyPlanSaveInput } from '../../../shared/ipc/contracts/safetyPlanContract';
import { clientInput, expectKind, openServices } from '../services/serviceKit';

const planFor = (clientId: string, expectedUpdatedAt: string | null): SafetyPlanSaveInput => ({
  clientId,
  warningSigns: ['Not sleeping', 'Stops answering messages'],
  copingStrategies: ['Walk the dog'],
  distractions: ['Café on Elm Street'],
  contacts: [{ name: 'Sam (sister)', reach: '555-0101' }],
  professionals: [{ name: 'Dr. Lee', reach: 'Clinic 555-0199' }],
  crisisLines: [{ name: '988 Suicide & Crisis Lifeline', reach: 'Call or text 988' }],
  safeEnvironment: 'Medication kept by Sam.',
  reasonsForLiving: ['My children'],
  reviewedOn: '2025-03-14',
  expectedUpdatedAt,
});

describe('SafetyPlanService', () => {
  it('creates one plan per client, revises it in place and audits each save without its text', async () => {
    const { services, session } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    expect(await services.safetyPlans.get(client.id)).toBeNull();
    const first = await services.safetyPlans.save(planFor(client.id, null));
    expect(first).toMatchObject({
      clientId: client.id,
      warningSigns: ['Not sleeping', 'Stops answering messages'],
    });
    expect(await services.safetyPlans.get(client.id)).toEqual(first);
    const revised = await services.safetyPlans.save({
      ...planFor(client.id, first.updatedAt),
      copingStrategies: ['Walk the dog', 'Cold water on the face'],
    });
    expect(revised.id).toBe(first.id);
    expect(revised.createdAt).toBe(first.createdAt);
    expect(revised.updatedAt > first.updatedAt).toBe(true);
    expect(session.vault.list('safety-plan')).toHaveLength(1);
    const audit = (await session.vault.readAudit()).filter((e) => e.detail.kind === 'safety-plan');
    expect(audit.map((e) => e.type)).toEqual(['create', 'update']);
    expect(JSON.stringify(audit)).not.toContain('sleeping');
  });

  it('refuses a save over a version it did not start from, and a second first plan', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const first = await services.safetyPlans.save(planFor(client.id, null));
    await services.safetyPlans.save(planFor(client.id, first.updatedAt));
    // Another window still holding the first version.
    const message = await expectKind(
      services.safetyPlans.save(planFor(client.id, first.updatedAt)),
      'conflict',
    );
    expect(message).toMatch(/still in the form/);
    await expectKind(services.safetyPlans.save(planFor(client.id, null)), 'conflict');
  });

  it('says what to fix in an invalid plan, and refuses an unknown client', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const message = await expectKind(
      services.safetyPlans.save({ ...planFor(client.id, null), warningSigns: ['  '] }),
      'invalid-input',
    );
    expect(message).toMatch(/warning sign needs some text/);
    await expectKind(
      services.safetyPlans.save(planFor('00000000-0000-4000-8000-000000000000', null)),
      'not-found',
    );
    expect(await services.safetyPlans.get(client.id)).toBeNull();
  });
});
