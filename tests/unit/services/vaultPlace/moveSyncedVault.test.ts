import { cp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { moveVaultTo } from '../../../../main/services/vaultPlace/moveVaultTo';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import type { SeenState } from '../../../../main/vault/v2/seenFile';
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

  it('after a restore, this computer’s former id (its presence copied back open) is not taken for another computer', async () => {
    // Found by a walk: a backup written while the vault was open holds this computer's presence
    // file saying "open"; after restoring it, this computer carries on under a new id, and Move
    // was refused with "Also open on <this computer's own name>", a lock nobody could make.
    const dataDir = await tempRoot();
    const dir = join(dataDir, 'vault');
    // This computer's own memory of what it has seen, kept outside the folder (its settings).
    let seen: SeenState | null = null;
    const localSeen = {
      load: async () => seen,
      save: async (state: SeenState) => {
        seen = state;
      },
    };
    const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0, localSeen };
    const { vault: a } = await SyncedVault.create(dir, PASS, { kdf, ...office });
    await a.put('client', 'c1', { code: 'C-001' });
    const backup = join(dataDir, 'backup');
    await cp(dir, backup, { recursive: true }); // taken while open: A's presence says open
    await a.put('client', 'c2', { code: 'C-002' });
    await a.lock();
    await rm(dir, { recursive: true });
    await cp(backup, dir, { recursive: true }); // the restore puts the older copy back
    const restored = await SyncedVault.open(dir, { passphrase: PASS }, office);
    const newHex = restored.deviceHex;
    expect(newHex).not.toBe(A); // its own log went back: it carries on under a new id
    expect([...restored.formerIds()]).toEqual([A]);
    expect(await restored.present()).toEqual([]);
    const formerIds = [...restored.formerIds()];
    await restored.lock();
    const config = new DeviceConfigStore(dataDir);
    const to = join(dataDir, 'elsewhere');
    // Without knowing its former id, the move takes it for another computer (as before).
    await expect(moveVaultTo(config, dir, to, PASS, dir, { deviceHex: newHex })).rejects.toMatchObject({
      kind: 'in-use',
      message: expect.stringMatching(/^Also open on Office iMac, just now\./),
    });
    await moveVaultTo(config, dir, to, PASS, dir, { deviceHex: newHex, formerIds });
    expect((await config.read()).vaultDir).toBe(to);
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
