import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultyFs, flipByteFor, mutatingOps, simulateCrash } from './rotateKit';
import { recoverInterruptedRotation, rotateVaultKey } from '../../../main/vault/rotateVaultKey';
import { listKeptAside } from '../../../main/vault/switchVaultFolder';
import { Vault } from '../../../main/vault/Vault';
import { expectKind, hashTree, newVault, PASS } from './kit';

const NOW = new Date(2026, 11, 3, 1, 2);

/** Every record of every kind → its value, from an open vault. */
async function contents(vault: Vault): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const meta of vault.list())
    out.set(`${meta.kind}/${meta.id}@${meta.rev}`, await vault.get(meta.kind, meta.id));
  return out;
}

/** A locked vault with notes, clients, revisions, a delete, and commits still only in the journal. */
async function filledVault(): Promise<{ dir: string; recoveryKey: string }> {
  const { dir, vault, recoveryKey } = await newVault({ checkpointEvery: 1000 });
  for (let i = 0; i < 40; i++)
    await vault.put('note', `n${i}`, { i, text: `Session ${i} — affect “flat”, ✓` });
  await vault.put('client', 'c1', { name: 'A. Client' });
  await vault.put('note', 'n3', { i: 3, text: 'revised' });
  await vault.delete('note', 'n7', { type: 'delete' });
  await vault.lock();
  const again = await Vault.open(dir, { passphrase: PASS }, { checkpointEvery: 1000 });
  await again.put('note', 'n5', { i: 5, text: 'only in the journal' });
  await again.appendAudit('export', { what: 'test' });
  simulateCrash(again); // the journal now holds commits the record files do not
  return { dir, recoveryKey };
}

describe('rotateVaultKey', () => {
  it('re-encrypts every file under a new key: same records and audit chain, new recovery key, old key and header no longer open it', async () => {
    const { dir, recoveryKey: oldRecovery } = await filledVault();
    const before = await Vault.open(dir, { passphrase: PASS });
    const values = await contents(before);
    const auditBefore = await before.readAudit();
    await before.lock();
    const oldHeader = await readFile(join(dir, 'attune-vault.json'));
    const filesBefore = await hashTree(dir);

    const progress: Array<[number, number]> = [];
    const { recoveryKey, keptAside } = await rotateVaultKey(dir, PASS, {
      onProgress: (done, total) => progress.push([done, total]),
      now: NOW,
    });
    expect(recoveryKey).not.toBe(oldRecovery);
    expect(progress.at(-1)).toEqual([values.size, values.size]);
    expect(keptAside).toBe(join(dir, '..', 'vault (replaced 2026-12-03 01-02)'));

    // Every file changed: record file names, manifest, audit log, header.
    const filesAfter = await hashTree(dir);
    const records = (files: Record<string, string>) =>
      Object.keys(files).filter((f) => f.startsWith('records'));
    expect(records(filesAfter)).toHaveLength(values.size);
    for (const name of records(filesAfter)) expect(filesBefore[name]).toBeUndefined();
    const afterHashes = new Set(Object.values(filesAfter));
    for (const [name, hash] of Object.entries(filesBefore)) {
      if (name !== 'journal.bin') expect(afterHashes.has(hash), name).toBe(false);
    }
    expect(await readdir(join(dir, '..'))).not.toContainEqual(expect.stringMatching(/\.rotating-/));

    // The same records with the same values; the audit chain goes on, with the rotation in it.
    const after = await Vault.open(dir, { passphrase: PASS });
    expect(await contents(after)).toEqual(values);
    const auditAfter = await after.readAudit();
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    // Then the 'lock' that closed it before the rotation, and the rotation itself.
    expect(auditAfter[auditBefore.length]?.type).toBe('lock');
    expect(auditAfter[auditBefore.length + 1]).toMatchObject({
      type: 'key-rotation',
      detail: { records: values.size },
    });
    expect(auditAfter.at(-1)?.type).toBe('unlock');
    expect((await after.verify()).problems).toEqual([]);
    await after.lock();

    // The new recovery key opens it; the old one does not, nor does the old header with the passphrase.
    const byKey = await Vault.open(dir, { recoveryKey });
    await byKey.lock();
    await expectKind(Vault.open(dir, { recoveryKey: oldRecovery }), 'wrong-passphrase');
    const newHeader = await readFile(join(dir, 'attune-vault.json'));
    await writeFile(join(dir, 'attune-vault.json'), oldHeader);
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'integrity');
    await expectKind(Vault.open(dir, { recoveryKey: oldRecovery }), 'integrity');
    await writeFile(join(dir, 'attune-vault.json'), newHeader);

    // The folder kept aside is the old vault, still under the old key, until the user removes it.
    expect((await listKeptAside(dir)).map((k) => k.path)).toEqual([keptAside]);
    const old = await Vault.open(keptAside, { recoveryKey: oldRecovery });
    expect(await contents(old)).toEqual(values);
    await old.lock();
  });

  it('a wrong passphrase, an open vault or a damaged record leaves the vault as it was', async () => {
    const { dir } = await filledVault();
    const opened = await Vault.open(dir, { passphrase: PASS });
    await expectKind(rotateVaultKey(dir, PASS), 'in-use');
    await opened.lock();
    const files = await hashTree(dir);
    await expectKind(rotateVaultKey(dir, 'not the passphrase'), 'wrong-passphrase');
    expect(await hashTree(dir)).toEqual(files);

    const record = Object.keys(files).find((f) => f.startsWith('records'))!;
    await flipByteFor(join(dir, record));
    const damaged = await hashTree(dir);
    const message = await expectKind(rotateVaultKey(dir, PASS), 'integrity');
    expect(message).toMatch(/restore/);
    expect(await hashTree(dir)).toEqual(damaged);
    expect(await readdir(join(dir, '..'))).toEqual(['vault']);
  });

  it('a failure at any write leaves the old vault opening as before, and the next rotation succeeds', async () => {
    const { dir } = await filledVault();
    const probe = new FaultyFs();
    probe.arm({ at: Number.MAX_SAFE_INTEGER, only: mutatingOps });
    // Count the steps on a copy of the same shape.
    const { dir: other } = await filledVault();
    await rotateVaultKey(other, PASS, { fs: probe });
    const steps = probe.steps;
    const opened = await Vault.open(dir, { passphrase: PASS });
    const values = await contents(opened);
    await opened.lock();
    for (const at of [
      1,
      2,
      5,
      Math.floor(steps / 3),
      Math.floor(steps / 2),
      steps - 8,
      steps - 5,
      steps - 3,
    ]) {
      const fs = new FaultyFs();
      fs.arm({ at, mode: 'once', only: mutatingOps });
      await rotateVaultKey(dir, PASS, { fs }).catch(() => undefined);
      const v = await Vault.open(dir, { passphrase: PASS });
      expect(await contents(v), `failure at step ${at} of ${steps}`).toEqual(values);
      await v.lock();
    }
    await rotateVaultKey(dir, PASS);
    const v = await Vault.open(dir, { passphrase: PASS });
    expect(await contents(v)).toEqual(values);
    expect((await v.verify()).problems).toEqual([]);
    await v.lock();
  });

  it('a leftover .rotating folder is discarded by the next open and by the next rotation', async () => {
    const { dir } = await filledVault();
    const leftover = join(dir, '..', 'vault.rotating-0123abcd');
    await mkdir(join(leftover, 'records'), { recursive: true });
    await writeFile(join(leftover, 'records', 'x.rec'), 'partial');
    const v = await Vault.open(dir, { passphrase: PASS });
    expect(existsSync(leftover)).toBe(false);
    await v.lock();
    await mkdir(leftover);
    await rotateVaultKey(dir, PASS);
    expect(existsSync(leftover)).toBe(false);
  });

  it('a switch intent cut off before its rename (a temp file, no intent) is removed at the next start', async () => {
    const { dir } = await filledVault();
    const cutOff = join(dir, '..', '.vault.attune-switch.json.tmp-89abcdef');
    await writeFile(cutOff, '{"format":"attune-folder-sw');
    await recoverInterruptedRotation(dir);
    expect(existsSync(cutOff)).toBe(false);
    const v = await Vault.open(dir, { passphrase: PASS });
    await v.lock();
  });
});
