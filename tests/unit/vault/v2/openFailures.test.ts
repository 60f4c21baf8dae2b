import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { FaultyFs, fsError } from '../../../../main/vault/faults';
import { createAsOffice, openAsOffice } from './syncFolder';
import { A, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-keyfile-');

test('a key file that is there but does not read is named as damaged, not as still arriving', async () => {
  const dir = join(await tempRoot(), 'vault');
  const vault = await createAsOffice(dir);
  await vault.lock();
  await writeFile(join(dir, 'devices', A, 'keys.json'), '{}');
  const opening = openAsOffice(dir);
  await expect(opening).rejects.toMatchObject({ kind: 'integrity' });
  await expect(opening).rejects.toThrow(`devices/${A}/keys.json`);
  await expect(opening).rejects.not.toThrow(/not arrived/);
});

test('a disk too full for the unlock’s own entry says the vault could not be opened, not that a change was lost', async () => {
  const dir = join(await tempRoot(), 'vault');
  const vault = await createAsOffice(dir);
  await vault.put('client', undefined, { code: 'C-001' });
  await vault.lock();
  const fs = new FaultyFs();
  fs.arm({ at: 1, mode: 'crash', error: () => fsError('ENOSPC'), only: (op) => op === 'write' });
  const opening = openAsOffice(dir, fs);
  await expect(opening).rejects.toThrow(
    /disk is full, so the vault could not be opened.*nothing in the vault was changed/s,
  );
  // Once there is room, it opens with everything.
  const again = await openAsOffice(dir);
  expect(again.list('client')).toHaveLength(1);
  await again.lock();
});

test('temp files a crash left in this computer’s own folder are removed at open; another computer’s are left', async () => {
  const dir = join(await tempRoot(), 'vault');
  const vault = await createAsOffice(dir);
  await vault.lock();
  const other = join(dir, 'devices', 'b'.repeat(32));
  await mkdir(other, { recursive: true });
  await writeFile(join(dir, 'devices', A, 'seen.bin.tmp-0a1b2c3d'), '');
  await writeFile(join(other, 'seen.bin.tmp-0a1b2c3d'), '');
  const again = await openAsOffice(dir);
  await again.lock();
  expect(await readdir(join(dir, 'devices', A))).not.toContain('seen.bin.tmp-0a1b2c3d');
  expect(await readdir(other)).toContain('seen.bin.tmp-0a1b2c3d');
});
