import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { VaultPlaceService } from '../../../../main/services/vaultPlace/VaultPlaceService';
import { VaultSession } from '../../../../main/services/VaultSession';
import { tempDir } from '../../helpers/tempDir';
import { expectKind, makeVault, PASS } from '../serviceKit';

/** A place service over the vault in `dataDir`, its folder dialog answering `answers` in turn. */
function placeOver(dataDir: string, answers: string[], upgradeToFormat2 = true) {
  const session = new VaultSession(join(dataDir, 'vault'), () => undefined, 1500, { upgradeToFormat2 });
  const config = new DeviceConfigStore(dataDir);
  const place = new VaultPlaceService(session, config, join(dataDir, 'vault'), {
    chooseFolder: async () => answers.shift() ?? null,
  });
  return { session, config, place };
}

/** A Syncthing share (its marker folder at the top) with an empty folder in it. */
async function syncthingFolder(): Promise<string> {
  const share = join(await tempDir(), 'Sync');
  await mkdir(join(share, '.stfolder'), { recursive: true });
  await mkdir(join(share, 'practice'));
  return join(share, 'practice');
}

describe('Move vault… with either format', () => {
  it('moves a format-2 vault into a synced folder and reopens it there as format 2', async () => {
    const { dataDir, location } = await makeVault(undefined, 2);
    const target = await syncthingFolder();
    const { place, session, config } = placeOver(dataDir, [target]);
    await place.start();
    await session.unlock({ passphrase: PASS });
    await session.vault.put('note', 'n1', { text: 'kept through the move' });

    expect(await place.chooseMoveTarget()).toEqual({ path: target });
    const { status } = await place.move(target, PASS);
    expect(status).toEqual({ state: 'unlocked', location: target });
    expect(session.vault.format).toBe(2);
    expect(await session.vault.get('note', 'n1')).toEqual({ text: 'kept through the move' });
    expect((await session.vault.verify()).problems).toEqual([]);
    expect((await config.read()).vaultDir).toBe(target);
    expect(existsSync(location)).toBe(false); // renamed aside, kept
    await session.lock('user');
  });

  it('refuses to move a format-1 vault into a synced folder, saying why and what to do instead', async () => {
    const { dataDir } = await makeVault(undefined, 1);
    const target = await syncthingFolder();
    // Unlocking would upgrade it to format 2 first; a vault stays format 1 only with this off.
    const { place, session } = placeOver(dataDir, [target], false);
    await place.start();
    await session.unlock({ passphrase: PASS });
    expect(session.vault.format).toBe(1);
    expect(await expectKind(place.chooseMoveTarget(), 'invalid-input')).toMatch(
      /^This folder is kept in sync by Syncthing\. .*choose it as your backup folder in Settings → Backups instead\.$/,
    );
    await session.lock('user');
  });
});
