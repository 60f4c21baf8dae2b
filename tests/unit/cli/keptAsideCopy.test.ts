import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../main/services/device/DeviceConfigStore';
import { ThisDevice } from '../../../main/services/device/ThisDevice';
import { SyncedVault } from '../../../main/vault/v2/SyncedVault';
import { tempDir } from '../helpers/tempDir';
import { cli, PASSPHRASE, TEST_KDF } from './cliTestKit';

/**
 * A copy of the vault opened as this computer writes this computer's frames into the copy; the
 * vault in use, which lacks them, then reports them missing at every open (FORMAT.md §9). The
 * copies Attune made itself are not opened; one made by hand is named as the likely cause.
 */

/** A format-2 vault made as the computer whose settings are in `dataDir`, with one record. */
async function vaultOfThisComputer() {
  const dataDir = await tempDir('attune-cli-copies-');
  const dir = join(dataDir, 'vault');
  const device = await new ThisDevice(new DeviceConfigStore(dataDir)).identity();
  const { vault } = await SyncedVault.create(dir, PASSPHRASE, { kdf: TEST_KDF, device, heartbeatMs: 0 });
  await vault.put('client', 'c1', { code: 'C-001' });
  await vault.lock();
  const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
  return { dataDir, dir, deviceHex: device.hex, env };
}

/** Every file under `dir` and the SHA-256 of its bytes. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

describe('a copy of the vault beside it', () => {
  it('an old copy Attune kept aside (by its name, or listed in this computer’s settings) is not opened: the vault in use stays clean', async () => {
    const { dataDir, dir, env } = await vaultOfThisComputer();
    const listed = join(dataDir, 'Vault from the old laptop');
    const copies = [
      `${dir} (moved 2026-12-05 14-05)`,
      `${dir} (replaced 2026-12-05 14-05 2)`,
      `${dir} (moved 2026-12-05)`,
      listed,
    ];
    for (const copy of copies) await cp(dir, copy, { recursive: true });
    await new DeviceConfigStore(dataDir).update((c) => ({ ...c, oldVaultCopies: [listed] }));

    for (const copy of copies) {
      const before = await tree(copy);
      const exported = await cli(['export', copy], env);
      expect(exported.code).toBe(2);
      expect(exported.err).toMatch(/is an old copy of the vault that Attune kept aside/);
      expect(exported.err).toMatch(/rename the folder first/);
      expect(await tree(copy)).toEqual(before); // nothing written into the copy
    }
    expect((await cli(['export', `${dir} (moved 2026-12-05)`], env)).err).toContain(
      `Open the vault folder itself (${dir})`,
    );

    const real = await cli(['export', dir], env);
    expect(real.code).toBe(0);
    expect(real.err).not.toMatch(/the vault reports/);
    expect((await cli(['verify', dir], env)).code).toBe(0);

    // The folder the settings name as the vault is the vault, whatever its name: opened (this copy
    // is older than the vault just exported, so it then reports those changes missing).
    await new DeviceConfigStore(dataDir).update((c) => ({ ...c, vaultDir: copies[0]! }));
    const named = await cli(['export', copies[0]!], env);
    expect(named.code).not.toBe(2);
    expect(named.err).not.toMatch(/kept aside when/);
  });

  it('a copy made by hand and opened as this computer: the vault in use names that likely cause and the way out, which works', async () => {
    const { dataDir, dir, deviceHex, env } = await vaultOfThisComputer();
    const copy = join(dataDir, 'vault copy');
    await cp(dir, copy, { recursive: true });
    expect((await cli(['export', copy], env)).code).toBe(0);

    const real = await cli(['export', dir], env);
    expect(real.code).toBe(1);
    expect(real.err).toMatch(/changes saved on this computer \([^)]+\) are missing from this vault folder/);
    expect(real.err).toMatch(/If this computer opened a copy of the vault in another folder/);
    expect(real.err).toContain(`devices/${deviceHex}`);

    // The way out the message gives: that copy's device folder's files, copied into the vault.
    await cp(join(copy, 'devices', deviceHex), join(dir, 'devices', deviceHex), { recursive: true });
    const again = await cli(['export', dir], env);
    expect(again.err).not.toMatch(/the vault reports/);
    expect(again.code).toBe(0);
    expect((await cli(['verify', dir], env)).code).toBe(0);
  });

  it('the vault folder itself put back to an older copy, at its own path: still reported as changes missing', async () => {
    const { dataDir, dir, env } = await vaultOfThisComputer();
    const older = join(dataDir, 'older');
    await cp(dir, older, { recursive: true });
    expect((await cli(['export', dir], env)).code).toBe(0);
    await rm(dir, { recursive: true });
    await cp(older, dir, { recursive: true });
    const exported = await cli(['export', dir], env);
    expect(exported.code).toBe(1);
    expect(exported.err).toMatch(/changes saved on this computer \([^)]+\) are missing/);
  });
});
