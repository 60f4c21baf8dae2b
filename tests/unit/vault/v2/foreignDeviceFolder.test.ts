import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-foreign-folder-');

test('a device folder of another vault, copied in, is said to be another vault’s, not one from before a key rotation', async () => {
  const root = await tempRoot();
  const [mine, other] = [join(root, 'mine'), join(root, 'other')];
  for (const [dir, hex] of [
    [mine, A],
    [other, B],
  ] as const) {
    const { vault } = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex, name: 'Office iMac' },
      heartbeatMs: 0,
    });
    await vault.lock();
  }
  await cp(join(other, 'devices', B), join(mine, 'devices', B), { recursive: true });
  const vault = await SyncedVault.open(
    mine,
    { passphrase: PASS },
    { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
  );
  try {
    const about = vault.problems().filter((p) => p.deviceHex === B);
    expect(about).toHaveLength(1);
    expect(about[0]?.message).toMatch(/belongs to another Attune vault/);
    expect(about[0]?.message).not.toMatch(/key was rotated|Open Attune on/);
  } finally {
    await vault.lock();
  }
});
