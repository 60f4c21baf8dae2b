import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Events } from '../../../../shared/ipc/events';
import { progressEvents } from '../../../../main/services/progressEvents';
import { upgradeFormat1IfNeeded } from '../../../../main/services/upgrade/upgradeFormat1IfNeeded';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { Vault } from '../../../../main/vault/Vault';
import { tempDir } from '../../helpers/tempDir';
import { PASS, TEST_KDF } from '../../vault/kit';

const device = { hex: 'c'.repeat(32), name: 'Laptop' };
const versionOf = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')).version as number;

async function format1(notes: number): Promise<{ dir: string; recoveryKey: string }> {
  const dir = join(await tempDir(), 'vault');
  const { vault, recoveryKey } = await Vault.create(dir, PASS, { kdf: TEST_KDF });
  for (let i = 0; i < notes; i++) await vault.put('note', `n${i}`, { i });
  await vault.lock();
  return { dir, recoveryKey };
}

describe('upgradeFormat1IfNeeded (the call the session makes at unlock)', () => {
  it('upgrades a format-1 vault unlocked with the passphrase, reporting progress as vault:progress task upgrade', async () => {
    const { dir } = await format1(40);
    const events: Array<Events['vault:progress']> = [];
    const emit = (_event: string, payload: unknown) => events.push(payload as Events['vault:progress']);
    const outcome = await upgradeFormat1IfNeeded(
      dir,
      { passphrase: PASS },
      device,
      progressEvents(emit, 'upgrade'),
    );
    expect(outcome).toMatchObject({ upgraded: true, records: 40 });
    expect(events.at(-1)).toEqual({ task: 'upgrade', done: 40, total: 40 });
    expect(await versionOf(dir)).toBe(2);
    const vault = await SyncedVault.open(dir, { passphrase: PASS }, { device, heartbeatMs: 0 });
    expect(vault.list('note')).toHaveLength(40);
    await vault.lock();
    // A second unlock has nothing to do.
    expect(await upgradeFormat1IfNeeded(dir, { passphrase: PASS }, device)).toEqual({
      upgraded: false,
      reason: 'format-2',
    });
  });

  it('with the recovery key the vault stays in format 1 (the passphrase makes the new slots)', async () => {
    const { dir, recoveryKey } = await format1(3);
    expect(await upgradeFormat1IfNeeded(dir, { recoveryKey }, device)).toEqual({
      upgraded: false,
      reason: 'needs-passphrase',
    });
    expect(await versionOf(dir)).toBe(1);
  });

  it('a folder without a vault is left for the open to report', async () => {
    const dir = join(await tempDir(), 'nothing');
    expect(await upgradeFormat1IfNeeded(dir, { passphrase: PASS }, device)).toEqual({
      upgraded: false,
      reason: 'not-a-vault',
    });
  });
});
