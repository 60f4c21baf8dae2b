import { cp, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../../../shared/errors';
import { parseKeySlots } from '../../../../main/vault/v2/keySlots';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { upgradeFormat1 } from '../../../../main/vault/v2/upgradeFormat1';
import { verifySyncedFolder } from '../../../../main/vault/v2/verifySyncedFolder';
import { listKeptAside } from '../../../../main/vault/switchVaultFolder';
import { Vault } from '../../../../main/vault/Vault';
import { nodeVaultFs, type VaultFs } from '../../../../main/vault/vaultFs';
import { flipByte, hashTree } from '../kit';
import { A, tempRootsPerTest } from './v2Kit';

const FIXTURE = join(__dirname, '../../../fixtures/vault-v1');
const tempRoot = tempRootsPerTest('attune-upgrade-');

interface Expected {
  records: Array<{ kind: string; id: string; value: unknown }>;
  audit: Array<{ seq: number; type: string }>;
}

async function fixture(): Promise<{ dir: string; pass: string; recoveryKey: string; expected: Expected }> {
  const dir = join(await tempRoot(), 'vault');
  await cp(join(FIXTURE, 'vault'), dir, { recursive: true });
  const text = (name: string) => readFile(join(FIXTURE, name), 'utf8').then((t) => t.trim());
  return {
    dir,
    pass: await text('PASSPHRASE.txt'),
    recoveryKey: await text('RECOVERY-KEY.txt'),
    expected: JSON.parse(await text('expected.json')) as Expected,
  };
}

const device = { hex: A, name: 'Office iMac' };
const kinds = (e: Expected) => [...new Set(e.records.map((r) => r.kind))];

async function expectRecords(
  vault: { getAll<T>(kind: string): Promise<Array<{ id: string; value: T }>> },
  expected: Expected,
) {
  for (const kind of kinds(expected)) {
    const got = (await vault.getAll<unknown>(kind)).map((r) => ({ kind, id: r.id, value: r.value }));
    const want = expected.records
      .filter((r) => r.kind === kind)
      .map((r) => ({ kind, id: r.id, value: r.value }));
    expect(got.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      want.sort((a, b) => a.id.localeCompare(b.id)),
    );
  }
}

async function rejection(promise: Promise<unknown>): Promise<AttuneError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AttuneError);
  return error as AttuneError;
}

describe('upgrading a format-1 vault to format 2', () => {
  it('the frozen fixture upgrades: every record reads the same, the audit trail carries over, the copy beside it verifies and opens', async () => {
    const { dir, pass, recoveryKey, expected } = await fixture();
    const progress: Array<[number, number]> = [];
    const result = await upgradeFormat1(dir, pass, device, { onProgress: (d, t) => progress.push([d, t]) });
    expect(result.upgraded).toBe(true);
    if (!result.upgraded) return;
    expect(result.records).toBe(expected.records.length);
    expect(progress.at(-1)).toEqual([expected.records.length, expected.records.length]);
    // Beside the vault only the copy, named so a user understands it; no work folder is left.
    expect(basename(result.keptCopy)).toMatch(/^vault \(format 1 copy \d{4}-\d\d-\d\d \d\d-\d\d\)$/);
    expect((await readdir(join(dir, '..'))).sort()).toEqual([basename(result.keptCopy), 'vault'].sort());
    expect(JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')).version).toBe(2);
    // Listed with the folders kept aside, so Settings offers to remove it.
    expect(await listKeptAside(dir)).toEqual([
      { path: result.keptCopy, reason: 'format 1 copy', at: expect.any(String) },
    ]);

    const vault = await SyncedVault.open(dir, { passphrase: pass }, { device, heartbeatMs: 0 });
    try {
      await expectRecords(vault, expected);
      const audit = vault.readAudit().map((a) => a.entry as { seq: number; type: string; detail: object });
      // Format 1's entries, in order and unchanged, then the upgrade, then this unlock.
      expect(audit.slice(0, expected.audit.length).map((e) => ({ seq: e.seq, type: e.type }))).toEqual(
        expected.audit.map((e) => ({ seq: e.seq, type: e.type })),
      );
      expect(audit[expected.audit.length]).toMatchObject({
        type: 'format-upgrade',
        detail: { from: 1, records: expected.records.length, format1Entries: expected.audit.length },
      });
      expect(audit.at(-1)?.type).toBe('unlock');
      expect((await vault.verify()).problems).toEqual([]);
    } finally {
      await vault.lock();
    }

    // The copy is the format-1 vault as it was: it verifies and opens with both secrets.
    const copy = await Vault.open(result.keptCopy, { passphrase: pass });
    try {
      expect((await copy.verify()).problems).toEqual([]);
      await expectRecords(copy, expected);
    } finally {
      await copy.lock();
    }
    await (await Vault.open(result.keptCopy, { recoveryKey })).lock();
  });

  it('the recovery key the user already keeps opens the upgraded vault (format 1’s slot carried over)', async () => {
    const { dir, pass, recoveryKey, expected } = await fixture();
    await upgradeFormat1(dir, pass, device);
    const slots = parseKeySlots(await readFile(join(dir, 'devices', A, 'keys.json')));
    expect(slots.recovery.format1).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'devices', A, 'keys.json'), 'utf8')).keys.recovery.type).toBe(
      'format-1',
    );

    expect((await verifySyncedFolder(dir, { recoveryKey })).ok).toBe(true);
    const vault = await SyncedVault.open(dir, { recoveryKey }, { device, heartbeatMs: 0 });
    try {
      await expectRecords(vault, expected);
      // Renewing replaces the carried-over slot with a format-2 one: the old key stops opening.
      const renewed = await vault.renewRecoveryKey();
      await vault.lock();
      const byNew = await SyncedVault.open(dir, { recoveryKey: renewed }, { device, heartbeatMs: 0 });
      await byNew.lock();
      expect((await rejection(SyncedVault.open(dir, { recoveryKey }, { device, heartbeatMs: 0 }))).kind).toBe(
        'wrong-passphrase',
      );
    } finally {
      await vault.lock();
    }
  });

  it('a passphrase change keeps the carried-over recovery slot working', async () => {
    const { dir, pass, recoveryKey } = await fixture();
    await upgradeFormat1(dir, pass, device);
    const vault = await SyncedVault.open(dir, { passphrase: pass }, { device, heartbeatMs: 0 });
    await vault.changePassphrase('a new passphrase for the practice');
    await vault.lock();
    await (await SyncedVault.open(dir, { recoveryKey }, { device, heartbeatMs: 0 })).lock();
    await (
      await SyncedVault.open(
        dir,
        { passphrase: 'a new passphrase for the practice' },
        { device, heartbeatMs: 0 },
      )
    ).lock();
    expect(
      (await rejection(SyncedVault.open(dir, { passphrase: pass }, { device, heartbeatMs: 0 }))).kind,
    ).toBe('wrong-passphrase');
  });

  it('a vault already in format 2 is left as it is', async () => {
    const { dir, pass } = await fixture();
    await upgradeFormat1(dir, pass, device);
    const before = await hashTree(join(dir, '..'));
    expect(await upgradeFormat1(dir, pass, device)).toEqual({ upgraded: false, reason: 'format-2' });
    expect(await hashTree(join(dir, '..'))).toEqual(before);
  });

  it('format 1’s engine (an older Attune) refuses the upgraded folder in plain words and changes nothing', async () => {
    const { dir, pass } = await fixture();
    await upgradeFormat1(dir, pass, device);
    const before = await hashTree(join(dir, '..'));
    const error = await rejection(Vault.open(dir, { passphrase: pass }));
    expect(error.kind).toBe('unsupported-version');
    expect(error.message).toBe(
      'This vault was upgraded (or made) by a newer version of Attune; install the newer version to open it. Nothing in the vault was changed.',
    );
    expect(await hashTree(join(dir, '..'))).toEqual(before);
  });

  it('a folder without a vault is refused as not a vault', async () => {
    const absent = join(await tempRoot(), 'absent');
    expect((await rejection(upgradeFormat1(absent, 'any', device))).kind).toBe('not-a-vault');
  });

  it('a wrong passphrase changes nothing', async () => {
    const { dir } = await fixture();
    const before = await hashTree(join(dir, '..'));
    expect((await rejection(upgradeFormat1(dir, 'not the passphrase', device))).kind).toBe(
      'wrong-passphrase',
    );
    expect(await hashTree(join(dir, '..'))).toEqual(before);
  });

  it('a damaged record file stops the upgrade with a clear error and changes nothing', async () => {
    const { dir, pass, expected } = await fixture();
    const [record] = (await readdir(join(dir, 'records'))).sort();
    await flipByte(join(dir, 'records', record as string), -3);
    const before = await hashTree(join(dir, '..'));
    const error = await rejection(upgradeFormat1(dir, pass, device));
    expect(error.kind).toBe('integrity');
    expect(error.message).toMatch(/damaged .* not upgraded to the new format; it is unchanged/s);
    expect(await hashTree(join(dir, '..'))).toEqual(before);
    expect(await readdir(join(dir, '..'))).toEqual(['vault']);
    expect(expected.records.length).toBeGreaterThan(0);
  });

  it('a copy that does not pass its check (a disk that garbles what it writes) stops the upgrade and changes nothing', async () => {
    const { dir, pass } = await fixture();
    const before = await hashTree(join(dir, '..'));
    // Every record file written into the hidden copy gets one bit flipped on its way to the disk.
    const garbling = new Set<number>();
    const fs: VaultFs = {
      ...nodeVaultFs,
      open: async (path, flags, mode) => {
        const fd = await nodeVaultFs.open(path, flags, mode);
        if (/\.format1-copy-[0-9a-f]{8}[\\/]records[\\/]/.test(path)) garbling.add(fd);
        else garbling.delete(fd);
        return fd;
      },
      write: (fd, data, position) => {
        if (!garbling.has(fd)) return nodeVaultFs.write(fd, data, position);
        const bad = Buffer.from(data);
        bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
        return nodeVaultFs.write(fd, bad, position);
      },
    };
    const error = await rejection(upgradeFormat1(dir, pass, device, { fs }));
    expect(error.kind).toBe('integrity');
    expect(error.message).toMatch(
      /^The copy of the vault made before upgrading did not pass its check \(.+\), so the vault was not upgraded; it is unchanged and opens as before/,
    );
    expect(await hashTree(join(dir, '..'))).toEqual(before);
    expect(await readdir(join(dir, '..'))).toEqual(['vault']);
  });

  it('a damaged audit log stops the upgrade with a clear error and changes nothing', async () => {
    const { dir, pass } = await fixture();
    await flipByte(join(dir, 'audit.bin'), 40);
    const before = await hashTree(join(dir, '..'));
    const error = await rejection(upgradeFormat1(dir, pass, device));
    expect(error.kind).toBe('integrity');
    expect(error.message).toMatch(/audit log is damaged .*so the vault was not upgraded/);
    expect(await hashTree(join(dir, '..'))).toEqual(before);
  });
});
