import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotateSyncedVault } from '../../../../main/vault/v2/rotateSyncedVault';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { upgradeFormat1 } from '../../../../main/vault/v2/upgradeFormat1';
import { Vault } from '../../../../main/vault/Vault';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-rotate-v2-');
const office = { hex: A, name: 'Office iMac' };
const laptop = { hex: B, name: 'Laptop' };
const open = (
  dir: string,
  device = office,
  secret: { passphrase: string } | { recoveryKey: string } = { passphrase: PASS },
) => SyncedVault.open(dir, secret, { device, heartbeatMs: 0 });

/** A vault in one folder used by the office and the laptop, each having saved records; both locked. */
async function sharedVault() {
  const root = await tempRoot();
  const dir = join(root, 'vault');
  const { vault: a, recoveryKey } = await SyncedVault.create(dir, PASS, {
    kdf,
    device: office,
    heartbeatMs: 0,
  });
  for (let i = 0; i < 100; i++)
    await a.putMany([{ kind: 'note', id: `n${i}`, value: { i, text: `note ${i}` } }]);
  await a.put('client', 'c1', { code: 'C-001' });
  const b = await open(dir, laptop);
  await b.put('client', 'c2', { code: 'C-002' }, { type: 'update', detail: { what: 'from the laptop' } });
  await b.lock();
  await a.refresh();
  await a.lock();
  return { root, dir, recoveryKey };
}

const allRecords = async (v: SyncedVault) =>
  Object.fromEntries(
    await Promise.all(v.list().map(async (m) => [`${m.kind}/${m.id}`, await v.get(m.kind, m.id)])),
  );

describe('rotating the key of a vault shared between computers (format 2)', () => {
  it('writes every record under a new key as one new log, keeps the audit, and the old keys no longer open it', async () => {
    const { root, dir, recoveryKey: oldRecovery } = await sharedVault();
    const before = await open(dir);
    const expected = await allRecords(before);
    const oldVaultHex = before.vaultHex;
    const auditBefore = before.readAudit().length;
    await before.lock();
    const progress: number[] = [];

    const result = await rotateSyncedVault(dir, PASS, {
      device: office,
      onProgress: (done) => progress.push(done),
      now: new Date(2026, 11, 3, 12, 0),
    });
    expect(result.keptAside).toBe(join(root, 'vault (replaced 2026-12-03 12-00)'));
    expect(result.vaultHex).not.toBe(oldVaultHex);
    expect(progress.at(-1)).toBe(102);
    // One log, this computer's; the old folder, every computer's files in it, is kept aside.
    expect(await readdir(join(dir, 'devices'))).toEqual([A]);
    expect((await readdir(join(result.keptAside, 'devices'))).sort()).toEqual([A, B]);
    expect((await readdir(root)).sort()).toEqual(['vault', 'vault (replaced 2026-12-03 12-00)']);
    // Every byte of the log is new (new vault id and key): no frame of the old log is in it.
    const newLog = await readFile(join(dir, 'devices', A, 'log-000001.bin'));
    const oldLog = await readFile(join(result.keptAside, 'devices', A, 'log-000001.bin'));
    expect(newLog.includes(oldLog.subarray(25, 25 + 64))).toBe(false);

    const after = await open(dir);
    expect(after.vaultHex).toBe(result.vaultHex);
    expect(await allRecords(after)).toEqual(expected);
    expect(after.conflicts()).toEqual([]);
    const audit = after.readAudit().map((a) => a.entry as { type: string; detail: Record<string, unknown> });
    // Every earlier entry (plus this unlock's and the rotation's lock), with the computer that made it.
    expect(audit.length).toBeGreaterThanOrEqual(auditBefore + 3);
    expect(audit).toContainEqual(
      expect.objectContaining({
        type: 'update',
        detail: expect.objectContaining({ what: 'from the laptop', computer: 'Laptop' }),
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        type: 'key-rotation',
        detail: { records: 102, previousVault: oldVaultHex, computers: 2 },
      }),
    );
    expect((await after.verify()).ok).toBe(true);
    await after.lock();

    // The old recovery key opens only the old copy; the new one opens the rotated vault.
    await expect(open(dir, office, { recoveryKey: oldRecovery })).rejects.toMatchObject({
      message: expect.stringMatching(/recovery key/),
    });
    await (await open(dir, office, { recoveryKey: result.recoveryKey })).lock();
    await (await open(result.keptAside, office, { recoveryKey: oldRecovery })).lock();
  });

  it('the laptop joins the rotated vault with the passphrase; its old folder, brought back by the sync app, is kept aside, not read', async () => {
    const { dir } = await sharedVault();
    const { keptAside } = await rotateSyncedVault(dir, PASS, { device: office });
    // The laptop saved once more before the rotation reached it: the sync app brings its folder back.
    await cp(join(keptAside, 'devices', B), join(dir, 'devices', B), { recursive: true });
    const a = await open(dir);
    // The open vault says so too: this vault's key-rotation entry names the vault that folder is of.
    expect(a.problems().find((p) => p.deviceHex === B)?.message).toMatch(
      /from before the vault key was rotated/,
    );
    const report = await a.verify();
    expect(report.problems.map((p) => p.type)).toEqual(['foreign']);
    expect(report.problems[0]!.message).toMatch(/from before the vault key was rotated/);
    await a.lock();

    const b = await open(dir, laptop);
    expect(await b.get('client', 'c2')).toEqual({ code: 'C-002' });
    expect((await b.verify()).problems).toEqual([]);
    expect(b.readAudit().at(-2)?.entry).toMatchObject({ type: 'device-join' });
    await b.lock();
    const names = await readdir(join(dir, 'devices'));
    expect(names).toContain(B);
    expect(names.find((n) => n.startsWith(`${B}.before-key-rotation-`))).toBeDefined();
  });

  it('rotates a vault upgraded from format 1: its trail, the upgrade entry included, is carried over', async () => {
    const dir = join(await tempRoot(), 'vault');
    const { vault: old } = await Vault.create(dir, PASS, { kdf });
    await old.put('client', 'c1', { code: 'C-001' });
    await old.lock();
    expect((await upgradeFormat1(dir, PASS, office)).upgraded).toBe(true);

    await rotateSyncedVault(dir, PASS, { device: office });
    const after = await open(dir);
    expect(await after.get('client', 'c1')).toEqual({ code: 'C-001' });
    expect(after.readAudit().map((a) => (a.entry as { type: string }).type)).toContain('format-upgrade');
    await after.lock();
  });

  it('is refused, changing nothing, while the laptop has the vault open', async () => {
    const { root, dir } = await sharedVault();
    const b = await open(dir, laptop);
    await expect(rotateSyncedVault(dir, PASS, { device: office })).rejects.toMatchObject({
      kind: 'in-use',
      message:
        'Also open on Laptop, just now. Lock Attune on Laptop first: changes it saves after the key is rotated would be left out of the vault. The vault key was not rotated; nothing was changed.',
    });
    await b.lock();
    expect(await readdir(root)).toEqual(['vault']);
    expect((await readdir(join(dir, 'devices'))).sort()).toEqual([A, B]);
  });

  it('is refused while a record is in conflict, or changes from the laptop have not arrived', async () => {
    const { root, dir } = await sharedVault();
    const copy = join(root, 'laptop-copy');
    await cp(dir, copy, { recursive: true });
    // Both computers edit client c1 before their files cross: a conflict.
    const a = await open(dir);
    await a.put('client', 'c1', { code: 'C-001', edited: 'office' });
    await a.lock();
    const b = await open(copy, laptop);
    await b.put('client', 'c1', { code: 'C-001', edited: 'laptop' });
    await b.lock();
    await cp(join(copy, 'devices', B), join(dir, 'devices', B), { recursive: true });
    await expect(rotateSyncedVault(dir, PASS, { device: office })).rejects.toMatchObject({
      message: expect.stringMatching(/^1 record was changed on two computers .*nothing was changed\.$/),
    });
    expect((await readdir(root)).sort()).toEqual(['laptop-copy', 'vault']);

    // Only the first part of a newer laptop log has arrived, while its seen.bin claims all of it.
    const c = await open(dir);
    await c.resolveConflict('client', 'c1', { code: 'C-001' });
    await c.lock();
    const later = await open(copy, laptop);
    await later.put('note', 'late', { text: 'not arrived yet' });
    await later.lock();
    await cp(join(copy, 'devices', B, 'seen.bin'), join(dir, 'devices', B, 'seen.bin'));
    await expect(rotateSyncedVault(dir, PASS, { device: office })).rejects.toMatchObject({
      message: expect.stringMatching(/^Some changes from Laptop have not arrived on this computer yet\./),
    });
    expect((await readdir(root)).sort()).toEqual(['laptop-copy', 'vault']);
  });
});
