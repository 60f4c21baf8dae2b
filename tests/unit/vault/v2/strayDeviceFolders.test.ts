import { mkdir, readdir, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { verifySyncedFolder } from '../../../../main/vault/v2/verifySyncedFolder';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * Entries in `devices/` named like a device folder that are not a folder of their own: a symbolic
 * link (to a folder or file anywhere, outside the vault too), a plain file. Before, a link was
 * followed: the files it led to were read as a device's log, and a link to a file stopped the
 * vault from opening (ENOTDIR). Now each is reported and never followed, and the vault opens.
 */
const tempRoot = tempRootsPerTest('attune-stray-device-');
const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 };
const laptop = { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 };
const C = 'c'.repeat(32);
const D = 'd'.repeat(32);

/** Every file under `dir` with its size and modification time: to show nothing was written there. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir, { recursive: true })).sort()) {
    const s = await stat(join(dir, name));
    out.push(`${name} ${s.size} ${s.mtimeMs}`);
  }
  return out;
}

describe.skipIf(process.platform === 'win32')('entries in devices/ that are not folders', () => {
  it('another device’s folder replaced by a link (and a link to a file, a plain file) is reported, never followed, and the vault opens', async () => {
    const root = await tempRoot();
    const dir = join(root, 'vault');
    const created = await SyncedVault.create(dir, PASS, { ...office, kdf });
    await created.vault.put('note', 'office', { from: 'office' });
    await created.vault.lock();
    const other = await SyncedVault.open(dir, { passphrase: PASS }, laptop);
    await other.put('note', 'laptop', { from: 'laptop' });
    await other.lock();
    // The laptop's folder moved outside the vault, a link left in its place.
    const outside = join(root, 'elsewhere');
    await mkdir(outside);
    await rename(join(dir, 'devices', B), join(outside, B));
    await symlink(join(outside, B), join(dir, 'devices', B));
    // A link to a file outside, and a plain file, under device folder names.
    await writeFile(join(outside, 'taxes.pdf'), 'mine');
    await symlink(join(outside, 'taxes.pdf'), join(dir, 'devices', C));
    await writeFile(join(dir, 'devices', D), 'not a folder');
    const before = await snapshot(outside);

    const opened = await SyncedVault.open(dir, { passphrase: PASS }, office);
    try {
      // Nothing was read through the link: the laptop's note is not shown.
      expect((await opened.getAll('note')).map((r) => r.id)).toEqual(['office']);
      const problems = opened.problems();
      for (const [hex, what] of [
        [B, 'a link'],
        [C, 'a link'],
        [D, 'a file'],
      ] as const) {
        const about = problems.filter((p) => p.file === `devices/${hex}`);
        expect(about.map((p) => p.type)).toContain('foreign');
        expect(about.map((p) => p.message).join('\n')).toMatch(
          new RegExp(`is not a folder but ${what}.*so Attune did not read it`),
        );
      }
      // The check and a backup leave it out too.
      const report = await opened.verify();
      expect(report.records).toBe(1);
      const folder = join(root, 'backups');
      await mkdir(folder);
      const backup = await opened.backupTo(folder, { now: new Date('2026-12-01T10:00:00Z') });
      expect(backup.verify.records).toBe(1);
      const generation = join(folder, 'Attune backups', opened.vaultHex, backup.generation);
      expect(await readdir(join(generation, 'devices'))).toEqual([A]);
    } finally {
      await opened.lock();
    }
    // A check from outside the app (attune verify) does not follow it either.
    const outsideCheck = await verifySyncedFolder(dir, { passphrase: PASS });
    expect(outsideCheck.records).toBe(1);
    expect(await snapshot(outside)).toEqual(before);
    expect(await readFile(join(outside, 'taxes.pdf'), 'utf8')).toBe('mine');
  });

  it('this computer’s own folder replaced by a link: nothing is written through it, and the vault opens as a new device', async () => {
    const root = await tempRoot();
    const dir = join(root, 'vault');
    const created = await SyncedVault.create(dir, PASS, { ...laptop, kdf });
    await created.vault.put('note', 'laptop', { from: 'laptop' });
    await created.vault.lock();
    const first = await SyncedVault.open(dir, { passphrase: PASS }, office);
    await first.put('note', 'office', { from: 'office' });
    await first.lock();
    const outside = join(root, 'elsewhere');
    await mkdir(outside);
    await rename(join(dir, 'devices', A), join(outside, A));
    await symlink(join(outside, A), join(dir, 'devices', A));
    const before = await snapshot(outside);

    const opened = await SyncedVault.open(dir, { passphrase: PASS }, office);
    try {
      expect(opened.deviceHex).not.toBe(A);
      expect((await opened.getAll('note')).map((r) => r.id)).toEqual(['laptop']);
      await opened.put('note', 'again', { from: 'office' });
      const about = opened.problems().filter((p) => p.file === `devices/${A}`);
      expect(about.map((p) => p.message).join('\n')).toMatch(/is not a folder but a link/);
    } finally {
      await opened.lock();
    }
    expect(await snapshot(outside)).toEqual(before);
    expect((await readdir(join(dir, 'devices'))).sort()).toEqual([A, B, opened.deviceHex].sort());
  });
});
