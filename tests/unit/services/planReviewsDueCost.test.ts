import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services/createServices';
import { type TreatmentPlan, treatmentPlanSchema } from '../../../shared/domain/treatmentPlanSchema';
import { openServices, PASS } from './serviceKit';

const CLIENTS = 500;
const VERSIONS = 3;

/** Version `v` of client `c`'s plan: older versions signed, the newest a draft for every other client. */
function plan(c: number, v: number): TreatmentPlan {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const id = `${hex(c, 8)}-${hex(v, 4)}-4000-8000-000000000000`;
  const draft = v === VERSIONS && c % 2 === 0;
  const at = `2025-0${v}-01T10:00:00.000Z`;
  return treatmentPlanSchema.parse({
    id,
    clientId: `${hex(c, 8)}-0000-4000-8000-000000000000`,
    version: v,
    revises: v === 1 ? null : `${hex(c, 8)}-${hex(v - 1, 4)}-4000-8000-000000000000`,
    status: draft ? 'draft' : 'signed',
    problems: [{ id: `${hex(c, 8)}-${hex(v, 4)}-4000-8000-000000000001`, text: 'Low mood' }],
    goals: [
      {
        id: `${hex(c, 8)}-0000-4000-8000-000000000002`,
        text: 'Sleep through the night',
        objectives: [{ id: `${hex(c, 8)}-0000-4000-8000-000000000003`, text: 'Six nights of seven' }],
      },
    ],
    interventions: [],
    // Half the clients' plans are past review.
    reviewDate: c % 4 < 2 ? '2025-05-01' : '2026-05-01',
    signed: draft ? undefined : { at, by: 'Dr A', contentHash: 'ab'.repeat(32) },
    createdAt: at,
    updatedAt: at,
  });
}

describe('plans:reviewsDue cost (Today asks for it after unlock)', () => {
  it(`answers over ${CLIENTS * VERSIONS} plan versions of ${CLIENTS} clients right after an unlock (time printed)`, async () => {
    const { services, session } = await openServices();
    await services.bulkWrites.writeMany(async (vault) => {
      for (let c = 0; c < CLIENTS; c++)
        for (let v = 1; v <= VERSIONS; v++) await vault.put('treatment-plan', plan(c, v).id, plan(c, v));
    });
    // Cold, as after unlock: a fresh store decrypts the plans on first use.
    await session.lock('quit');
    await session.unlock({ passphrase: PASS });
    const cold = createServices(session);
    let started = performance.now();
    const due = await cold.plans.reviewsDue('2025-06-27');
    const coldMs = performance.now() - started;
    started = performance.now();
    await cold.plans.reviewsDue('2025-06-27');
    const warmMs = performance.now() - started;
    console.info(
      `[plans] reviewsDue over ${CLIENTS * VERSIONS} versions: cold ${coldMs.toFixed(1)} ms, warm ${warmMs.toFixed(1)} ms`,
    );
    // Speed is printed, not asserted (a busy machine is slow, not wrong); what is checked is the answer
    // after a fresh unlock, cold and warm.
    expect(due).toHaveLength(CLIENTS / 2);
    expect(await cold.plans.reviewsDue('2025-06-27')).toEqual(due);
  }, 120_000);
});
