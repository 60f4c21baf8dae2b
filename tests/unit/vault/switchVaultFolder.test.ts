import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultyFs, mutatingOps } from '../../../main/vault/faults';
import {
  asideStamp,
  finishInterruptedSwitch,
  listKeptAside,
  switchIntentPath,
  switchVaultFolder,
} from '../../../main/vault/switchVaultFolder';
import { Vault } from '../../../main/vault/Vault';
import { tempDir } from '../helpers/tempDir';
import { expectKind, PASS, TEST_KDF } from './kit';

/** A vault at `<tmp>/vault` holding {which: 'old'} and a prepared one beside it holding {which: 'new'}. */
async function twoVaults(): Promise<{ vaultDir: string; prepared: string }> {
  const parent = await tempDir();
  const vaultDir = join(parent, 'vault');
  const prepared = join(parent, 'vault.prepared-1');
  for (const [dir, which] of [
    [vaultDir, 'old'],
    [prepared, 'new'],
  ] as const) {
    const { vault } = await Vault.create(dir, PASS, { kdf: TEST_KDF });
    await vault.put('note', 'n', { which });
    await vault.lock();
  }
  return { vaultDir, prepared };
}

async function whichOpens(vaultDir: string): Promise<string> {
  const vault = await Vault.open(vaultDir, { passphrase: PASS });
  try {
    return (await vault.get<{ which: string }>('note', 'n')).which;
  } finally {
    await vault.lock();
  }
}

const NOW = new Date(2026, 11, 2, 14, 5);

describe('switchVaultFolder', () => {
  it('puts the old folder aside under a dated name and the prepared one in its place', async () => {
    const { vaultDir, prepared } = await twoVaults();
    const { keptAside } = await switchVaultFolder(vaultDir, prepared, NOW);
    expect(keptAside).toBe(join(vaultDir, '..', 'vault (replaced 2026-12-02 14-05)'));
    expect(await whichOpens(vaultDir)).toBe('new');
    expect(await whichOpens(keptAside)).toBe('old');
    expect(existsSync(prepared)).toBe(false);
    expect(existsSync(switchIntentPath(vaultDir))).toBe(false);
    expect(await listKeptAside(vaultDir)).toEqual([
      { path: keptAside, reason: 'replaced', at: NOW.toISOString() },
    ]);
  });

  it('never reuses a kept-aside name: a second switch in the same minute gets " 2"', async () => {
    const { vaultDir, prepared } = await twoVaults();
    await switchVaultFolder(vaultDir, prepared, NOW);
    const again = join(vaultDir, '..', 'vault.prepared-2');
    const { vault } = await Vault.create(again, PASS, { kdf: TEST_KDF });
    await vault.put('note', 'n', { which: 'third' });
    await vault.lock();
    const { keptAside } = await switchVaultFolder(vaultDir, again, NOW);
    expect(keptAside).toBe(join(vaultDir, '..', `vault (replaced ${asideStamp(NOW)} 2)`));
    expect(await whichOpens(vaultDir)).toBe('third');
    expect((await listKeptAside(vaultDir)).map((k) => k.path).sort()).toEqual(
      [join(vaultDir, '..', 'vault (replaced 2026-12-02 14-05)'), keptAside].sort(),
    );
  });

  it('refuses a prepared folder that is not a complete vault, or not beside the vault', async () => {
    const { vaultDir } = await twoVaults();
    const half = join(vaultDir, '..', 'vault.half');
    await mkdir(half);
    await expectKind(switchVaultFolder(vaultDir, half, NOW), 'invalid-input');
    const elsewhere = join(await tempDir(), 'x');
    await expectKind(switchVaultFolder(vaultDir, elsewhere, NOW), 'invalid-input');
    expect(await whichOpens(vaultDir)).toBe('old');
  });

  it('a crash at every step leaves a vault in place once finishInterruptedSwitch has run: the old one until it is moved aside, the new one after', async () => {
    const probe = await twoVaults();
    const counter = new FaultyFs();
    counter.arm({ at: Number.MAX_SAFE_INTEGER, only: mutatingOps });
    await switchVaultFolder(probe.vaultDir, probe.prepared, NOW, counter);
    const steps = counter.steps;
    expect(steps).toBeGreaterThanOrEqual(6);
    // The first rename moves the vault aside: until it happens the old vault is in place; once
    // it has, the vault folder is missing and the prepared one is put there.
    const firstRename = counter.log.findIndex((line) => line.startsWith(`rename ${probe.vaultDir} (`)) + 1;
    expect(firstRename).toBeGreaterThan(0);

    for (let at = 1; at <= steps; at++) {
      const { vaultDir, prepared } = await twoVaults();
      const fs = new FaultyFs();
      fs.arm({ at, mode: 'crash', only: mutatingOps });
      await switchVaultFolder(vaultDir, prepared, NOW, fs).catch(() => undefined);
      // The next start:
      await finishInterruptedSwitch(vaultDir);
      const expected = at <= firstRename ? 'old' : 'new';
      expect(await whichOpens(vaultDir), `crash at step ${at} (${fs.log.at(-1)})`).toBe(expected);
      expect(existsSync(switchIntentPath(vaultDir))).toBe(false);
      // Nothing is lost: the other state is still on disk (prepared, or kept aside).
      const names = await readdir(join(vaultDir, '..'));
      expect(names.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('finishes a switch killed between the two renames, and puts the old folder back when the prepared one is gone', async () => {
    const a = await twoVaults();
    const aside = join(a.vaultDir, '..', 'vault (replaced 2026-12-02 14-05)');
    const intent = {
      format: 'attune-folder-switch',
      version: 1,
      vault: 'vault',
      prepared: 'vault.prepared-1',
      aside: 'vault (replaced 2026-12-02 14-05)',
      pid: 999_999_999,
      hostname: 'elsewhere',
      startedAt: NOW.toISOString(),
    };
    await writeFile(switchIntentPath(a.vaultDir), JSON.stringify(intent));
    const { rename } = await import('node:fs/promises');
    await rename(a.vaultDir, aside);
    expect(await Vault.isVault(a.vaultDir)).toBe(false);
    expect(await finishInterruptedSwitch(a.vaultDir)).toBe('finished');
    expect(await whichOpens(a.vaultDir)).toBe('new');

    const b = await twoVaults();
    await writeFile(switchIntentPath(b.vaultDir), JSON.stringify(intent));
    await rename(b.vaultDir, join(b.vaultDir, '..', intent.aside));
    await import('node:fs/promises').then((m) => m.rm(b.prepared, { recursive: true }));
    expect(await finishInterruptedSwitch(b.vaultDir)).toBe('put-back');
    expect(await whichOpens(b.vaultDir)).toBe('old');
    expect(await finishInterruptedSwitch(b.vaultDir)).toBe('none');
  });

  it('lists only dated vault folders beside the vault, newest first', async () => {
    const parent = await tempDir();
    const vaultDir = join(parent, 'My vault');
    await mkdir(vaultDir);
    await mkdir(join(parent, 'My vault (replaced 2026-01-02 03-04)'));
    await mkdir(join(parent, 'My vault (moved 2026-03-02 03-04)'));
    await mkdir(join(parent, 'Other (replaced 2026-01-02 03-04)'));
    await writeFile(join(parent, 'My vault (replaced 2026-05-02 03-04)'), 'a file, not a folder');
    const listed = await listKeptAside(vaultDir);
    expect(listed.map((k) => [k.reason, k.path])).toEqual([
      ['moved', join(parent, 'My vault (moved 2026-03-02 03-04)')],
      ['replaced', join(parent, 'My vault (replaced 2026-01-02 03-04)')],
    ]);
    expect(listed[0]!.at).toBe(new Date(2026, 2, 2, 3, 4).toISOString());
  });
});
