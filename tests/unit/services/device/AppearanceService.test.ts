import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../../main/ipc/createBackend';
import { AppearanceService } from '../../../../main/services/device/AppearanceService';
import { DEVICE_CONFIG_FILE, DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import type { ThemePreference } from '../../../../shared/domain/themePreference';
import { tempDir } from '../../helpers/tempDir';

function backendOver(dataDir: string) {
  return createBackend({ dataDir, emit: () => undefined, version: 'test' });
}

describe('the theme preference', () => {
  it('is "system" until chosen; a choice is kept in this computer’s settings and read by the next start while locked', async () => {
    const dataDir = await tempDir();
    const first = backendOver(dataDir);
    try {
      expect(await first.router.call('appearance:get', undefined)).toEqual({
        ok: true,
        value: { theme: 'system' },
      });
      expect(await first.router.call('appearance:setTheme', { theme: 'dark' })).toEqual({
        ok: true,
        value: { theme: 'dark' },
      });
    } finally {
      await first.dispose();
    }
    const stored = JSON.parse(await readFile(join(dataDir, DEVICE_CONFIG_FILE), 'utf8'));
    expect(stored.appearance).toEqual({ theme: 'dark' });

    // A restart: no vault exists and none is unlocked, and the choice is still there.
    const next = backendOver(dataDir);
    try {
      expect(await next.router.call('vault:status', undefined)).toMatchObject({
        ok: true,
        value: { state: 'absent' },
      });
      expect(await next.router.call('appearance:get', undefined)).toEqual({
        ok: true,
        value: { theme: 'dark' },
      });
    } finally {
      await next.dispose();
    }
  });

  it('refuses anything but light, dark or system, in words, and stores nothing', async () => {
    const dataDir = await tempDir();
    const backend = backendOver(dataDir);
    try {
      for (const input of [{ theme: 'sepia' }, { theme: 'dark', extra: 1 }, { theme: null }, undefined]) {
        const result = await backend.router.call('appearance:setTheme', input);
        expect(result.ok, JSON.stringify(input)).toBe(false);
        if (!result.ok) expect(result.error.kind).toBe('invalid-input');
      }
      const refused = await backend.router.call('appearance:setTheme', { theme: 'sepia' });
      expect(refused.ok === false && refused.error.message).toMatch(
        /Choose light, dark, or follow the system/,
      );
      expect(await backend.router.call('appearance:get', undefined)).toEqual({
        ok: true,
        value: { theme: 'system' },
      });
    } finally {
      await backend.dispose();
    }
  });

  it('keeps the rest of this computer’s settings, reads an older settings file as "system", and tells the shell', async () => {
    const dataDir = await tempDir();
    const old = {
      version: 1,
      vaultDir: '/home/me/Vault',
      oldVaultCopies: [],
      backup: { folder: '/media/usb' },
    };
    await writeFile(join(dataDir, DEVICE_CONFIG_FILE), JSON.stringify(old));
    const told: ThemePreference[] = [];
    const config = new DeviceConfigStore(dataDir);
    const appearance = new AppearanceService(config, (theme) => told.push(theme));
    expect(await appearance.get()).toEqual({ theme: 'system' });
    expect(await appearance.setTheme('light')).toEqual({ theme: 'light' });
    expect(told).toEqual(['light']);
    const again = await new DeviceConfigStore(dataDir).read();
    expect(again).toMatchObject({
      vaultDir: '/home/me/Vault',
      backup: { folder: '/media/usb' },
      appearance: { theme: 'light' },
    });
  });
});
