import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

/**
 * Entries under a vault file's name that are not plain files: a folder a sync tool made ("log-000001
 * (1).bin"), a link that loops, a pipe, a huge file. Before, one of them in any device folder made
 * the vault fail to open on every computer (EISDIR, ELOOP), or hang (a pipe is read forever). Now
 * each is reported and skipped, and everything else opens, verifies and backs up.
 */
const tempRoot = tempRootsPerTest('attune-stray-');
const office = { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 };

describe('entries in device folders that are not plain files', () => {
  it.skipIf(process.platform === 'win32')(
    'are reported and skipped: the vault opens with every record, verifies, lists who is present and backs up',
    async () => {
      const root = await tempRoot();
      const dir = join(root, 'vault');
      const { vault } = await SyncedVault.create(dir, PASS, { ...office, kdf });
      for (let i = 0; i < 5; i++) await vault.put('note', `n${i}`, { i });
      await vault.lock();
      // Another computer's folder, copied from this one's files (its own files never arrived).
      const laptop = join(dir, 'devices', B);
      await mkdir(laptop);
      const own = join(dir, 'devices', A);
      await mkdir(join(own, 'log-000001 (1).bin')); // a folder named like a conflict copy
      await symlink('log-000009.bin', join(own, 'log-000009.bin')); // a link to itself
      execFileSync('mkfifo', [join(own, 'log-000002.bin')]); // a pipe: reading it waits forever
      execFileSync('mkfifo', [join(laptop, 'presence.bin')]);
      execFileSync('mkfifo', [join(laptop, 'keys (1).json')]);
      await mkdir(join(laptop, 'seen.bin'));
      await writeFile(join(laptop, 'log-000001.bin'), Buffer.alloc(0));
      // A third computer's seen.bin far larger than one can be (sparse: no disk used).
      const home = join(dir, 'devices', 'c'.repeat(32));
      await mkdir(home);
      await writeFile(join(home, 'seen.bin'), '');
      await truncate(join(home, 'seen.bin'), 3 * 2 ** 30);

      const opened = await SyncedVault.open(dir, { passphrase: PASS }, office);
      try {
        expect((await opened.getAll<{ i: number }>('note')).map((r) => r.value.i).sort()).toEqual([
          0, 1, 2, 3, 4,
        ]);
        const problems = opened.problems().map((p) => `${p.file}: ${p.message}`);
        const skipped = (name: string) =>
          `${name} in the folder of Office iMac's changes is not readable (it is not a plain file), so Attune skipped it`;
        for (const name of ['log-000001 (1).bin', 'log-000009.bin', 'log-000002.bin'])
          expect(problems.join('\n')).toContain(skipped(name));
        expect(problems.join('\n')).toMatch(
          /keys \(1\)\.json in the folder of .* is not readable \(it is not a plain file/,
        );
        for (const hex of [B, 'c'.repeat(32)])
          expect(problems.join('\n')).toContain(`devices/${hex}/seen.bin, the record of what`);
        expect(await opened.present()).toEqual([]);
        // New saves go after every name skipped, never where readers do not look.
        await opened.put('note', 'n5', { i: 5 });
        expect(await readdir(own)).toContain('log-000010.bin');
        const report = await opened.verify();
        expect(report.records).toBe(6);
        const folder = join(root, 'backups');
        await mkdir(folder);
        const backup = await opened.backupTo(folder, { now: new Date('2026-12-01T10:00:00Z') });
        expect(backup.verify.records).toBe(6);
        // The copy opens elsewhere with every record (opening writes, so a copy of the generation).
        const generation = join(folder, 'Attune backups', opened.vaultHex, backup.generation);
        const copy = join(root, 'copy');
        await cp(generation, copy, { recursive: true });
        const reader = await SyncedVault.open(
          copy,
          { passphrase: PASS },
          { device: { name: 'Reader' }, heartbeatMs: 0 },
        );
        expect((await reader.getAll('note')).length).toBe(6);
        await reader.lock();
      } finally {
        await opened.lock();
      }
    },
    60_000,
  );
});
