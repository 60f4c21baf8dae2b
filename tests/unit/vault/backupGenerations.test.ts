import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  BACKUP_ROOT,
  backupSetDir,
  findBackupSets,
  generationsToKeep,
  listBackupGenerations,
  prunedRemovals,
  SIDECAR_FILE,
} from '../../../main/vault/backupSet';
import { fsError } from '../../../main/vault/faults';
import { generationName } from '../../../main/vault/generationName';
import { ProcessLock } from '../../../main/vault/processLock';
import { Vault } from '../../../main/vault/Vault';
import { nodeVaultFs, type VaultFs } from '../../../main/vault/vaultFs';
import { verifyVault } from '../../../main/vault/verifyVault';
import { tempDir } from '../helpers/tempDir';
import { expectKind, flipByte, hashTree, listFiles, newVault, PASS } from './kit';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

/** The record files of a generation, by name → inode. */
async function inodes(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const name of await readdir(join(dir, 'records')))
    out.set(name, (await stat(join(dir, 'records', name))).ino);
  return out;
}

describe('backupTo: generations', () => {
  it('writes a verified generation, then hard-links unchanged records into the next one', async () => {
    const { vault } = await newVault();
    await vault.put('client', 'c1', { name: 'A' });
    await vault.put('note', 'n1', { text: 'first' });
    await vault.put('note', 'n2', { text: 'second' });
    const folder = await tempDir();
    const first = await vault.backupTo(folder, { now: at('2026-12-01T10:00:00Z') });
    expect(first).toMatchObject({
      generation: '2026-12-01T10-00-00Z',
      createdAt: '2026-12-01T10:00:00.000Z',
      copiedFiles: 3,
      linkedFiles: 0,
      verified: 'full',
      pruned: [],
    });
    expect(first.verify).toMatchObject({ ok: true, records: 3, problems: [] });

    await vault.put('note', 'n2', { text: 'second, changed' });
    await vault.put('note', 'n3', { text: 'third' });
    const second = await vault.backupTo(folder, { now: at('2026-12-01T11:00:00Z') });
    expect(second).toMatchObject({ copiedFiles: 2, linkedFiles: 2, verified: 'changed-files' });
    expect(second.verify.ok).toBe(true);

    const setDir = backupSetDir(folder, vault.id);
    expect(setDir).toBe(join(folder, BACKUP_ROOT, vault.id));
    expect((await readdir(setDir)).sort()).toEqual(['2026-12-01T10-00-00Z', '2026-12-01T11-00-00Z']);
    // Unchanged records are the same file on disk (same inode); changed and new ones are not.
    const one = await inodes(join(setDir, first.generation));
    const two = await inodes(join(setDir, second.generation));
    expect(two.size).toBe(4);
    const shared = [...two].filter(([name, ino]) => one.get(name) === ino);
    expect(shared).toHaveLength(2);
    // Each generation is a complete vault folder in the current format.
    for (const g of [first.generation, second.generation]) {
      expect(await listFiles(join(setDir, g))).toEqual(
        expect.arrayContaining([
          'attune-vault.json',
          'manifest.bin',
          'audit.bin',
          'journal.bin',
          SIDECAR_FILE,
        ]),
      );
      expect((await readFile(join(setDir, g, 'journal.bin'))).length).toBe(0);
      expect((await verifyVault(join(setDir, g), { passphrase: PASS })).problems).toEqual([]);
    }
    expect(await findBackupSets(folder)).toEqual([
      { vaultId: vault.id, generations: ['2026-12-01T11-00-00Z', '2026-12-01T10-00-00Z'] },
    ]);
    const listed = await listBackupGenerations(folder, PASS);
    expect(listed[0]!.generations.map((g) => [g.name, g.clients, g.notes, g.records, g.readable])).toEqual([
      ['2026-12-01T11-00-00Z', 1, 3, 4, true],
      ['2026-12-01T10-00-00Z', 1, 2, 3, true],
    ]);
    await vault.lock();
  });

  it('records each backup in the audit log: generation, verified, files copied and linked', async () => {
    const { vault } = await newVault();
    await vault.put('note', 'n1', { text: 'x' });
    const folder = await tempDir();
    const result = await vault.backupTo(folder, { now: at('2026-12-01T10:00:00Z') });
    const last = (await vault.readAudit()).at(-1)!;
    expect(last.type).toBe('backup');
    expect(last.detail).toMatchObject({
      folder,
      generation: result.generation,
      ok: true,
      verified: true,
      problems: 0,
      copied: 1,
      linked: 0,
    });
    await vault.lock();
  });

  it('runs the full check at least once a day; in between only copied files are decrypted', async () => {
    const { vault } = await newVault();
    await vault.put('note', 'n1', { text: 'x' });
    const folder = await tempDir();
    const t0 = at('2026-12-01T10:00:00Z').getTime();
    const kinds: string[] = [];
    for (const hours of [0, 1, 23, 24, 25, 49]) {
      await vault.put('note', 'n1', { text: `at ${hours}` });
      kinds.push((await vault.backupTo(folder, { now: new Date(t0 + hours * HOUR) })).verified);
    }
    expect(kinds).toEqual(['full', 'changed-files', 'changed-files', 'full', 'changed-files', 'full']);
    await vault.lock();
  });

  it('a file shared with the previous generation that rotted on the drive is copied afresh at the next full check', async () => {
    const { vault } = await newVault();
    await vault.put('note', 'n1', { text: 'x' });
    await vault.put('note', 'n2', { text: 'y' });
    const folder = await tempDir();
    const first = await vault.backupTo(folder, { now: at('2026-12-01T10:00:00Z') });
    const setDir = backupSetDir(folder, vault.id);
    const records = join(setDir, first.generation, 'records');
    await flipByte(join(records, (await readdir(records))[0]!), 40);
    const next = await vault.backupTo(folder, { now: at('2026-12-02T11:00:00Z') });
    expect(next).toMatchObject({ verified: 'full', linkedFiles: 0, copiedFiles: 2 });
    expect(next.verify.ok).toBe(true);
    expect((await verifyVault(join(setDir, next.generation), { passphrase: PASS })).ok).toBe(true);
    await vault.lock();
  });

  it('prunes by retention as backups go on (fake clock, 40 days every 11 hours)', async () => {
    const { vault } = await newVault();
    const folder = await tempDir();
    const setDir = backupSetDir(folder, vault.id);
    const t0 = at('2026-11-01T00:00:00Z').getTime();
    const made: string[] = [];
    let pruned = 0;
    let now = new Date(t0);
    for (let i = 0; i < 40 * 24; i += 11) {
      now = new Date(t0 + i * HOUR);
      await vault.put('note', 'n1', { step: i });
      const result = await vault.backupTo(folder, { now });
      made.push(result.generation);
      pruned += result.pruned.length;
    }
    await prunedRemovals(); // pruned generations' files are deleted in the background
    const onDisk = (await readdir(setDir)).filter((name) => name !== 'attune.lock').sort();
    expect(onDisk).toEqual([...generationsToKeep(made, now)].sort());
    expect(pruned).toBe(made.length - onDisk.length);
    expect(onDisk.length).toBeLessThan(made.length);
    await vault.lock();
  }, 120_000);

  it('two backups started together both complete, one after the other (same second: -2)', async () => {
    const { vault } = await newVault();
    await vault.put('note', 'n1', { text: 'x' });
    const folder = await tempDir();
    const now = at('2026-12-01T10:00:00Z');
    const both = await Promise.all([vault.backupTo(folder, { now }), vault.backupTo(folder, { now })]);
    // Whichever takes the backup set's lock first writes the plain name; the other waits, then
    // links the unchanged record from it.
    const [a, b] = both.sort((x, y) => x.generation.localeCompare(y.generation));
    expect([a.generation, b.generation]).toEqual(['2026-12-01T10-00-00Z', '2026-12-01T10-00-00Z-2']);
    expect(b.linkedFiles).toBe(1);
    expect(a.verify.ok && b.verify.ok).toBe(true);
    await vault.lock();
  });

  it('a backup set held by another backup (this process or another) fails with a clear in-use message', async () => {
    const { vault } = await newVault();
    await vault.put('note', 'n1', { text: 'x' });
    const folder = await tempDir();
    const setDir = backupSetDir(folder, vault.id);
    await mkdir(setDir, { recursive: true });
    // Held in this process (as a second backup path would hold it).
    const held = await ProcessLock.acquire(nodeVaultFs, setDir);
    const message = await expectKind(vault.backupTo(folder), 'in-use');
    expect(message).toMatch(/Another backup or restore of this vault is using the backup folder/);
    await held.release();

    // Held by another live process on this machine.
    const child = spawn('sleep', ['30']);
    onTestFinished(() => {
      child.kill();
    });
    const bootId = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '')).trim() || null;
    await writeFile(
      join(setDir, 'attune.lock'),
      JSON.stringify({
        pid: child.pid,
        hostname: hostname(),
        processStartedAt: 0,
        bootedAt: Date.now() - uptime() * 1000,
        bootId,
        token: 'other',
      }),
    );
    await expectKind(vault.backupTo(folder), 'in-use');
    expect((await readdir(setDir)).filter((n) => n !== 'attune.lock')).toEqual([]);
    expect(await vault.get('note', 'n1')).toEqual({ text: 'x' }); // the vault carries on
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
    const result = await vault.backupTo(folder); // the dead holder's lock is recovered
    expect(result.verify.ok).toBe(true);
    await vault.lock();
  });

  it('refuses a backup folder that is the vault folder or inside it, also through a symbolic link', async () => {
    const { dir, vault } = await newVault();
    const before = await hashTree(dir);
    const link = join(await tempDir(), 'looks-outside');
    await symlink(join(dir, 'records'), link);
    for (const folder of [dir, join(dir, 'records'), join(dir, 'sub', 'deeper'), link]) {
      const message = await expectKind(vault.backupTo(folder), 'invalid-input');
      expect(message).toMatch(/cannot be the vault folder or a folder inside it/);
    }
    expect(Object.keys(await hashTree(dir))).toEqual(Object.keys(before));
    await vault.lock();
  });

  it('a missing backup folder (drive unplugged) is a clear error, and is not created', async () => {
    const { vault } = await newVault();
    await vault.put('note', 'n1', { text: 'x' });
    const gone = join(await tempDir(), 'media', 'usb-drive');
    const message = await expectKind(vault.backupTo(gone), 'not-found');
    expect(message).toMatch(/cannot be found.*connect it/);
    await expect(stat(gone)).rejects.toThrow();
    const file = join(await tempDir(), 'a-file');
    await writeFile(file, 'x');
    await expectKind(vault.backupTo(file), 'invalid-input');
    expect(await vault.get('note', 'n1')).toEqual({ text: 'x' });
    const last = (await vault.readAudit()).at(-1)!;
    expect(last).toMatchObject({ type: 'backup', detail: { ok: false } });
    await vault.lock();
  });

  it('where hard links are not possible (FAT drives: EXDEV, EPERM), every record is copied', async () => {
    for (const code of ['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK']) {
      let attempts = 0;
      const noLinks: VaultFs = {
        ...nodeVaultFs,
        link: async () => {
          attempts++;
          throw fsError(code, 'link');
        },
        linkSync: () => {
          attempts++;
          throw fsError(code, 'link');
        },
      };
      const { vault } = await newVault({ fs: noLinks });
      await vault.put('note', 'n1', { text: 'x' });
      await vault.put('note', 'n2', { text: 'y' });
      const folder = await tempDir();
      await vault.backupTo(folder, { now: at('2026-12-01T10:00:00Z') });
      const second = await vault.backupTo(folder, { now: at('2026-12-01T11:00:00Z') });
      expect(second).toMatchObject({ copiedFiles: 2, linkedFiles: 0 });
      expect(second.verify.ok).toBe(true);
      expect(attempts).toBe(1); // asked once, then copied the rest
      await vault.lock();
    }
  });

  it('leftovers of an interrupted backup are ignored by listing and removed by the next backup', async () => {
    const { vault } = await newVault();
    await vault.put('note', 'n1', { text: 'x' });
    const folder = await tempDir();
    const first = await vault.backupTo(folder, { now: at('2026-12-01T10:00:00Z') });
    const setDir = backupSetDir(folder, vault.id);
    const partial = join(setDir, '2026-12-01T10-30-00Z.partial-0123abcd');
    const headerless = join(setDir, '2026-12-01T10-40-00Z');
    for (const leftover of [partial, headerless]) {
      await mkdir(join(leftover, 'records'), { recursive: true });
      await writeFile(join(leftover, 'manifest.bin'), 'x');
    }
    await writeFile(join(headerless, SIDECAR_FILE), '{}'); // a sidecar but no header: incomplete
    expect(await findBackupSets(folder)).toEqual([{ vaultId: vault.id, generations: [first.generation] }]);
    expect((await listBackupGenerations(folder, PASS))[0]!.generations.map((g) => g.name)).toEqual([
      first.generation,
    ]);
    const second = await vault.backupTo(folder, { now: at('2026-12-01T11:00:00Z') });
    expect((await readdir(setDir)).sort()).toEqual([first.generation, second.generation]);
    await vault.lock();
  });

  it('holds no plaintext: no note text, name or id appears in any file of the backup folder', async () => {
    const { vault } = await newVault();
    const secrets = [
      'Client disclosed a panic attack on the bridge',
      'Zoë Quackenbush-Oyelaran',
      'client-id-7f3e9c',
      'rupture-marker-withdrawal-xyz',
    ];
    await vault.put('client', 'client-id-7f3e9c', { name: secrets[1] });
    await vault.put('note', 'note-1', { clientId: secrets[2], text: secrets[0], marker: secrets[3] });
    await vault.put('session', 'session-1', { clientId: secrets[2] });
    const folder = await tempDir();
    await vault.backupTo(folder, { now: at('2026-12-01T10:00:00Z') });
    await vault.put('note', 'note-1', { clientId: secrets[2], text: `${secrets[0]} (addendum)` });
    await vault.backupTo(folder, { now: at('2026-12-01T11:00:00Z') });
    const files = await listFiles(folder);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = await readFile(join(folder, file));
      for (const secret of [...secrets, 'note', 'client', 'session']) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          expect(bytes.includes(Buffer.from(secret, encoding)), `${file} holds “${secret}”`).toBe(
            // The sidecar's format name contains none of these; its keys are "records/<hex>.rec".
            false,
          );
        }
      }
    }
    // The sidecar holds only names, hashes of ciphertext and times.
    const setDir = backupSetDir(folder, vault.id);
    const sidecar = JSON.parse(
      await readFile(join(setDir, generationName(at('2026-12-01T11:00:00Z')), SIDECAR_FILE), 'utf8'),
    );
    expect(Object.keys(sidecar).sort()).toEqual(
      [
        'complete',
        'createdAt',
        'files',
        'format',
        'fullVerifyAt',
        'generation',
        'vaultId',
        'verified',
        'version',
      ].sort(),
    );
    for (const [name, hash] of Object.entries(sidecar.files as Record<string, string>)) {
      expect(name).toMatch(/^(records\/[0-9a-f]{32}\.rec|manifest\.bin|audit\.bin|journal\.bin)$/);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
    await vault.lock();
  });

  it('Vault.backup(dest) still writes one plain copy that opens with the same passphrase', async () => {
    const { dir, vault } = await newVault();
    await vault.put('note', 'n1', { text: 'x' });
    const dest = join(dir, '..', 'plain-copy');
    await vault.backup(dest);
    await vault.lock();
    const copy = await Vault.open(dest, { passphrase: PASS });
    expect(await copy.get('note', 'n1')).toEqual({ text: 'x' });
    await copy.lock();
  });
});
