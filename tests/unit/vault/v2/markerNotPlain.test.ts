import { execFileSync } from 'node:child_process';
import { rename, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderFormat, syncedVaultHex } from '../../../../main/vault/folderFormat';
import { readHeader } from '../../../../main/vault/header';
import { MARKER_FILE } from '../../../../main/vault/v2/marker';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { verifySyncedFolder } from '../../../../main/vault/v2/verifySyncedFolder';
import { nodeVaultFs } from '../../../../main/vault/vaultFs';
import { A, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * The vault's marker replaced by a pipe or by a link to /dev/zero (put there by hand, or carried
 * by a sync tool that copies links): before, every command and every open hung on it (a pipe is
 * read forever, /dev/zero never ends). Now it is refused at once, named, and left as it is.
 */
const tempRoot = tempRootsPerTest('attune-marker-');
const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 };

describe.skipIf(process.platform === 'win32')('a marker that is not a plain file', () => {
  for (const [what, replace] of [
    ['a pipe', (path: string) => execFileSync('mkfifo', [path])],
    ['a link to /dev/zero', (path: string) => symlink('/dev/zero', path)],
  ] as const) {
    it(`(${what}) is refused with its name, by open, verify and the format check; the real one opens again`, async () => {
      const root = await tempRoot();
      const dir = join(root, 'vault');
      const { vault } = await SyncedVault.create(dir, PASS, { ...office, kdf });
      await vault.put('note', 'n1', { text: 'kept' });
      await vault.lock();
      const marker = join(dir, MARKER_FILE);
      await rename(marker, join(root, 'marker-aside'));
      await replace(marker);

      // Each would hang before; the test's own time limit catches a hang.
      expect(await folderFormat(dir)).toBe(2); // devices/ is there: format 2's open says what is wrong
      expect(await syncedVaultHex(dir)).toBeNull();
      const refused = `The vault folder's ${MARKER_FILE} (in ${dir}) was not read`;
      await expect(SyncedVault.open(dir, { passphrase: PASS }, office)).rejects.toThrow(refused);
      await expect(verifySyncedFolder(dir, { passphrase: PASS })).rejects.toThrow(refused);

      // Left as it is; with the real marker back, everything opens.
      execFileSync('rm', [marker]);
      await rename(join(root, 'marker-aside'), marker);
      const opened = await SyncedVault.open(dir, { passphrase: PASS }, office);
      expect(await opened.get('note', 'n1')).toEqual({ text: 'kept' });
      await opened.lock();
    }, 30_000);
  }

  it('in a folder with no devices/ (format 1) is refused by the header read with its name, not waited on', async () => {
    const root = await tempRoot();
    execFileSync('mkfifo', [join(root, MARKER_FILE)]);
    expect(await folderFormat(root)).toBe(1);
    await expect(readHeader(nodeVaultFs, root)).rejects.toThrow(
      `The vault folder's ${MARKER_FILE} (in ${root}) was not read: it is not a plain file`,
    );
  });
});
