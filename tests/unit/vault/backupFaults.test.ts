import { renameSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupSetDir, listBackupGenerations } from '../../../main/vault/backupSet';
import { type FaultPlan, FaultyFs, fsError, simulateCrash } from '../../../main/vault/faults';
import { Vault } from '../../../main/vault/Vault';
import { nodeVaultFs, type VaultFs } from '../../../main/vault/vaultFs';
import { verifyVault } from '../../../main/vault/verifyVault';
import { AttuneError } from '../../../shared/errors';
import { tempDir } from '../helpers/tempDir';
import { expectKind, newVault, PASS } from './kit';

const T0 = new Date('2026-12-01T10:00:00Z');
const T1 = new Date('2026-12-01T11:00:00Z');
const T2 = new Date('2026-12-01T12:00:00Z');

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await copyTree(join(from, entry.name), join(to, entry.name));
    else await copyFile(join(from, entry.name), join(to, entry.name));
  }
}

/** A locked vault (n1, n2, c1) with one backup generation made at T0. */
async function base() {
  const { dir, vault, recoveryKey } = await newVault();
  await vault.put('note', 'n1', { v: 1 });
  await vault.put('note', 'n2', { v: 1 });
  await vault.put('client', 'c1', { name: 'A' });
  const root = await tempDir();
  const folder = join(root, 'backups');
  await mkdir(folder);
  await vault.backupTo(folder, { now: T0 });
  const vaultId = vault.id;
  await vault.lock();
  return { dir, folder, recoveryKey, vaultId };
}

/** Every generation-named folder in the set verifies in full; returns their names. */
async function generationsAllSound(folder: string, vaultId: string, recoveryKey: string): Promise<string[]> {
  const setDir = backupSetDir(folder, vaultId);
  const names = (await readdir(setDir).catch(() => [] as string[])).filter((n) => /Z(-\d+)?$/.test(n));
  for (const name of names) {
    const report = await verifyVault(join(setDir, name), { recoveryKey });
    expect(report.problems, name).toEqual([]);
  }
  return names.sort();
}

/** A facade over the real fs whose writes into files matching `flip` have one bit flipped. */
function flippingFs(flip: (path: string) => boolean): VaultFs {
  const open = new Map<number, string>();
  return {
    ...nodeVaultFs,
    open: async (path, flags, mode) => {
      const fd = await nodeVaultFs.open(path, flags, mode);
      open.set(fd, path);
      return fd;
    },
    close: async (fd) => {
      open.delete(fd);
      await nodeVaultFs.close(fd);
    },
    write: async (fd, data, position) => {
      const path = open.get(fd);
      if (!path || !flip(path) || data.length === 0) return nodeVaultFs.write(fd, data, position);
      const changed = Buffer.from(data);
      changed[changed.length >> 1]! ^= 0x04;
      return nodeVaultFs.write(fd, changed, position);
    },
  };
}

describe('backup faults: a failure at every file-system step', () => {
  for (const mode of ['crash', 'once'] as const) {
    it(`leaves the vault intact and never a generation that looks complete but is not [${mode}]`, async () => {
      const b = await base();
      let steps = 0;
      for (let step = 1; step < 400; step++) {
        const dir = join(await tempDir(), 'vault');
        const folder = join(await tempDir(), 'backups');
        await copyTree(b.dir, dir);
        await copyTree(b.folder, folder);
        const fs = new FaultyFs();
        const v = await Vault.open(dir, { recoveryKey: b.recoveryKey }, { fs });
        await v.put('note', 'n1', { v: 2 });
        fs.arm({ at: step, mode } satisfies FaultPlan);
        let succeeded = true;
        try {
          await v.backupTo(folder, { now: T1 });
        } catch (error) {
          succeeded = false;
          expect(error, String(error)).toBeInstanceOf(AttuneError); // never a raw fs error
        }
        const reached = fs.fired;
        simulateCrash(v);

        const names = await generationsAllSound(folder, b.vaultId, b.recoveryKey);
        expect(names[0]).toBe('2026-12-01T10-00-00Z'); // the earlier backup is untouched
        if (succeeded) expect(names).toEqual(['2026-12-01T10-00-00Z', '2026-12-01T11-00-00Z']);
        const leftovers = (await readdir(backupSetDir(folder, b.vaultId))).filter((n) =>
          /\.(partial|deleting)-/.test(n),
        );
        if (mode === 'once') expect(leftovers, `step ${step}`).toEqual([]);

        // A crash between creating the set's lock file and writing it leaves an empty lock, which
        // counts as stale after 10 seconds (as the vault's own): let that time pass.
        const lockFile = join(backupSetDir(folder, b.vaultId), 'attune.lock');
        const lockText = await readFile(lockFile, 'utf8').catch(() => null);
        if (lockText !== null && !lockText.includes('"pid"')) {
          const past = new Date(Date.now() - 20_000);
          await utimes(lockFile, past, past);
        }
        // The vault opens with everything committed, and the next backup cleans up and succeeds.
        const again = await Vault.open(dir, { recoveryKey: b.recoveryKey });
        expect(await again.get('note', 'n1')).toEqual({ v: 2 });
        expect(await again.get('client', 'c1')).toEqual({ name: 'A' });
        expect((await again.verify()).problems).toEqual([]);
        const next = await again.backupTo(folder, { now: T2 });
        expect(next.verify.ok).toBe(true);
        await again.lock();
        expect(
          (await readdir(backupSetDir(folder, b.vaultId))).filter((n) => /\.(partial|deleting)-/.test(n)),
        ).toEqual([]);
        if (step % 10 === 0) {
          // Listing derives a key (Argon2), so only now and then.
          const [set] = await listBackupGenerations(folder, PASS);
          expect(set!.generations.every((g) => g.readable)).toBe(true);
        }
        if (!reached) {
          steps = step - 1;
          break;
        }
      }
      expect(steps).toBeGreaterThan(60);
    }, 240_000);
  }
});

describe('backup faults: the check after writing, full disks, read-only and vanished folders', () => {
  it('a byte flipped while the copy is written is caught: no generation, recorded, integrity error', async () => {
    let flipping = true;
    let folder = '';
    const { dir, vault, recoveryKey } = await newVault({
      fs: flippingFs((path) => flipping && path.startsWith(folder) && path.includes('/records/')),
    });
    await vault.put('note', 'n1', { v: 1 });
    await vault.put('note', 'n2', { v: 1 });
    folder = await tempDir();
    const message = await expectKind(vault.backupTo(folder, { now: T0 }), 'integrity');
    expect(message).toMatch(/failed its check.*removed\. Your vault is unchanged/);
    const setDir = backupSetDir(folder, vault.id);
    expect(await readdir(setDir)).toEqual([]);
    const entry = (await vault.readAudit()).at(-1)!;
    expect(entry).toMatchObject({ type: 'backup', detail: { ok: false, verified: false } });
    expect(Number(entry.detail.problems)).toBeGreaterThan(0);

    // Incremental: the changed record's fresh copy is flipped (and again when copied afresh).
    flipping = false;
    const good = await vault.backupTo(folder, { now: T0 });
    await vault.put('note', 'n2', { v: 2 });
    flipping = true;
    await expectKind(vault.backupTo(folder, { now: T1 }), 'integrity');
    expect(await readdir(setDir)).toEqual([good.generation]);
    await vault.lock();
    expect((await verifyVault(dir, { recoveryKey })).ok).toBe(true);
  });

  it('a byte flipped in the copied manifest or audit log is caught too', async () => {
    for (const file of ['manifest.bin', 'audit.bin']) {
      let folder = '';
      const { vault } = await newVault({
        fs: flippingFs((path) => path.startsWith(folder) && path.endsWith(file)),
      });
      await vault.put('note', 'n1', { v: 1 });
      folder = await tempDir();
      await expectKind(vault.backupTo(folder, { now: T0 }), 'integrity');
      expect(await readdir(backupSetDir(folder, vault.id))).toEqual([]);
      await vault.lock();
    }
  });

  it('a full backup drive, a read-only folder, and a folder removed mid-backup give clear errors', async () => {
    const cases: Array<{ code: string; op: 'open' | 'mkdir'; kind: 'io' | 'read-only'; words: RegExp }> = [
      { code: 'ENOSPC', op: 'open', kind: 'io', words: /backup drive is full.*Your vault is unchanged/ },
      {
        code: 'EROFS',
        op: 'mkdir',
        kind: 'read-only',
        words: /cannot write to the backup folder.*read-only/,
      },
      { code: 'EACCES', op: 'open', kind: 'read-only', words: /read-only or Attune lacks permission/ },
    ];
    for (const c of cases) {
      let folder = '';
      const failing: VaultFs = {
        ...nodeVaultFs,
        [c.op]: async (path: string, ...rest: unknown[]) => {
          if (folder && path.startsWith(join(folder, 'Attune backups')) && !path.endsWith('attune.lock')) {
            throw fsError(c.code, c.op);
          }
          return (nodeVaultFs[c.op] as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
        },
      };
      const { vault } = await newVault({ fs: failing });
      await vault.put('note', 'n1', { v: 1 });
      folder = await tempDir();
      const message = await expectKind(vault.backupTo(folder, { now: T0 }), c.kind);
      expect(message, c.code).toMatch(c.words);
      expect(await vault.get('note', 'n1')).toEqual({ v: 1 });
      await vault.lock();
    }

    // The drive is unplugged after a few files were written.
    let folder = '';
    let opened = 0;
    const vanishing: VaultFs = {
      ...nodeVaultFs,
      open: async (path, flags, mode) => {
        if (folder && path.includes('.partial-') && ++opened === 3)
          // Unplugged at once: a rename makes every path under the folder vanish in one step. (Removing
          // it file by file raced with the copies still in flight, which refilled it: ENOTEMPTY.)
          renameSync(folder, `${folder}.unplugged`);
        return nodeVaultFs.open(path, flags, mode);
      },
    };
    const { dir, vault, recoveryKey } = await newVault({ fs: vanishing });
    for (let i = 0; i < 5; i++) await vault.put('note', `n${i}`, { v: i });
    folder = join(await tempDir(), 'usb');
    await mkdir(folder);
    const message = await expectKind(vault.backupTo(folder, { now: T0 }), 'io');
    expect(message).toMatch(/went away while the backup was being written; was the drive unplugged/);
    await expect(stat(folder)).rejects.toThrow(); // not re-created on the internal disk
    await vault.put('note', 'n0', { v: 'still saving' });
    await vault.lock();
    expect((await verifyVault(dir, { recoveryKey })).ok).toBe(true);
  });
});
