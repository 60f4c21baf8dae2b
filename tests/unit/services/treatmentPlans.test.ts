import { describe, expect, it } from 'vitest';
import { planContentHashOf, planSignatureIntact } from '../../../main/services/TreatmentPlanService';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { clientInput, expectKind, openServices, TEST_CLINICIAN } from './serviceKit';

const active: TreatmentPlan['goals'][number]['status'] = 'active';
const problemId = '0a000000-0000-4000-8000-000000000001';
const goalA = '0b000000-0000-4000-8000-000000000001';
const goalB = '0b000000-0000-4000-8000-000000000002';
const objectiveA = '0c000000-0000-4000-8000-000000000001';
const interventionId = '0d000000-0000-4000-8000-000000000001';

/** A draft's content with two goals, one with a measurable objective. */
function content(plan: TreatmentPlan, reviewDate = '2025-06-14') {
  return {
    id: plan.id,
    expectedUpdatedAt: plan.updatedAt,
    problems: [{ id: problemId, text: 'Low mood since the divorce' }],
    goals: [
      {
        id: goalA,
        text: 'Feel like myself again',
        problemIds: [problemId],
        objectives: [
          { id: objectiveA, text: 'PHQ-9 under 10', measure: 'PHQ-9 monthly', targetDate: '2025-06-01' },
        ],
        targetDate: null,
        status: active,
      },
      { id: goalB, text: 'Sleep through the night', objectives: [], status: active },
    ],
    interventions: [{ id: interventionId, text: 'Weekly CBT, behavioural activation' }],
    reviewDate,
  };
}

async function withSignedPlan() {
  const harness = await openServices();
  const { services } = harness;
  const client = await services.clients.create(clientInput('TP-01'));
  const draft = await services.plans.create(client.id);
  const saved = await services.plans.save(content(draft));
  const signed = await services.plans.sign(saved.id, saved.updatedAt);
  return { ...harness, client, signed };
}

describe('TreatmentPlanService', () => {
  it('starts the first plan as an empty draft, version 1, reviewed in a quarter, audited', async () => {
    const { services, session } = await openServices();
    const client = await services.clients.create(clientInput('TP-01'));
    const draft = await services.plans.create(client.id);
    expect(draft).toMatchObject({
      clientId: client.id,
      version: 1,
      revises: null,
      status: 'draft',
      goals: [],
    });
    // The stepping clock starts on 2025-03-14: 90 days on.
    expect(draft.reviewDate).toBe('2025-06-12');
    expect(await services.plans.list(client.id)).toEqual([draft]);
    await expectKind(services.plans.create(client.id), 'conflict');
    const audit = (await session.vault.readAudit()).filter((e) => e.detail.kind === 'treatment-plan');
    expect(audit.map((e) => e.type)).toEqual(['create']);
  });

  it('saves a draft only over the version it was made on (optimistic concurrency)', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('TP-01'));
    const draft = await services.plans.create(client.id);
    const saved = await services.plans.save(content(draft));
    expect(saved.goals.map((g) => g.text)).toEqual(['Feel like myself again', 'Sleep through the night']);
    expect(saved.updatedAt > draft.updatedAt).toBe(true);
    // A second editor still on the first version is refused rather than saving over it.
    const message = await expectKind(services.plans.save(content(draft, '2025-07-01')), 'conflict');
    expect(message).toMatch(/saved again elsewhere/);
    expect((await services.plans.list(client.id))[0]?.reviewDate).toBe('2025-06-14');
  });

  it('refuses invalid content with the field’s own words', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('TP-01'));
    const draft = await services.plans.create(client.id);
    const bad = content(draft);
    bad.goals[0] = { ...bad.goals[0]!, text: '   ' };
    expect(await expectKind(services.plans.save(bad), 'invalid-input')).toMatch(/Write the goal/);
    const badDate = { ...content(draft), reviewDate: '2025-02-30' };
    expect(await expectKind(services.plans.save(badDate), 'invalid-input')).toMatch(/yyyy-mm-dd/);
  });

  it('signs with the clinician’s name and a hash of the signable content; a signed version never changes', async () => {
    const { services, session, signed, client } = await withSignedPlan();
    expect(signed.status).toBe('signed');
    expect(signed.signed?.by).toBe(TEST_CLINICIAN);
    expect(signed.signed?.contentHash).toBe(planContentHashOf(signed));
    expect(planSignatureIntact(signed)).toBe(true);
    expect(planSignatureIntact({ ...signed, reviewDate: '2030-01-01' })).toBe(false);

    const save = await expectKind(services.plans.save(content(signed)), 'read-only');
    expect(save).toMatch(/signed and can’t be changed.*Revise plan/);
    await expectKind(services.plans.sign(signed.id, signed.updatedAt), 'conflict');
    await expectKind(services.plans.discard(signed.id), 'read-only');
    expect(await services.plans.list(client.id)).toEqual([signed]);
    const audit = (await session.vault.readAudit()).filter((e) => e.detail.kind === 'treatment-plan');
    expect(audit.map((e) => e.type)).toEqual(['create', 'sign']);
    expect(audit[1]?.detail.contentHash).toBe(signed.signed?.contentHash);
  });

  it('refuses to sign a plan without goals, or without the clinician’s name', async () => {
    const { services } = await openServices({}, null);
    const client = await services.clients.create(clientInput('TP-01'));
    const draft = await services.plans.create(client.id);
    expect(await expectKind(services.plans.sign(draft.id, draft.updatedAt), 'invalid-input')).toMatch(
      /at least one goal/,
    );
    const saved = await services.plans.save(content(draft));
    expect(await expectKind(services.plans.sign(saved.id, saved.updatedAt), 'invalid-input')).toMatch(
      /Enter your name/,
    );
    // Signing what the editor has not seen saved is refused too.
    await services.settings.update({ clinicianName: 'Dr. B' });
    await expectKind(services.plans.sign(saved.id, draft.updatedAt), 'conflict');
  });

  it('revises into version 2 copied from the signed one, one draft at a time; version 1 stays as signed', async () => {
    const { services, client, signed } = await withSignedPlan();
    const revision = await services.plans.revise(client.id);
    expect(revision).toMatchObject({ version: 2, revises: signed.id, status: 'draft' });
    expect(revision.signed).toBeUndefined();
    // Goal and objective ids carry over, so notes' progress follows the goals.
    expect(revision.goals.map((g) => g.id)).toEqual([goalA, goalB]);
    expect(revision.goals[0]?.objectives[0]?.id).toBe(objectiveA);
    await expectKind(services.plans.revise(client.id), 'conflict');

    const met = content(revision, '2025-09-14');
    met.goals[1] = { ...met.goals[1]!, status: 'met' };
    const saved = await services.plans.save(met);
    const v2 = await services.plans.sign(saved.id, saved.updatedAt);
    const [newest, oldest] = await services.plans.list(client.id);
    expect(newest).toEqual(v2);
    expect(oldest).toEqual(signed);
    expect(planSignatureIntact(oldest!)).toBe(true);
    expect((await services.plans.revise(client.id)).version).toBe(3);
  });

  it('discards a draft revision (audited) and can revise again', async () => {
    const { services, session, client } = await withSignedPlan();
    const revision = await services.plans.revise(client.id);
    expect(await services.plans.discard(revision.id)).toBeNull();
    expect((await services.plans.list(client.id)).map((p) => p.version)).toEqual([1]);
    expect((await services.plans.revise(client.id)).version).toBe(2);
    const audit = (await session.vault.readAudit()).filter((e) => e.detail.kind === 'treatment-plan');
    expect(audit.map((e) => e.type)).toEqual(['create', 'sign', 'create', 'delete', 'create']);
    await expectKind(services.plans.discard(revision.id), 'not-found');
  });

  it('lists reviews due: each current client’s signed plan from its review date on, not drafts', async () => {
    const { services, client, signed } = await withSignedPlan();
    expect(await services.plans.reviewsDue('2025-06-13')).toEqual([]);
    const due = [{ clientId: client.id, planId: signed.id, version: 1, reviewDate: '2025-06-14' }];
    expect(await services.plans.reviewsDue('2025-06-14')).toEqual(due);
    // A draft revision with a later date does not hide the signed plan's review.
    const revision = await services.plans.revise(client.id);
    await services.plans.save(content(revision, '2026-01-01'));
    expect(await services.plans.reviewsDue('2025-07-01')).toEqual(due);
    // A client with only a draft has no review due.
    const other = await services.clients.create(clientInput('TP-02'));
    await services.plans.create(other.id);
    expect(await services.plans.reviewsDue('2099-01-01')).toHaveLength(1);
    // A closed client's plan is not reviewed any more; reopened, the reminder is back.
    await services.clients.setStatus(client.id, 'closed');
    expect(await services.plans.reviewsDue('2099-01-01')).toEqual([]);
    await services.clients.setStatus(client.id, 'active');
    expect(await services.plans.reviewsDue('2099-01-01')).toHaveLength(1);
  });
});
