import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { createAsOffice, openAsLaptop, syncFolder } from './syncFolder';
import { A, B, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-v2-rename-');

describe('SyncedVault: renaming a computer', () => {
  it('tells the other computers the new name, in presence and in the versions of a conflict, and again at open after a rename while closed', async () => {
    const root = await tempRoot();
    const dirA = join(root, 'office');
    const dirB = join(root, 'laptop');
    const a = await createAsOffice(dirA);
    const note = await a.put('note', undefined, { text: 'draft' });
    await a.settled();
    await syncFolder(dirA, dirB, B);
    let b = await openAsLaptop(dirB);
    expect(b.ownName).toBe('Laptop');
    expect(await b.rename('  Home laptop  ')).toBe('Home laptop');
    expect(b.ownName).toBe('Home laptop');
    await a.put('note', note.id, { text: 'office' });
    await b.put('note', note.id, { text: 'laptop' });
    await b.settled();
    await syncFolder(dirB, dirA, A);
    await a.refresh();
    expect((await a.present()).map((d) => d.name)).toEqual(['Home laptop']);
    expect(
      a
        .conflicts()[0]
        ?.versions.map((v) => v.deviceName)
        .sort(),
    ).toEqual(['Home laptop', 'Office iMac']);

    // Renamed in this computer's settings while the vault was closed: the next open says so.
    await b.lock();
    b = await SyncedVault.open(
      dirB,
      { passphrase: PASS },
      { device: { hex: B, name: 'Kitchen laptop' }, heartbeatMs: 0 },
    );
    await b.settled();
    await syncFolder(dirB, dirA, A);
    await a.refresh();
    expect(
      a
        .conflicts()[0]
        ?.versions.map((v) => v.deviceName)
        .sort(),
    ).toEqual(['Kitchen laptop', 'Office iMac']);
    expect((await a.verify()).ok).toBe(true);
    await a.lock();
    await b.lock();
  });
});
