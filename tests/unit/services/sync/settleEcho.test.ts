import { describe, expect, it } from 'vitest';
import { SyncService, type SyncServiceDeps } from '../../../../main/services/sync/SyncService';
import type { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { emptyNote } from '../../../../shared/domain/emptyNote';
import type { Note } from '../../../../shared/domain/noteSchema';
import { defaultSettings } from '../../../../shared/domain/settingsSchema';
import { builtInTemplates } from '../../../../shared/domain/templates';
import { officeAndLaptop } from '../../vault/v2/syncFolder';
import { tempRootsPerTest } from '../../vault/v2/v2Kit';

const tempRoot = tempRootsPerTest('attune-settle-echo-');
const soap = builtInTemplates.find((t) => t.id === 'soap') ?? builtInTemplates[0]!;

function serviceOver(vault: SyncedVault, at: string) {
  const deps: SyncServiceDeps = {
    synced: () => vault,
    writes: { writeMany: (work) => work() },
    settings: { get: async () => defaultSettings() },
    device: { name: async () => 'x', rename: async (n) => n },
    clock: () => new Date(at),
  };
  return new SyncService(deps);
}

describe('settling a signed note on two computers at once', () => {
  it('converges: the settlements of both computers do not settle each other for ever', async () => {
    const { a, b, cross } = await officeAndLaptop(await tempRoot());
    const now = '2026-03-05T14:00:00.000Z';
    const note = emptyNote({ id: 'note-1', sessionId: 's', clientId: 'c', template: soap, now });
    await a.put('note', note.id, note);
    await cross();
    await a.put('note', note.id, {
      ...note,
      status: 'signed',
      signed: { at: '2026-03-05T14:30:00.000Z', by: 'Dr Rivera', contentHash: 'ab'.repeat(32) },
      updatedAt: '2026-03-05T14:30:00.000Z',
    } satisfies Note);
    await b.put('note', note.id, { ...note, plan: 'Laptop afterthought.' });
    await cross();
    let rounds = 0;
    for (; rounds < 6; rounds++) {
      if (a.conflicts().length === 0 && b.conflicts().length === 0) break;
      await serviceOver(a, `2026-03-05T15:0${rounds}:00.000Z`).settleSigned();
      await serviceOver(b, `2026-03-05T15:0${rounds}:30.000Z`).settleSigned();
      await cross();
    }
    expect(rounds).toBeLessThanOrEqual(2);
    const [x, y] = [await a.get<Note>('note', 'note-1'), await b.get<Note>('note', 'note-1')];
    expect(x).toEqual(y);
    expect(x.addenda).toHaveLength(1);
    await a.lock();
    await b.lock();
  });
});
