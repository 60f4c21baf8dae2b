import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault/Vault';
import { expectKind, newVault, PASS } from './kit';

describe('Vault behaviour', () => {
  it('validates kinds, ids, values and audit entries', async () => {
    const { vault } = await newVault();
    await expectKind(vault.put('Note', undefined, {}), 'invalid-input');
    await expectKind(vault.put('note', '../etc/passwd', {}), 'invalid-input');
    await expectKind(vault.put('note', undefined, undefined), 'invalid-input');
    await expectKind(vault.put('note', undefined, { n: 1n }), 'invalid-input');
    await expectKind(vault.get('note', 'a/b'), 'invalid-input');
    await expectKind(vault.get('note', 'absent'), 'not-found');
    await expectKind(
      vault.putMany([
        { kind: 'note', id: 'x', value: 1 },
        { kind: 'note', id: 'x', value: 2 },
      ]),
      'invalid-input',
    );
    await expectKind(vault.appendAudit('made-up' as 'export'), 'invalid-input');
    await expectKind(vault.appendAudit('export', { nested: {} as unknown as string }), 'invalid-input');
    await expectKind(
      vault.put('note', 'ok', 1, { type: 'create', detail: { n: Number.NaN } }),
      'invalid-input',
    );
    expect(vault.list()).toEqual([]);
    await vault.lock();
  });

  it('serialises concurrent saves: consecutive revisions, nothing lost, reads see a committed value', async () => {
    const { dir, vault } = await newVault({ checkpointEvery: 7 });
    const saves = Array.from({ length: 60 }, (_, i) => vault.put('note', `n${i % 3}`, { i }));
    const reads = Array.from({ length: 20 }, () => vault.getAll('note'));
    const metas = await Promise.all(saves);
    await Promise.all(reads);
    for (let k = 0; k < 3; k++) {
      expect(metas.filter((m) => m.id === `n${k}`).map((m) => m.rev)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    }
    expect(await vault.get('note', 'n2')).toEqual({ i: 59 });
    const [many] = await Promise.all([
      vault.putMany([
        { kind: 'note', value: 'a' },
        { kind: 'session', value: 'b' },
      ]),
      vault.delete('note', 'n0', { type: 'delete' }),
    ]);
    expect(many.map((m) => m.rev)).toEqual([1, 1]);
    const report = await vault.verify(); // with commits still only in the journal
    expect(report).toMatchObject({ ok: true, records: 4 });
    await vault.lock();
    const again = await Vault.open(dir, { passphrase: PASS });
    expect((await again.getAll('note')).map((r) => r.value).sort()).toEqual(
      ['a', { i: 58 }, { i: 59 }].sort(),
    );
    expect(await again.getAll('session')).toHaveLength(1);
    expect((await again.readAudit()).filter((e) => e.type === 'delete')[0]?.detail).toMatchObject({
      kind: 'note',
      id: 'n0',
      rev: 20,
    });
    await again.lock();
  });

  it('getAll and get agree, for records in the journal and in their files', async () => {
    const { dir, vault } = await newVault({ checkpointEvery: 5 });
    for (let i = 0; i < 12; i++) await vault.put('note', `n${i}`, { i, text: 'é'.repeat(i * 100) });
    const all = await vault.getAll('note');
    expect(all).toHaveLength(12);
    for (const { id, rev, value } of all) {
      expect(await vault.get('note', id)).toEqual(value);
      expect(vault.list('note').find((m) => m.id === id)?.rev).toBe(rev);
    }
    await vault.lock();
    const again = await Vault.open(dir, { passphrase: PASS });
    expect(await again.getAll('note')).toEqual(all);
    expect(await again.getAll('client')).toEqual([]);
    await again.lock();
  });

  it('removes leftovers of interrupted saves when opening', async () => {
    const { dir, vault } = await newVault();
    await vault.put('note', 'n', 1);
    await vault.lock();
    await writeFile(join(dir, 'manifest.bin.tmp-0123abcd'), 'half');
    await writeFile(join(dir, 'records', '00000000000000000000000000000000.rec.tmp-89abcdef'), 'half');
    const v = await Vault.open(dir, { passphrase: PASS });
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect((await readdir(join(dir, 'records'))).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect((await v.verify()).ok).toBe(true);
    await v.lock();
  });

  it('refuses to create over an existing vault or a non-empty folder, and backups inside the vault', async () => {
    const { dir, vault } = await newVault();
    await expectKind(vault.backup(join(dir, 'records', 'b')), 'invalid-input');
    await expectKind(vault.backup(dir), 'invalid-input');
    await vault.lock();
    const message = await expectKind(Vault.create(dir, PASS), 'vault-exists');
    expect(message).toMatch(/already a vault/);
    await expectKind(Vault.create(dir, ''), 'invalid-input');
    await expectKind(
      Vault.create(join(dir, '..', 'weak'), PASS, {
        kdf: { memoryKiB: 1024, iterations: 1, parallelism: 1 },
      }),
      'invalid-input',
    );
  });
});
