import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_ROOT, findBackupSets, listBackupGenerations } from '../../../main/vault/backupSet';
import { tempDir } from '../helpers/tempDir';
import { newVault, PASS } from './kit';

const at = (iso: string) => new Date(iso);

describe('backupTo: generations', () => {
  it('writes a verified generation, then links unchanged records into the next one', async () => {
    const { vault } = await newVault();
    await vault.put('client', 'c1', { name: 'A' });
    await vault.put('note', 'n1', { text: 'first' });
    await vault.put('note', 'n2', { text: 'second' });
    const folder = await tempDir();
    const first = await vault.backupTo(folder, { now: at('2026-12-01T10:00:00Z') });
    expect(first.generation).toBe('2026-12-01T10-00-00Z');
    expect(first.verify.ok).toBe(true);
    expect(first.copiedFiles).toBe(3);
    expect(first.linkedFiles).toBe(0);
    await vault.put('note', 'n2', { text: 'second, changed' });
    const second = await vault.backupTo(folder, { now: at('2026-12-01T11:00:00Z') });
    expect(second.copiedFiles).toBe(1);
    expect(second.linkedFiles).toBe(2);
    const setDir = join(folder, BACKUP_ROOT, vault.id);
    expect((await readdir(setDir)).sort()).toEqual(['2026-12-01T10-00-00Z', '2026-12-01T11-00-00Z']);
    const sets = await findBackupSets(folder);
    expect(sets).toEqual([
      { vaultId: vault.id, generations: ['2026-12-01T11-00-00Z', '2026-12-01T10-00-00Z'] },
    ]);
    const listed = await listBackupGenerations(folder, PASS);
    expect(listed[0]!.generations.map((g) => [g.name, g.clients, g.notes, g.readable])).toEqual([
      ['2026-12-01T11-00-00Z', 1, 2, true],
      ['2026-12-01T10-00-00Z', 1, 2, true],
    ]);
    await stat(setDir);
    await vault.lock();
  });
});
