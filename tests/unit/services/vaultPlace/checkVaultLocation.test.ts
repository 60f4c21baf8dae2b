import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVaultLocation } from '../../../../main/services/vaultPlace/checkVaultLocation';
import { FaultyFs, fsError } from '../../../../main/vault/faults';
import { tempDir } from '../../helpers/tempDir';
import { expectKind } from '../serviceKit';

const none = { current: null, backupFolder: null };

describe('checkVaultLocation', () => {
  it('accepts an empty folder, or a new folder in an existing one, and leaves nothing behind', async () => {
    const root = await tempDir();
    const empty = join(root, 'empty');
    await mkdir(empty);
    expect(await checkVaultLocation(empty, none)).toBe(empty);
    expect(await checkVaultLocation(`${root}/new/../new-vault`, none)).toBe(join(root, 'new-vault'));
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(root)).sort()).toEqual(['empty']);
    expect(await readdir(empty)).toEqual([]);
  });

  it('refuses a relative path, a file, a folder with things in it, an existing vault and a missing parent', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'file.txt'), 'x');
    await mkdir(join(root, 'full'));
    await writeFile(join(root, 'full', 'notes.docx'), 'x');
    await mkdir(join(root, 'a-vault'));
    await writeFile(join(root, 'a-vault', 'attune-vault.json'), '{}');
    expect(await expectKind(checkVaultLocation('relative/vault', none), 'invalid-input')).toMatch(
      /full path/,
    );
    expect(await expectKind(checkVaultLocation(join(root, 'file.txt'), none), 'invalid-input')).toMatch(
      /file, not a folder/,
    );
    expect(await expectKind(checkVaultLocation(join(root, 'full'), none), 'invalid-input')).toMatch(
      /not empty/,
    );
    expect(await expectKind(checkVaultLocation(join(root, 'a-vault'), none), 'invalid-input')).toMatch(
      /already a vault/,
    );
    expect(
      await expectKind(checkVaultLocation(join(root, 'no', 'such', 'place'), none), 'invalid-input'),
    ).toMatch(/does not exist/);
  });

  it('refuses the vault folder itself, a folder inside it or around it, and the backup folder', async () => {
    const root = await tempDir();
    const current = join(root, 'vault');
    await mkdir(current);
    const context = { current, backupFolder: join(root, 'backups') };
    await expectKind(checkVaultLocation(current, context), 'invalid-input');
    expect(await expectKind(checkVaultLocation(join(current, 'sub'), context), 'invalid-input')).toMatch(
      /inside the vault/,
    );
    await mkdir(join(root, 'outer'));
    expect(
      await expectKind(checkVaultLocation(root, { current, backupFolder: null }), 'invalid-input'),
    ).toMatch(/holds the vault folder/);
    expect(
      await expectKind(checkVaultLocation(join(root, 'backups', 'v'), context), 'invalid-input'),
    ).toMatch(/backup folder/);
  });

  it('refuses a sync conflict copy, and a folder beside conflict copies of itself', async () => {
    const root = await tempDir();
    const conflicted = join(root, 'Attune (conflicted copy 2026-12-01)');
    await mkdir(conflicted);
    expect(await expectKind(checkVaultLocation(join(conflicted, 'vault'), none), 'invalid-input')).toMatch(
      /conflict/,
    );
    await mkdir(join(root, 'vault.sync-conflict-20261201-101010-ABCDEF'));
    expect(await expectKind(checkVaultLocation(join(root, 'vault'), none), 'invalid-input')).toMatch(
      /conflict copies/,
    );
  });

  it('keeps a format-1 vault out of a folder a sync tool keeps in sync, and lets a format-2 vault in', async () => {
    const root = await tempDir();
    // Syncthing's share, recognised by the marker folder at its top.
    await mkdir(join(root, 'Sync', 'practice'), { recursive: true });
    await mkdir(join(root, 'Sync', '.stfolder'));
    const inSyncthing = join(root, 'Sync', 'practice', 'vault');
    expect(await expectKind(checkVaultLocation(inSyncthing, none), 'invalid-input')).toBe(
      'This folder is kept in sync by Syncthing. This vault must not live in a synced folder: once it is opened on two computers, the sync app can silently lose notes. Choose a folder outside Syncthing. To keep a copy there, choose it as your backup folder in Settings → Backups instead.',
    );
    expect(await checkVaultLocation(inSyncthing, { ...none, format: 2 })).toBe(inSyncthing);
    // Dropbox, by its folder's name; Nextcloud, by its sync database.
    await mkdir(join(root, 'Dropbox'));
    expect(await expectKind(checkVaultLocation(join(root, 'Dropbox', 'v'), none), 'invalid-input')).toMatch(
      /kept in sync by Dropbox/,
    );
    await mkdir(join(root, 'cloud'));
    await writeFile(join(root, 'cloud', '.sync_0123abcd.db'), '');
    expect(
      await expectKind(checkVaultLocation(join(root, 'cloud', 'v'), { ...none, format: 1 }), 'invalid-input'),
    ).toMatch(/kept in sync by Nextcloud/);
    expect(await checkVaultLocation(join(root, 'cloud', 'v'), { ...none, format: 2 })).toBe(
      join(root, 'cloud', 'v'),
    );
    // A plain folder is fine for either format.
    expect(await checkVaultLocation(join(root, 'plain'), none)).toBe(join(root, 'plain'));
  });

  it('refuses a folder Attune cannot write in (read-only disk) or whose disk is full', async () => {
    const root = await tempDir();
    for (const [code, words] of [
      ['EROFS', /cannot write/],
      ['ENOSPC', /full/],
    ] as const) {
      const fs = new FaultyFs();
      fs.arm({ at: 1, mode: 'once', only: (op) => op === 'open', error: () => fsError(code, 'open') });
      expect(await expectKind(checkVaultLocation(join(root, 'vault'), none, fs), 'invalid-input')).toMatch(
        words,
      );
    }
  });
});
