import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../../../main/ipc/createBackend';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { VaultPlaceService } from '../../../../main/services/vaultPlace/VaultPlaceService';
import { VaultSession } from '../../../../main/services/VaultSession';
import { switchIntentPath } from '../../../../main/vault/switchVaultFolder';
import { Vault } from '../../../../main/vault/Vault';
import type { FolderPurpose } from '../../../../shared/ipc/contract';
import { tempDir } from '../../helpers/tempDir';
import { expectKind, makeVault, openAsThisComputer, PASS, TEST_KDF } from '../serviceKit';

/** A place service over `dataDir`, its folder dialog answering `answers` in turn. */
function placeOver(dataDir: string, answers: Array<string | null> = []) {
  const asked: FolderPurpose[] = [];
  const shown: string[] = [];
  const session = new VaultSession(join(dataDir, 'vault'), () => undefined);
  const config = new DeviceConfigStore(dataDir);
  const place = new VaultPlaceService(session, config, join(dataDir, 'vault'), {
    chooseFolder: async (purpose) => {
      asked.push(purpose);
      return answers.shift() ?? null;
    },
    showItemInFolder: (path) => shown.push(path),
  });
  return { session, config, place, asked, shown };
}

async function routerCall(backend: ReturnType<typeof createBackend>, method: string, input?: unknown) {
  const result = await backend.router.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

describe('where the vault lives', () => {
  it('first run: a chosen folder is checked, recorded in this computer’s settings, and used from the next start', async () => {
    const dataDir = await tempDir();
    const chosen = join(await tempDir(), 'Clinical vault');
    const { place, session, config, asked } = placeOver(dataDir, [null, chosen]);
    await place.start();
    expect(await place.chooseAtFirstRun()).toBeNull(); // cancelled: nothing changes
    expect(session.location).toBe(join(dataDir, 'vault'));
    const placed = await place.chooseAtFirstRun();
    expect(asked).toEqual(['vault-location', 'vault-location']);
    expect(placed).toMatchObject({ location: chosen, isDefault: false, oldCopies: [] });
    expect((await config.read()).vaultDir).toBe(chosen);
    const { vault } = await Vault.create(session.location, PASS, { kdf: TEST_KDF });
    await vault.lock();
    // A vault exists now: the first-run choice is closed.
    await expectKind(place.chooseAtFirstRun(), 'vault-exists');

    // The app's next start looks there.
    const backend = createBackend({ dataDir, emit: () => undefined, version: 'test' });
    try {
      expect(await routerCall(backend, 'vault:status')).toEqual({ state: 'locked', location: chosen });
      expect(await routerCall(backend, 'vaultPlace:get')).toMatchObject({
        location: chosen,
        isDefault: false,
      });
    } finally {
      await backend.dispose();
    }
  });

  it('at start, a folder switch killed between its renames is finished, so the vault is not shown as absent', async () => {
    const { dataDir, location } = await makeVault();
    const prepared = join(dataDir, 'vault.restoring-1');
    const { vault } = await Vault.create(prepared, PASS, { kdf: TEST_KDF });
    await vault.put('note', 'n', { which: 'new' });
    await vault.lock();
    const aside = 'vault (replaced 2026-12-02 14-05)';
    await writeFile(
      switchIntentPath(location),
      JSON.stringify({
        format: 'attune-folder-switch',
        version: 1,
        vault: 'vault',
        prepared: 'vault.restoring-1',
        aside,
        pid: 1,
        hostname: 'elsewhere',
        startedAt: new Date().toISOString(),
      }),
    );
    await rename(location, join(dataDir, aside));
    const backend = createBackend({ dataDir, emit: () => undefined, version: 'test' });
    try {
      expect(await routerCall(backend, 'vault:status')).toEqual({ state: 'locked', location });
      const listed = await routerCall(backend, 'vaultPlace:get');
      expect(listed.oldCopies).toEqual([
        expect.objectContaining({ path: join(dataDir, aside), reason: 'replaced' }),
      ]);
    } finally {
      await backend.dispose();
    }
    const reopened = await Vault.open(location, { passphrase: PASS });
    expect(await reopened.get('note', 'n')).toEqual({ which: 'new' });
    await reopened.lock();
  });

  it('moves the vault: copied, verified, recorded, opened again at the new place; the old copy is kept until removed', async () => {
    const { dataDir, location } = await makeVault(undefined, 2);
    const target = join(await tempDir(), 'moved vault');
    await mkdir(target);
    const { place, session, config, shown } = placeOver(dataDir, [target, target, target]);
    await place.start();
    await session.unlock({ passphrase: PASS });
    await session.vault.put('note', 'n1', { text: 'kept through the move' });

    expect(place.showInFileManager()).toBeNull();
    expect(shown).toEqual([location]);

    await expectKind(place.move(target, PASS), 'invalid-input'); // not chosen with the dialog yet
    expect(await place.chooseMoveTarget()).toEqual({ path: target });
    await expectKind(place.move(target, 'not the passphrase'), 'wrong-passphrase');
    expect(session.location).toBe(location);
    expect(await session.vault.get('note', 'n1')).toEqual({ text: 'kept through the move' });

    const { place: moved, status } = await place.move(target, PASS);
    expect(status).toEqual({ state: 'unlocked', location: target });
    expect(await session.vault.get('note', 'n1')).toEqual({ text: 'kept through the move' });
    expect((await session.vault.verify()).problems).toEqual([]);
    expect((await config.read()).vaultDir).toBe(target);
    expect(existsSync(location)).toBe(false); // renamed, so it is never opened by mistake
    expect(moved.oldCopies).toHaveLength(1);
    const old = moved.oldCopies[0]!;
    expect(old).toMatchObject({ reason: 'moved' });
    expect(old.path).toMatch(/vault \(moved \d{4}-\d\d-\d\d \d\d-\d\d\)$/);
    expect((await config.read()).oldVaultCopies).toEqual([old.path]);
    const oldVault = await openAsThisComputer(old.path, { passphrase: PASS }, dataDir);
    expect(await oldVault.get('note', 'n1')).toEqual({ text: 'kept through the move' });
    await oldVault.lock();

    // Only a listed copy can be removed.
    await expectKind(place.removeOldCopy(target), 'not-found');
    await expectKind(place.removeOldCopy(dataDir), 'not-found');
    const after = await place.removeOldCopy(old.path);
    expect(after.oldCopies).toEqual([]);
    expect(existsSync(old.path)).toBe(false);
    expect((await config.read()).oldVaultCopies).toEqual([]);
    expect(JSON.parse(await readFile(config.path, 'utf8')).vaultDir).toBe(target);
    await session.lock('user');
  });

  it('lost settings after a move: first run says so and opens the existing vault instead of creating one', async () => {
    const dataDir = await tempDir();
    const elsewhere = join(await tempDir(), 'Moved vault');
    const first = placeOver(dataDir, [elsewhere]);
    await first.place.start();
    await first.place.chooseAtFirstRun();
    const { vault } = await Vault.create(first.session.location, PASS, { kdf: TEST_KDF });
    await vault.lock();
    // A disk error garbles this computer's settings and their copy.
    await writeFile(first.config.path, '{"version":1,"vaultDir":');
    await writeFile(first.config.copyPath, '');

    const notAVault = await tempDir();
    const { place, session, asked } = placeOver(dataDir, [null, notAVault, elsewhere]);
    await place.start();
    expect(await session.status()).toMatchObject({ state: 'absent', location: join(dataDir, 'vault') });
    expect(await place.get()).toMatchObject({ settingsDamaged: true, isDefault: true });
    expect(await place.openExisting()).toBeNull(); // cancelled
    await expect(place.openExisting()).rejects.toThrow(/There is no Attune vault in .*attune-vault\.json/);
    const opened = await place.openExisting();
    expect(asked).toEqual(['vault-open', 'vault-open', 'vault-open']);
    expect(opened).toMatchObject({ location: elsewhere, isDefault: false, settingsDamaged: false });
    expect(await session.status()).toMatchObject({ state: 'locked', location: elsewhere });
    // Once a vault is there, the first-run actions are closed.
    await expectKind(place.openExisting(), 'vault-exists');
  });
});
