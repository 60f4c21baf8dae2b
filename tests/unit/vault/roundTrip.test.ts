import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF } from '../../../main/vault/kdf';
import { Vault } from '../../../main/vault/Vault';
import { expectKind, expectKindSync, hashTree, newVault, PASS } from './kit';

describe('Vault round trip', () => {
  it('creates, saves, reads, lists, deletes, locks and reopens', async () => {
    const { dir, vault } = await newVault();
    expect(await Vault.isVault(dir)).toBe(true);
    const a = await vault.put('note', undefined, { text: 'first', n: 1 });
    expect(a.rev).toBe(1);
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    const b = await vault.put('client', 'c1', { name: 'Client One' });
    const a2 = await vault.put('note', a.id, { text: 'second', n: 2 });
    expect(a2.rev).toBe(2);
    expect(await vault.get('note', a.id)).toEqual({ text: 'second', n: 2 });
    expect(vault.list().length).toBe(2);
    expect(vault.list('client')).toEqual([{ kind: 'client', id: 'c1', rev: 1 }]);
    expect((await vault.getAll('note')).map((r) => r.value)).toEqual([{ text: 'second', n: 2 }]);
    await vault.delete('client', b.id);
    await expectKind(vault.get('client', b.id), 'not-found');
    await expectKind(vault.delete('client', b.id), 'not-found');
    await vault.lock();
    expect(vault.isLocked).toBe(true);

    const again = await Vault.open(dir, { passphrase: PASS });
    expect(again.list()).toEqual([{ kind: 'note', id: a.id, rev: 2 }]);
    expect(await again.get('note', a.id)).toEqual({ text: 'second', n: 2 });
    const types = (await again.readAudit()).map((e) => e.type);
    expect(types).toEqual(['vault-create', 'lock', 'unlock']);
    const report = await again.verify();
    expect(report).toEqual({ ok: true, records: 1, auditEntries: 3, problems: [] });
    await again.lock();
  });

  it('throws locked for every call after lock, and lock is idempotent', async () => {
    const { vault } = await newVault();
    const { id } = await vault.put('note', undefined, 'x');
    const locking = vault.lock();
    expectKindSync(() => vault.list(), 'locked');
    await locking;
    await vault.lock();
    await expectKind(vault.get('note', id), 'locked');
    await expectKind(vault.getAll('note'), 'locked');
    await expectKind(vault.put('note', id, 'y'), 'locked');
    await expectKind(vault.putMany([{ kind: 'note', value: 1 }]), 'locked');
    await expectKind(vault.delete('note', id), 'locked');
    await expectKind(vault.appendAudit('export'), 'locked');
    await expectKind(vault.readAudit(), 'locked');
    await expectKind(vault.verify(), 'locked');
    await expectKind(vault.changePassphrase('new'), 'locked');
    await expectKind(vault.backup('/tmp/nowhere-attune'), 'locked');
  });

  it('writes files with mode 0600 and names that reveal nothing', async () => {
    const { dir, vault } = await newVault();
    await vault.put('client', 'jane-doe', { name: 'Jane Doe' });
    await vault.lock();
    const names = await readdir(join(dir, 'records'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[0-9a-f]{32}\.rec$/);
    for (const file of Object.keys(await hashTree(dir))) {
      expect(((await stat(join(dir, file))).mode & 0o777).toString(8)).toBe('600');
      expect(file).not.toMatch(/jane|client/i);
    }
  });

  it('opens with the recovery key and records it in the audit log', async () => {
    const { dir, vault, recoveryKey } = await newVault();
    await vault.put('note', 'n1', { t: 1 });
    await vault.lock();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    const sloppy = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const v = await Vault.open(dir, { recoveryKey: sloppy });
    expect(await v.get('note', 'n1')).toEqual({ t: 1 });
    expect((await v.readAudit()).at(-1)?.type).toBe('recovery');
    await v.lock();
  });

  it('changes the passphrase without re-encrypting records', async () => {
    const { dir, vault, recoveryKey } = await newVault();
    for (let i = 0; i < 3; i++) await vault.put('note', `n${i}`, { i });
    await vault.lock();
    const v = await Vault.open(dir, { passphrase: PASS });
    const before = await hashTree(join(dir, 'records'));
    await v.changePassphrase('a brand new passphrase');
    expect(await hashTree(join(dir, 'records'))).toEqual(before);
    await v.lock();
    expect(await hashTree(join(dir, 'records'))).toEqual(before);
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'wrong-passphrase');
    const n = await Vault.open(dir, { passphrase: 'a brand new passphrase' });
    expect(await n.get('note', 'n2')).toEqual({ i: 2 });
    expect((await n.readAudit()).map((e) => e.type)).toContain('passphrase-change');
    await n.lock();
    const r = await Vault.open(dir, { recoveryKey });
    expect(await r.get('note', 'n0')).toEqual({ i: 0 });
    await r.lock();
  });

  it('keeps a 10 MB note', async () => {
    const { dir, vault } = await newVault();
    const big = 'ä'.repeat(5 * 1024 * 1024); // 10 MB of UTF-8
    const { id } = await vault.put('note', undefined, { big });
    expect(((await vault.get('note', id)) as { big: string }).big === big).toBe(true);
    await vault.lock();
    const v = await Vault.open(dir, { passphrase: PASS });
    expect(((await v.get('note', id)) as { big: string }).big === big).toBe(true);
    await v.lock();
  });

  it('backs up to a copy that opens with the same passphrase', async () => {
    const { dir, vault } = await newVault();
    await vault.put('note', 'n1', { t: 'one' });
    await vault.put('note', 'n1', { t: 'two' });
    await vault.put('client', 'c1', { t: 'c' });
    const dest = join(dir, '..', 'backup');
    await vault.backup(dest);
    await vault.put('note', 'n1', { t: 'three' });
    await vault.lock();
    const copy = await Vault.open(dest, { passphrase: PASS });
    expect(await copy.get('note', 'n1')).toEqual({ t: 'two' });
    expect((await copy.verify()).ok).toBe(true);
    expect(copy.id).not.toBe('');
    await copy.lock();
    await expectKind(Vault.create(dest, PASS), 'vault-exists');
  });

  it('uses Argon2id defaults of at least 64 MiB, t=3, p=1', async () => {
    expect(DEFAULT_KDF.memoryKiB).toBeGreaterThanOrEqual(65536);
    expect(DEFAULT_KDF.iterations).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_KDF.parallelism).toBe(1);
    const dir = join(await (await import('../helpers/tempDir')).tempDir(), 'v');
    const { vault } = await Vault.create(dir, PASS);
    await vault.lock();
    const header = JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8'));
    expect(header.kdf).toMatchObject({
      algorithm: 'argon2id',
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
    });
    expect(header.kdf.salt).toMatch(/^[0-9a-f]{32}$/);
  });
});
