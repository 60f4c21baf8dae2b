import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTree, removeTree } from '../../../main/vault/folderTree';
import { discardInterruptedRotations } from '../../../main/vault/interruptedRotation';
import { listKeptAside } from '../../../main/vault/switchVaultFolder';
import { nodeVaultFs } from '../../../main/vault/vaultFs';
import { tempDir } from '../helpers/tempDir';

/** A folder of the user's that must survive: two files and a subfolder. */
async function precious(root: string): Promise<string> {
  const dir = join(root, 'Documents');
  await mkdir(join(dir, 'sub'), { recursive: true });
  await writeFile(join(dir, 'taxes.pdf'), 'mine');
  await writeFile(join(dir, 'sub', 'letter.txt'), 'mine too');
  return dir;
}

// A vault in a synced folder: whoever else can write there can put a symbolic link beside it or
// in it, named like something Attune cleans up or copies. Links are removed as links, never
// followed (symlinks need no privilege on Linux and macOS; Windows is not run here).
describe.skipIf(process.platform === 'win32')(
  'symbolic links beside and in the vault are never followed',
  () => {
    it('a link named like an interrupted rotation is removed, and what it points to is untouched', async () => {
      const root = await tempDir();
      const documents = await precious(root);
      const synced = join(root, 'Sync');
      await mkdir(join(synced, 'vault'), { recursive: true });
      await symlink(documents, join(synced, 'vault.rotating-00000000'));

      expect(await discardInterruptedRotations(nodeVaultFs, join(synced, 'vault'))).toBe(1);
      expect(await readdir(synced)).toEqual(['vault']);
      expect((await readdir(documents)).sort()).toEqual(['sub', 'taxes.pdf']);
      expect(await readFile(join(documents, 'sub', 'letter.txt'), 'utf8')).toBe('mine too');
    });

    it('removeTree removes a link inside a folder as a link', async () => {
      const root = await tempDir();
      const documents = await precious(root);
      const leftover = join(root, 'leftover');
      await mkdir(leftover);
      await symlink(documents, join(leftover, 'escape'));
      await removeTree(nodeVaultFs, leftover);
      expect(await readdir(root)).toEqual(['Documents']);
      expect((await readdir(documents)).sort()).toEqual(['sub', 'taxes.pdf']);
    });

    it('copying a vault folder (a move, an upgrade) leaves links out instead of copying what they point to', async () => {
      const root = await tempDir();
      const secret = join(root, 'id_rsa');
      await writeFile(secret, 'PRIVATE KEY');
      const vault = join(root, 'vault');
      await mkdir(join(vault, 'devices', 'aa'), { recursive: true });
      await writeFile(join(vault, 'devices', 'aa', 'log-000001.bin'), 'log');
      await symlink(secret, join(vault, 'devices', 'aa', 'log-000009.bin'));
      await copyTree(nodeVaultFs, vault, join(root, 'copy'));
      expect(await readdir(join(root, 'copy', 'devices', 'aa'))).toEqual(['log-000001.bin']);
    });

    it('a link named like a kept-aside copy is not listed (so "Remove old copy" never offers it)', async () => {
      const root = await tempDir();
      const documents = await precious(root);
      await mkdir(join(root, 'vault'));
      await mkdir(join(root, 'vault (moved 2026-12-01 10-00)'));
      await symlink(documents, join(root, 'vault (replaced 2026-12-02 10-00)'));
      const listed = await listKeptAside(join(root, 'vault'));
      expect(listed.map((c) => c.path)).toEqual([join(root, 'vault (moved 2026-12-01 10-00)')]);
      expect((await lstat(join(root, 'vault (replaced 2026-12-02 10-00)'))).isSymbolicLink()).toBe(true);
    });
  },
);
