import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  DEVICE_CONFIG_COPY,
  DEVICE_CONFIG_FILE,
  DeviceConfigStore,
} from '../../../../main/services/device/DeviceConfigStore';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'attune-device-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DeviceConfigStore', () => {
  test('a missing file reads as defaults: no backup folder, warn after 7 days', async () => {
    const config = await new DeviceConfigStore(dir).read();
    expect(config).toEqual({
      version: 1,
      vaultDir: null,
      device: { id: null, name: null },
      appearance: { theme: 'system' },
      exportFolder: null,
      recoveryKeyShown: null,
      oldVaultCopies: [],
      backup: { folder: null, warnAfterDays: 7, lastAttempt: null, lastVerified: null },
    });
  });

  test('a file written before this computer had a device id still reads, with no id and no name yet', async () => {
    const old = {
      version: 1,
      vaultDir: '/home/me/Vault',
      oldVaultCopies: [],
      backup: { folder: '/media/usb' },
    };
    await writeFile(join(dir, DEVICE_CONFIG_FILE), JSON.stringify(old));
    const config = await new DeviceConfigStore(dir).read();
    expect(config.vaultDir).toBe('/home/me/Vault');
    expect(config.backup.folder).toBe('/media/usb');
    expect(config.device).toEqual({ id: null, name: null });
  });

  test('updates are stored atomically as private JSON and read back; concurrent updates both land', async () => {
    const store = new DeviceConfigStore(dir);
    await Promise.all([
      store.update((c) => ({ ...c, backup: { ...c.backup, folder: '/media/usb/backups' } })),
      store.update((c) => ({ ...c, backup: { ...c.backup, warnAfterDays: 3 } })),
    ]);
    const again = await new DeviceConfigStore(dir).read();
    expect(again.backup).toMatchObject({ folder: '/media/usb/backups', warnAfterDays: 3 });
    expect((await stat(join(dir, DEVICE_CONFIG_FILE))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(dir, DEVICE_CONFIG_FILE), 'utf8')).backup.folder).toBe(
      '/media/usb/backups',
    );
  });

  test('a damaged file with no good copy reads as defaults and says so; the next update replaces both', async () => {
    await writeFile(join(dir, DEVICE_CONFIG_FILE), '{"version": 1, "backup": {"folder": 42');
    const store = new DeviceConfigStore(dir);
    expect((await store.read()).backup.folder).toBeNull();
    expect(store.health).toBe('damaged');
    await store.update((c) => ({ ...c, backup: { ...c.backup, warnAfterDays: 10 } }));
    expect(store.health).toBe('ok');
    expect((await store.read()).backup.warnAfterDays).toBe(10);
    expect(JSON.parse(await readFile(join(dir, DEVICE_CONFIG_COPY), 'utf8')).backup.warnAfterDays).toBe(10);
  });

  test('a damaged file is read from its copy: a moved vault is still found', async () => {
    const store = new DeviceConfigStore(dir);
    await store.update((c) => ({ ...c, vaultDir: '/media/usb/Attune vault' }));
    await writeFile(join(dir, DEVICE_CONFIG_FILE), '\0\0\0 garbled by a disk error');
    const again = new DeviceConfigStore(dir);
    expect((await again.read()).vaultDir).toBe('/media/usb/Attune vault');
    expect(again.health).toBe('recovered-from-copy');
  });

  test('an invalid value is refused with the app’s words and nothing is written', async () => {
    const store = new DeviceConfigStore(dir);
    await expect(store.update((c) => ({ ...c, backup: { ...c.backup, warnAfterDays: 0 } }))).rejects.toThrow(
      'Enter a number of days from 1 to 365.',
    );
    await expect(stat(join(dir, DEVICE_CONFIG_FILE))).rejects.toThrow();
  });
});
