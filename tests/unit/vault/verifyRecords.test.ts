/**
 * `attune verify` (verifyVault) and Settings → Check the vault (Vault.verify) read record files
 * synchronously into one reused buffer (checkRecordFiles), or ahead into shared memory while the
 * key is derived (readRecordsAhead). These pin what that read must still catch, with the messages
 * the user sees, and that the CLI's check writes nothing.
 */
import { appendFile, copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { simulateCrash } from '../../../main/vault/faults';
import { manifestDamaged } from '../../../main/vault/manifest';
import { checkThreadsRunning } from '../../../main/vault/recordCheckThread';
import { Vault } from '../../../main/vault/Vault';
import { verifyVault } from '../../../main/vault/verifyVault';
import { expectKind, flipByte, hashTree, newVault, PASS } from './kit';

const recordFiles = async (dir: string) => (await readdir(join(dir, 'records'))).sort();

/** The vault's files and their hashes, without the process lock (a crash leaves one to take over). */
async function vaultFiles(dir: string): Promise<Record<string, string>> {
  const { 'attune.lock': _lock, ...files } = await hashTree(dir);
  return files;
}

/** A locked vault with one note, and the name of its record file. */
async function oneNote(text = 'A') {
  const { dir, vault, recoveryKey } = await newVault();
  await vault.put('note', 'note-a', { text });
  await vault.lock();
  const [file] = await recordFiles(dir);
  return { dir, recoveryKey, file: file! };
}

// On this thread alone (as Settings → Check the vault for a small vault), or as `attune verify`
// does: with the check thread, which reads files ahead before the key is known (all of them, or
// only one so that the check reads the others itself).
describe.each([
  ['on one thread', { readAhead: 'none' }],
  ['with the check thread, every file read ahead', { readAhead: 'all' }],
  ['with the check thread, one file read ahead', { readAhead: { maxFiles: 1 } }],
] as const)('verify reads every record file (%s)', (_how, threading) => {
  it('a flipped byte in a record is reported with the record and the same message', async () => {
    const { dir, file } = await oneNote();
    const path = join(dir, 'records', file);
    const original = await readFile(path);
    for (const offset of [0, 5, 20, original.length - 1]) {
      await flipByte(path, offset);
      const report = await verifyVault(dir, { passphrase: PASS }, threading);
      expect(report).toMatchObject({ ok: false, records: 1 });
      expect(report.problems).toEqual([
        {
          file: `records/${file}`,
          problem: 'The note record note-a is damaged, cut short or was altered (it fails authentication).',
          record: { kind: 'note', id: 'note-a', fault: 'damaged' },
        },
      ]);
      await writeFile(path, original);
    }
    expect((await verifyVault(dir, { passphrase: PASS }, threading)).ok).toBe(true);
  });

  it('a record file one byte longer than the manifest says is caught (reads stop at size + 1)', async () => {
    const { dir, file } = await oneNote();
    await appendFile(join(dir, 'records', file), Buffer.from([0]));
    const report = await verifyVault(dir, { passphrase: PASS }, threading);
    expect(report.problems.map((p) => [p.file, p.record?.fault])).toEqual([[`records/${file}`, 'damaged']]);
  });

  it('an older, longer revision put back is named as such (diagnosed from the whole file)', async () => {
    const { dir, file } = await oneNote('long '.repeat(20_000));
    const oldCopy = join(dir, '..', 'old.rec');
    await copyFile(join(dir, 'records', file), oldCopy);
    const vault = await Vault.open(dir, { passphrase: PASS });
    await vault.put('note', 'note-a', { text: 'short' });
    await vault.lock();
    await copyFile(oldCopy, join(dir, 'records', file));
    const report = await verifyVault(dir, { passphrase: PASS }, threading);
    expect(report.problems).toEqual([
      {
        file: `records/${file}`,
        problem:
          'The note record note-a holds an older revision (1) instead of revision 2: an old copy of the file was put back.',
        record: { kind: 'note', id: 'note-a', fault: 'older-revision' },
      },
    ]);
  });

  it('a record file that cannot be read (a folder in its place) is reported as unreadable', async () => {
    const { dir, file } = await oneNote();
    const path = join(dir, 'records', file);
    await rm(path);
    await mkdir(path);
    const report = await verifyVault(dir, { passphrase: PASS }, threading);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.problem).toMatch(/^The note record note-a could not be read \(.*EISDIR/);
    expect(report.problems[0]!.record).toEqual({ kind: 'note', id: 'note-a', fault: 'unreadable' });
  });

  it('a record whose latest revision is only in the journal is checked from the journal', async () => {
    const { dir, vault } = await newVault();
    await vault.put('note', 'n', { v: 1 });
    await vault.lock();
    const reopened = await Vault.open(dir, { passphrase: PASS });
    await reopened.put('note', 'n', { v: 2 });
    simulateCrash(reopened); // revision 2 is in the journal; the file still holds revision 1
    expect((await verifyVault(dir, { passphrase: PASS }, threading)).ok).toBe(true);
  });

  it('reports a damaged manifest, journal or audit log instead of refusing, and writes nothing', async () => {
    const { dir, vault } = await newVault();
    await vault.put('note', 'n', { v: 1 });
    await vault.lock();
    const reopened = await Vault.open(dir, { passphrase: PASS });
    await reopened.put('note', 'n', { v: 2 });
    simulateCrash(reopened); // leaves commits in the journal
    const clean = await vaultFiles(dir);
    expect((await verifyVault(dir, { passphrase: PASS }, threading)).ok).toBe(true);
    expect(await vaultFiles(dir)).toEqual(clean);

    const cases: Array<[string, number, (problem: string) => void]> = [
      ['manifest.bin', 20, (p) => expect(p).toBe(manifestDamaged().message)],
      [
        'journal.bin',
        40,
        (p) => expect(p).toMatch(/^The vault’s journal \(journal\.bin\) is damaged or was altered/),
      ],
      ['audit.bin', 30, (p) => expect(p).toMatch(/^The audit log is damaged: /)],
    ];
    for (const [name, offset, expectProblem] of cases) {
      const path = join(dir, name);
      const original = await readFile(path);
      await flipByte(path, offset);
      const damaged = await vaultFiles(dir);
      const report = await verifyVault(dir, { passphrase: PASS }, threading);
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => p.file)).toEqual([name]);
      expectProblem(report.problems[0]!.problem);
      expect(await vaultFiles(dir)).toEqual(damaged);
      await writeFile(path, original);
    }
  });
});

describe('verify with a wrong passphrase', () => {
  it('is refused, and leaves no check thread running and no lock behind', async () => {
    const { dir } = await oneNote();
    await expectKind(verifyVault(dir, { passphrase: 'not the passphrase' }), 'wrong-passphrase');
    await vi.waitFor(() => expect(checkThreadsRunning()).toBe(0));
    expect(await recordFiles(dir)).toHaveLength(1);
    expect((await verifyVault(dir, { passphrase: PASS })).ok).toBe(true);
    await vi.waitFor(() => expect(checkThreadsRunning()).toBe(0));
  });
});
