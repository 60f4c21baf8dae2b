import { describe, expect, it } from 'vitest';
import { describeDamage, type RecordSource } from '../../../main/services/check/describeDamage';
import { SyncService } from '../../../main/services/sync/SyncService';
import { defaultSettings } from '../../../shared/domain/settingsSchema';
import { describeDamagedRecord } from '../../../shared/domain/vaultCheckReport';
import { officeAndLaptop } from '../vault/v2/syncFolder';
import { tempRootsPerTest } from '../vault/v2/v2Kit';

const tempRoot = tempRootsPerTest('attune-named-records-');
const client = { id: 'client-1', code: 'C-014', displayName: 'Rose M.' };
const records: Record<string, Record<string, unknown>> = {
  client: { 'client-1': client },
  'treatment-plan': { 'plan-1': { id: 'plan-1', clientId: 'client-1', version: 2 } },
  diagnosis: {
    'dx-1': { id: 'dx-1', clientId: 'client-1', code: 'F41.1', description: 'Generalized anxiety disorder' },
  },
  'safety-plan': { 'sp-1': { id: 'sp-1', clientId: 'client-1' } },
};
const source: RecordSource = {
  get: async <T>(kind: string, id: string) => records[kind]?.[id] as T | undefined,
  all: async <T>(kind: string) => Object.values(records[kind] ?? {}) as T[],
};
const date = (iso: string) => iso.slice(0, 10);

describe('a client’s plan, diagnosis and safety plan are named in reports, not called “other”', () => {
  it('names each damaged one with its client (and which plan version or diagnosis)', async () => {
    const refs = [
      { kind: 'treatment-plan', id: 'plan-1', cause: 'damaged' as const },
      { kind: 'diagnosis', id: 'dx-1', cause: 'missing' as const },
      { kind: 'safety-plan', id: 'sp-1', cause: 'replaced' as const },
      { kind: 'safety-plan', id: 'sp-lost', cause: 'missing' as const },
    ];
    const described = await describeDamage(refs, [source]);
    expect(described.map((r) => r.what)).toEqual([
      'treatment-plan',
      'diagnosis',
      'safety-plan',
      'safety-plan',
    ]);
    expect(described.map((r) => describeDamagedRecord(r, date))).toEqual([
      'The treatment plan, version 2, for client C-014 (Rose M.)',
      'The diagnosis F41.1 (Generalized anxiety disorder) for client C-014 (Rose M.)',
      'A safety plan for client C-014 (Rose M.)',
      'A safety plan',
    ]);
  });

  it('describes a diagnosis edited on two computers at once as a diagnosis of its client', async () => {
    const { a, b, cross } = await officeAndLaptop(await tempRoot());
    const dx = { ...(records.diagnosis!['dx-1'] as object), comment: '' };
    await a.put('client', client.id, client);
    await a.put('diagnosis', 'dx-1', dx);
    await cross();
    await a.put('diagnosis', 'dx-1', { ...dx, comment: 'Office' });
    await b.put('diagnosis', 'dx-1', { ...dx, comment: 'Laptop' });
    await cross();
    const service = new SyncService({
      synced: () => a,
      writes: { writeMany: (work) => work() },
      settings: { get: async () => defaultSettings() },
      device: { name: async () => 'Office iMac', rename: async (n) => n },
      clock: () => new Date('2026-03-05T15:00:00.000Z'),
    });
    const listed = await service.conflicts();
    if (!listed.available) throw new Error('format 2 expected');
    expect(listed.value.conflicts).toEqual([
      expect.objectContaining({ what: 'diagnosis', client: { code: 'C-014', displayName: 'Rose M.' } }),
    ]);
    await a.lock();
    await b.lock();
  });
});
