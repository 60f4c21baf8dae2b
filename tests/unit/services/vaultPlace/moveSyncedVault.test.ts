import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { moveVaultTo } from '../../../../main/services/vaultPlace/moveVaultTo';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { A, B, kdf, PASS, tempRootsPerTest } from '../../vault/v2/v2Kit';

const tempRoot = tempRootsPerTest('attune-move-v2-');

/** A vault shared by the office (A) and the laptop (B) in one folder, each having saved records. */
async function sharedVault(dataDir: string) {
  const dir = join(dataDir, 'vault');
  const { vault: a } = await SyncedVault.create(dir, PASS, {
    kdf,
    device: { hex: A, name: 'Office iMac' },
    heartbeatMs: 0,
  });
  await a.put('client', 'c1', { code: 'C-001' });
  const b = await SyncedVault.open(
    dir,
    { passphrase: PASS },
    { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
  );
  await b.put('note', 'n1', { text: 'written on the laptop' });
  return { dir, a, b };
}

describe('Move vault… on a vault shared between computers (format 2)', () => {
  it('copies every computer’s log, checks the copy, records the new place and keeps the old folder aside', async () => {
    const dataDir = await tempRoot();
    const { dir, a, b } = await sharedVault(dataDir);
    await b.lock();
    await a.lock();
    const config = new DeviceConfigStore(dataDir);
    const to = join(dataDir, 'elsewhere');
    const { keptAside } = await moveVaultTo(config, dir, to, PASS, dir, {
      deviceHex: A,
      now: new Date(2026, 11, 3, 14, 5),
    });
    expect(keptAside).toBe(`${dir} (moved 2026-12-03 14-05)`);
    expect((await config.read()).vaultDir).toBe(to);
    expect((await readdir(join(to, 'devices'))).sort()).toEqual([A, B]);
    // No lock file travelled with the copy.
    expect(await readdir(join(to, 'devices', A))).not.toContainEqual(expect.stringMatching(/attune\.lock/));
    const moved = await SyncedVault.open(
      to,
      { passphrase: PASS },
      { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
    );
    expect(await moved.get('note', 'n1')).toEqual({ text: 'written on the laptop' });
    expect(await moved.get('client', 'c1')).toEqual({ code: 'C-001' });
    expect((await moved.verify()).problems).toEqual([]);
    await moved.lock();
  });

  it('is refused, changing nothing, while another computer has the vault open', async () => {
    const dataDir = await tempRoot();
    const { dir, a, b } = await sharedVault(dataDir);
    await a.lock();
    const config = new DeviceConfigStore(dataDir);
    const to = join(dataDir, 'elsewhere');
    await expect(moveVaultTo(config, dir, to, PASS, dir, { deviceHex: A })).rejects.toMatchObject({
      kind: 'in-use',
      message: expect.stringMatching(
        /^Also open on Laptop, just now\. Lock Attune on Laptop first, so that its changes are not left behind at the old place; then move the vault\. Nothing was changed\.$/,
      ),
    });
    expect(await readdir(dataDir)).toEqual(['vault']);
    expect((await config.read()).vaultDir).toBeNull();
    await b.lock();
  });

  it('a wrong passphrase moves nothing', async () => {
    const dataDir = await tempRoot();
    const { dir, a, b } = await sharedVault(dataDir);
    await b.lock();
    await a.lock();
    const config = new DeviceConfigStore(dataDir);
    await expect(
      moveVaultTo(config, dir, join(dataDir, 'elsewhere'), 'not the passphrase', dir, { deviceHex: A }),
    ).rejects.toMatchObject({ kind: 'wrong-passphrase' });
    expect(await readdir(dataDir)).toEqual(['vault']);
  });
});
