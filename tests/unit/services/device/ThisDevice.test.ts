import { readdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { deviceNameFromHostname, SEEN_DIR, ThisDevice } from '../../../../main/services/device/ThisDevice';
import { tempDir } from '../../helpers/tempDir';

describe('ThisDevice', () => {
  it('names a computer after its network name, made readable', () => {
    expect(deviceNameFromHostname('Office-iMac.local')).toBe('Office iMac');
    expect(deviceNameFromHostname('dana_laptop')).toBe('dana laptop');
    expect(deviceNameFromHostname('')).toBe('This computer');
    expect(deviceNameFromHostname('x'.repeat(80))).toHaveLength(60);
  });

  it('draws its id once and keeps it; the name defaults to the host until renamed', async () => {
    const dir = await tempDir('attune-device-');
    const first = await new ThisDevice(new DeviceConfigStore(dir), () => 'Office-iMac.local').identity();
    expect(first).toEqual({ hex: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'Office iMac' });
    const again = new ThisDevice(new DeviceConfigStore(dir), () => 'renamed-host');
    expect((await again.identity()).hex).toBe(first.hex);
    expect(await again.rename(' Laptop ')).toBe('Laptop');
    expect(await new ThisDevice(new DeviceConfigStore(dir)).identity()).toEqual({
      hex: first.hex,
      name: 'Laptop',
    });
  });

  it('refuses an empty, too long or multi-line name in plain words', async () => {
    const device = new ThisDevice(new DeviceConfigStore(await tempDir('attune-device-')));
    for (const bad of ['   ', 'x'.repeat(61), 'Office\niMac']) {
      await expect(device.rename(bad)).rejects.toThrow(/name for this computer of 1 to 60 characters/);
    }
  });

  it('keeps what it has seen of each vault in its data folder; a damaged copy reads as nothing', async () => {
    const dir = await tempDir('attune-device-');
    const device = new ThisDevice(new DeviceConfigStore(dir));
    const vaultHex = 'c'.repeat(32);
    const store = device.localSeen(() => vaultHex);
    expect(await store.load()).toBeNull();
    const state = {
      at: '2026-01-05T10:00:00.000Z',
      epoch: 2,
      heads: { ['a'.repeat(32)]: { seq: 7, hash: 'f'.repeat(64) } },
    };
    await store.save(state);
    expect(await store.load()).toEqual(state);
    expect(await readdir(`${dir}/${SEEN_DIR}`)).toEqual([`${vaultHex}.json`]);
    await writeFile(`${dir}/${SEEN_DIR}/${vaultHex}.json`, '{"at": "torn');
    expect(await store.load()).toBeNull();
    // Not known yet (a vault being created): nothing is read or kept.
    const unknown = device.localSeen(() => null);
    await unknown.save(state);
    expect(await unknown.load()).toBeNull();
  });
});
