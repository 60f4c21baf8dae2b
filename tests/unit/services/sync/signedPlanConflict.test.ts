import { describe, expect, it } from 'vitest';
import { SyncService, type SyncServiceDeps } from '../../../../main/services/sync/SyncService';
import type { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { defaultSettings } from '../../../../shared/domain/settingsSchema';
import { AttuneError } from '../../../../shared/errors';
import { officeAndLaptop, syncFolder } from '../../vault/v2/syncFolder';
import { A, B, tempRootsPerTest } from '../../vault/v2/v2Kit';

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

describe('a treatment plan signed on one computer while its draft was edited on another', () => {
  it('keeps the signed version: choosing the other computer’s draft is refused, the signed one is accepted', async () => {
    const { a, b, dirA, dirB } = await officeAndLaptop(await tempRoot());
    const cross = async () => {
      await a.settled();
      await b.settled();
      await syncFolder(dirA, dirB, B);
      await syncFolder(dirB, dirA, A);
      await a.refresh();
      await b.refresh();
    };
    await a.put('treatment-plan', draft.id, draft);
    await cross();
    const signed = {
      ...draft,
      status: 'signed',
      signed: { at: '2026-03-05T14:30:00.000Z', by: 'Dr A', contentHash: 'ab'.repeat(32) },
      updatedAt: '2026-03-05T14:30:00.000Z',
    };
    await a.put('treatment-plan', draft.id, signed);
    await b.put('treatment-plan', draft.id, {
      ...draft,
      notes: 'Laptop: fortnightly',
      updatedAt: '2026-03-05T14:31:00.000Z',
    });
    await cross();

    const service = serviceOver(a);
    const listed = await service.conflicts();
    if (!listed.available) throw new Error('format 2 expected');
    const conflict = listed.value.conflicts.find((c) => c.kind === 'treatment-plan');
    expect(conflict?.versions).toHaveLength(2);
    const signedVersion = conflict!.versions.find(
      (v) => (v.value as { status: string }).status === 'signed',
    )!;
    const draftVersion = conflict!.versions.find((v) => v !== signedVersion)!;
    const refused = await service
      .resolve('treatment-plan', 'plan-1', { type: 'version', versionId: draftVersion.versionId })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AttuneError);
    expect((refused as AttuneError).message).toMatch(/signed on one of the computers/);
    await service.resolve('treatment-plan', 'plan-1', {
      type: 'version',
      versionId: signedVersion.versionId,
    });
    expect(await a.get<{ status: string }>('treatment-plan', 'plan-1')).toMatchObject({ status: 'signed' });
  });
});
