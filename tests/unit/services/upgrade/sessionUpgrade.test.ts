import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Events } from '../../../../shared/ipc/events';
import { VaultSession } from '../../../../main/services/VaultSession';
import { Vault } from '../../../../main/vault/Vault';
import { makeVault, PASS } from '../serviceKit';

const versionOf = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')).version as number;

/** A format-1 vault with a few notes, as an older Attune left it. */
async function format1Vault(): Promise<{ dataDir: string; location: string }> {
  const made = await makeVault(undefined, 1);
  const vault = await Vault.open(made.location, { passphrase: PASS });
  for (let i = 0; i < 12; i++) await vault.put('note', `n${i}`, { i });
  await vault.lock();
  return made;
}

function session(location: string, upgradeToFormat2?: boolean) {
  const progress: Array<Events['vault:progress']> = [];
  const s = new VaultSession(
    location,
    (event, payload) => {
      if (event === 'vault:progress') progress.push(payload as Events['vault:progress']);
    },
    1500,
    upgradeToFormat2 === undefined ? {} : { upgradeToFormat2 },
  );
  onTestFinished(() => s.lock('quit').then(() => undefined));
  return { s, progress };
}

describe('VaultSession upgrading a format-1 vault at unlock (option upgradeToFormat2)', () => {
  it('on by default: unlocking with the passphrase upgrades, and the answer names the kept copy', async () => {
    const { location } = await format1Vault();
    const { s, progress } = session(location);
    const status = await s.unlock({ passphrase: PASS });
    expect(s.vault.format).toBe(2);
    expect(progress.at(-1)).toEqual({ task: 'upgrade', done: 12, total: 12 });
    const [copy] = (await readdir(join(location, '..'))).filter((n) => n.startsWith('vault ('));
    expect(status).toEqual({ state: 'unlocked', location, format1Copy: join(location, '..', copy!) });
    expect(await versionOf(join(location, '..', copy!))).toBe(1);
    // Told once: the next unlock has nothing to upgrade and names no copy.
    await s.lock('user');
    expect(await s.unlock({ passphrase: PASS })).toEqual({ state: 'unlocked', location });
  });

  it('off when asked: the vault opens in format 1 and stays so', async () => {
    const { location } = await format1Vault();
    const { s, progress } = session(location, false);
    expect(await s.unlock({ passphrase: PASS })).toEqual({ state: 'unlocked', location });
    expect(s.vault.format).toBe(1);
    expect(progress).toEqual([]);
    expect(await versionOf(location)).toBe(1);
  });

  it('on: unlocking with the passphrase upgrades, reports progress and opens the format-2 vault with every record', async () => {
    const { location } = await format1Vault();
    const { s, progress } = session(location, true);
    await s.unlock({ passphrase: PASS });
    expect(s.vault.format).toBe(2);
    expect(s.vault.list('note')).toHaveLength(12);
    expect(progress.at(-1)).toEqual({ task: 'upgrade', done: 12, total: 12 });
    expect((await readdir(join(location, '..'))).filter((n) => n.startsWith('vault ('))).toEqual([
      expect.stringMatching(/^vault \(format 1 copy /),
    ]);
    // Opened as this computer: its log carries on, it did not join as a second one.
    expect(await readdir(join(location, 'devices'))).toEqual([(await s.device.identity()).hex]);
  });

  it('on: a wrong passphrase is refused as usual and changes nothing', async () => {
    const { location } = await format1Vault();
    const { s } = session(location, true);
    await expect(s.unlock({ passphrase: 'not it' })).rejects.toMatchObject({ kind: 'wrong-passphrase' });
    expect(await versionOf(location)).toBe(1);
  });
});
