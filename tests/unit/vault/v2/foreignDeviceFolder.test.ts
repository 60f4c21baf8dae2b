import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { MARKER_FILE, parseMarker } from '../../../../main/vault/v2/marker';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { verifySyncedFolder } from '../../../../main/vault/v2/verifySyncedFolder';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-foreign-folder-');

/** Two vaults, `mine` made by device A and `other` by device B, each with its own vault id. */
async function twoVaults(): Promise<{ mine: string; other: string; mineId: string; otherId: string }> {
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
  const idOf = async (dir: string) => {
    const marker = parseMarker(await readFile(join(dir, MARKER_FILE)));
    return marker.version === 2 ? marker.vaultId.toString('hex') : '';
  };
  return { mine, other, mineId: await idOf(mine), otherId: await idOf(other) };
}

test('a device folder of another vault, copied in, is said to be another vault’s, not one from before a key rotation', async () => {
  const { mine, other, mineId, otherId } = await twoVaults();
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
    expect(about[0]?.message).toContain(otherId);
    expect(about[0]?.message).not.toMatch(/key was rotated|Open Attune on/);
    // The open vault's check says the same.
    const checked = (await vault.verify()).problems.filter((p) => p.deviceHex === B);
    expect(checked.map((p) => p.message)).toEqual([about[0]?.message]);
  } finally {
    await vault.lock();
  }
  // So does the check from outside (attune verify), naming both vaults by their ids.
  const outside = (await verifySyncedFolder(mine, { passphrase: PASS })).problems;
  expect(outside.map((p) => [p.type, p.file])).toEqual([['foreign', `devices/${B}`]]);
  expect(outside[0]?.message).toMatch(/belongs to another Attune vault/);
  expect(outside[0]?.message).toContain(otherId);
  expect(outside[0]?.message).toContain(mineId);
  expect(outside[0]?.message).not.toMatch(/key was rotated/);
});

test('another vault’s attune-vault.json copied over this one’s: said to name another vault than the key files, by both ids', async () => {
  const { mine, other, mineId, otherId } = await twoVaults();
  await cp(join(other, MARKER_FILE), join(mine, MARKER_FILE));
  const opening = SyncedVault.open(
    mine,
    { passphrase: PASS },
    { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
  );
  await expect(opening).rejects.toMatchObject({ kind: 'integrity' });
  const message = await opening.catch((error: Error) => error.message);
  expect(message).toMatch(new RegExp(`${MARKER_FILE} names vault ${otherId}`));
  expect(message).toContain(mineId);
  expect(message).not.toMatch(/could be read/);
  await expect(verifySyncedFolder(mine, { passphrase: PASS })).rejects.toMatchObject({ message });
});
