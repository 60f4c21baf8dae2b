import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBackend } from '../../../../main/ipc/createBackend';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { Vault } from '../../../../main/vault/Vault';
import { tempDir } from '../../helpers/tempDir';
import { makeVault, PASS, TEST_KDF } from '../serviceKit';

/**
 * A format-1 vault open through the router. Unlocking with the passphrase upgrades it to format 2,
 * so it is opened the one way that leaves it in format 1: the recovery key (a forgotten passphrase).
 */
async function unlockedFormat1() {
  const dataDir = await tempDir('attune-sync-router-');
  const { vault, recoveryKey } = await Vault.create(join(dataDir, 'vault'), PASS, { kdf: TEST_KDF });
  await vault.lock();
  const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
  onTestFinished(() => backend.dispose());
  const recovered = await backend.router.call('vault:recover', { recoveryKey, newPassphrase: PASS });
  expect(recovered).toMatchObject({ ok: true, value: { status: { state: 'unlocked' } } });
  return backend.router.call;
}

describe('the sync methods through the router', () => {
  it('answer not-available on a format-1 vault, in plain words', async () => {
    const call = await unlockedFormat1();
    const notAvailable = {
      ok: true,
      value: { available: false, message: expect.stringMatching(/format 1, for one computer/) },
    };
    expect(await call('sync:status', undefined)).toEqual(notAvailable);
    expect(await call('sync:conflicts', undefined)).toEqual(notAvailable);
    expect(await call('sync:editingElsewhere', { kind: 'note', id: 'n1' })).toEqual(notAvailable);
    expect(await call('sync:setEditing', { records: [{ kind: 'note', id: 'n1' }] })).toEqual(notAvailable);
    expect(await call('sync:renameDevice', { name: 'Office iMac' })).toEqual(notAvailable);
  });

  it('validate what the window sends before anything runs', async () => {
    const call = await unlockedFormat1();
    expect(await call('sync:renameDevice', { name: '   ' })).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: expect.stringMatching(/name for this computer of 1 to 60 characters/),
      },
    });
    expect(await call('sync:renameDevice', { name: 'Office\niMac' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/line breaks/) },
    });
    expect(
      await call('sync:resolve', {
        kind: 'note',
        id: 'n1',
        choice: { type: 'version', versionId: '../../etc' },
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/version/) },
    });
    expect(
      await call('sync:resolve', { kind: 'note', id: 'n1', choice: { type: 'everything' } }),
    ).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('answer locked while the vault is locked', async () => {
    const { dataDir } = await makeVault();
    const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
    onTestFinished(() => backend.dispose());
    expect(await backend.router.call('sync:status', undefined)).toMatchObject({
      ok: false,
      error: { kind: 'locked' },
    });
  });

  it('on a format-2 vault: report the status and rename this computer in its settings and for the others', async () => {
    const { dataDir } = await makeVault(undefined, 2);
    const backend = createBackend({ dataDir, emit: () => undefined, version: '0.0.0-test' });
    onTestFinished(() => backend.dispose());
    const call = backend.router.call;
    expect(await call('vault:unlock', { passphrase: PASS })).toMatchObject({ ok: true });
    expect(await call('sync:status', undefined)).toMatchObject({
      ok: true,
      value: { available: true, value: { others: [], problems: [], conflicts: 0 } },
    });
    expect(await call('sync:renameDevice', { name: ' Front desk PC ' })).toEqual({
      ok: true,
      value: { available: true, value: { deviceName: 'Front desk PC' } },
    });
    expect(await call('sync:status', undefined)).toMatchObject({
      ok: true,
      value: { available: true, value: { deviceName: 'Front desk PC' } },
    });
    expect((await new DeviceConfigStore(dataDir).read()).device.name).toBe('Front desk PC');
    expect(await call('sync:conflicts', undefined)).toEqual({
      ok: true,
      value: { available: true, value: { conflicts: [], settledSigned: [] } },
    });
  });
});
