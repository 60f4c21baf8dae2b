import { cp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../main/services/device/DeviceConfigStore';
import { ThisDevice } from '../../../main/services/device/ThisDevice';
import { SyncedVault } from '../../../main/vault/v2/SyncedVault';
import { tempDir } from '../helpers/tempDir';
import { cli, PASSPHRASE, TEST_KDF } from './cliTestKit';

/**
 * `attune verify` on the computer whose changes were lost from the folder (an older copy put back
 * over it, as `cp -a` or a sync tool restoring a version does) said OK, while the export right
 * after reported the changes missing (an outside probe). Verify now checks what this computer
 * remembers having seen too; from another computer, and for a backup generation, it checks the
 * folder alone, as before.
 */
describe('attune verify and what this computer remembers', () => {
  it('fails a folder put back to an older copy on the computer that saved the lost changes', async () => {
    const dataDir = await tempDir('attune-cli-data-');
    const dir = join(dataDir, 'vault');
    const device = await new ThisDevice(new DeviceConfigStore(dataDir)).identity();
    const { vault } = await SyncedVault.create(dir, PASSPHRASE, { kdf: TEST_KDF, device, heartbeatMs: 0 });
    await vault.lock();
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    const dest = join(await tempDir('attune-cli-backup-'), 'backups');
    expect((await cli(['backup', dir, dest], env)).code).toBe(0);
    const older = join(dataDir, 'older');
    await cp(dir, older, { recursive: true });
    // Opening as this computer saves changes (the open and lock entries) and remembers them.
    expect((await cli(['export', dir], env)).code).toBe(0);
    expect((await cli(['verify', dir], env)).code).toBe(0);

    await rm(dir, { recursive: true });
    await cp(older, dir, { recursive: true });
    const here = await cli(['verify', dir], env);
    expect(here.code).not.toBe(0);
    expect(here.out).toMatch(/PROBLEM .*missing/);
    expect(here.out).toMatch(/^PROBLEMS FOUND/m);

    // Another computer (no memory of this vault) checks the folder alone: it is whole.
    const elsewhere = await cli(['verify', dir], {
      ATTUNE_PASSPHRASE: PASSPHRASE,
      ATTUNE_DATA_DIR: await tempDir('attune-cli-data-'),
    });
    expect(elsewhere.code).toBe(0);
    // A backup made before the lost changes is older by its nature: still OK here.
    const set = join(dest, 'Attune backups', (await readdir(join(dest, 'Attune backups')))[0] as string);
    const generation = join(set, (await readdir(set)).find((n) => !n.startsWith('.')) as string);
    const backup = await cli(['verify', generation], env);
    expect(backup.out).toMatch(/^OK/m);
    expect(backup.code).toBe(0);
  }, 60_000);

  it('says another computer’s folder of changes deleted from the vault folder is missing, not an older copy', async () => {
    const dataDir = await tempDir('attune-cli-data-');
    const dir = join(dataDir, 'vault');
    const device = await new ThisDevice(new DeviceConfigStore(dataDir)).identity();
    const { vault } = await SyncedVault.create(dir, PASSPHRASE, { kdf: TEST_KDF, device, heartbeatMs: 0 });
    await vault.lock();
    // The laptop joins on its copy of the folder and saves; the sync app brings its folder here.
    const laptopDir = join(dataDir, 'laptop');
    await cp(dir, laptopDir, { recursive: true });
    const laptopHex = 'b'.repeat(32);
    const laptop = await SyncedVault.open(
      laptopDir,
      { passphrase: PASSPHRASE },
      { device: { hex: laptopHex, name: 'Laptop' }, heartbeatMs: 0 },
    );
    await laptop.put('client', undefined, { code: 'L-1' });
    await laptop.lock();
    await cp(join(laptopDir, 'devices', laptopHex), join(dir, 'devices', laptopHex), { recursive: true });
    const env = { ATTUNE_PASSPHRASE: PASSPHRASE, ATTUNE_DATA_DIR: dataDir };
    // Opened here, this computer receives the laptop's changes and remembers them.
    expect((await cli(['export', dir], env)).code).toBe(0);
    expect((await cli(['verify', dir], env)).code).toBe(0);

    await rm(join(dir, 'devices', laptopHex), { recursive: true });
    const here = await cli(['verify', dir], env);
    expect(here.code).not.toBe(0);
    const lines = here.out.split('\n').filter((l) => l.startsWith(`PROBLEM devices/${laptopHex}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      `the folder of that computer’s changes (devices/${laptopHex}) is not in this vault folder`,
    );
    expect(lines[0]).toMatch(/deleted files, trash or version history/);
    expect(lines[0]).not.toMatch(/older copy/);
  }, 60_000);
});
