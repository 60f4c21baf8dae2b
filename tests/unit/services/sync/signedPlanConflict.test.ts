import { describe, expect, it } from 'vitest';
import { SyncService, type SyncServiceDeps } from '../../../../main/services/sync/SyncService';
import type { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { defaultSettings } from '../../../../shared/domain/settingsSchema';
import { AttuneError } from '../../../../shared/errors';
import { officeAndLaptop } from '../../vault/v2/syncFolder';
import { tempRootsPerTest } from '../../vault/v2/v2Kit';

const tempRoot = tempRootsPerTest('attune-plan-conflict-');

function serviceOver(vault: SyncedVault): SyncService {
  const deps: SyncServiceDeps = {
    synced: () => vault,
    writes: { writeMany: (work) => work() },
    settings: { get: async () => defaultSettings() },
    device: { name: async () => 'Office iMac', rename: async (next) => next },
    clock: () => new Date('2026-03-05T15:00:00.000Z'),
  };
  return new SyncService(deps);
}

const now = '2026-03-05T14:00:00.000Z';
const draft = {
  id: 'plan-1',
  clientId: 'client-1',
  version: 1,
  revises: null,
  status: 'draft',
  problems: [],
  goals: [
    {
      id: 'goal-1',
      text: 'Sleep through the night',
      problemIds: [],
      objectives: [],
      targetDate: null,
      status: 'active',
    },
  ],
  interventions: [],
  reviewDate: '2026-06-01',
  notes: '',
  createdAt: now,
  updatedAt: now,
};

const signedAt = '2026-03-05T14:30:00.000Z';
const signed = {
  ...draft,
  status: 'signed',
  signed: { at: signedAt, by: 'Dr A', contentHash: 'ab'.repeat(32) },
  updatedAt: signedAt,
};

async function signedHereEditedThere() {
  const { a, b, cross } = await officeAndLaptop(await tempRoot());
  await a.put('treatment-plan', draft.id, draft);
  await cross();
  await a.put('treatment-plan', draft.id, signed);
  await b.put('treatment-plan', draft.id, {
    ...draft,
    notes: 'Laptop: fortnightly',
    updatedAt: '2026-03-05T14:31:00.000Z',
  });
  await cross();
  return { a, b, cross };
}

type Plan = { id: string; version: number; status: string; revises: string | null; notes: string };

describe('a treatment plan signed on one computer while its draft was edited on another', () => {
  it('settles with no choice to offer: the signed version stays as signed, the other edits become a new draft version', async () => {
    const { a, b } = await signedHereEditedThere();
    const service = serviceOver(a);
    const before = await service.conflicts();
    if (!before.available) throw new Error('format 2 expected');
    // Nothing to choose, so nothing is offered (a choice that would then be refused).
    expect(before.value.conflicts.filter((c) => c.kind === 'treatment-plan')).toEqual([]);

    expect(await service.settleSigned()).toBe(true);
    expect(a.conflicts()).toEqual([]);
    expect(await a.get('treatment-plan', 'plan-1')).toEqual(signed);
    const plans = (await a.getAll<Plan>('treatment-plan')).map((r) => r.value);
    const kept = plans.find((p) => p.id !== 'plan-1');
    expect(kept).toMatchObject({ version: 2, status: 'draft', revises: 'plan-1' });
    expect(kept?.notes).toMatch(
      /^This draft keeps a version of the plan saved on .+ at \S+ while version 1 was being signed/,
    );
    expect(kept?.notes).toMatch(/Laptop: fortnightly$/);
    const audit = a.readAudit().map((e) => e.entry as { type: string; detail: { id?: string } });
    expect(audit.filter((e) => e.type === 'create' && e.detail.id === kept?.id)).toHaveLength(1);
    expect(audit.some((e) => e.type === 'conflict-resolved' && e.detail.id === 'plan-1')).toBe(true);
    // Settling again finds nothing to do.
    expect(await service.settleSigned()).toBe(false);
    await a.lock();
    await b.lock();
  });

  it('converges when both computers settle at once: one signed version and one kept draft', async () => {
    const { a, b, cross } = await signedHereEditedThere();
    let rounds = 0;
    for (; rounds < 6; rounds++) {
      if (a.conflicts().length === 0 && b.conflicts().length === 0) break;
      await serviceOver(a).settleSigned();
      await serviceOver(b).settleSigned();
      await cross();
    }
    expect(rounds).toBeLessThanOrEqual(2);
    const listed = async (vault: SyncedVault) =>
      (await vault.getAll<Plan>('treatment-plan')).map((r) => r.value).sort((x, y) => x.version - y.version);
    const [onA, onB] = [await listed(a), await listed(b)];
    expect(onA).toEqual(onB);
    expect(onA.map((p) => [p.version, p.status])).toEqual([
      [1, 'signed'],
      [2, 'draft'],
    ]);
    await a.lock();
    await b.lock();
  });

  it('refuses a choice made from a list shown before the conflict settled itself', async () => {
    const { a, b } = await signedHereEditedThere();
    const version = a.conflicts()[0]!.versions.find((v) => (v.value as Plan).status === 'draft')!;
    const refused = await serviceOver(a)
      .resolve('treatment-plan', 'plan-1', { type: 'version', versionId: version.opId })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AttuneError);
    expect((refused as AttuneError).message).toMatch(/signed on one of the computers/);
    expect(a.conflicts()).toHaveLength(1);
    await a.lock();
    await b.lock();
  });
});
