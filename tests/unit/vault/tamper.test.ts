import { copyFile, readdir, readFile, rename, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { simulateCrash } from '../../../main/vault/faults';
import { parseHeader, serializeHeader } from '../../../main/vault/header';
import { Vault } from '../../../main/vault/Vault';
import { tempDir } from '../helpers/tempDir';
import { expectKind, flipByte, hashTree, newVault, PASS } from './kit';

// Counts the passphrase KDF's runs; each still runs the real Argon2id (a pass-through, not a
// stand-in). "Before the KDF runs" is checked by this count, not by a wall-clock limit that a busy
// machine can miss.
const kdfRuns = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../main/vault/argon2Worker', async (original) => {
  const real = await original<typeof import('../../../main/vault/argon2Worker')>();
  return {
    ...real,
    argon2idInWorker: (...args: Parameters<typeof real.argon2idInWorker>) => {
      kdfRuns.count++;
      return real.argon2idInWorker(...args);
    },
  };
});

const recordFiles = async (dir: string) => (await readdir(join(dir, 'records'))).sort();

/** A locked vault with two notes; returns their ids and which file holds which. */
async function twoNotes() {
  const { dir, vault, recoveryKey } = await newVault();
  const a = await vault.put('note', 'note-a', { text: 'A' });
  const b = await vault.put('note', 'note-b', { text: 'B' });
  await vault.lock();
  const files = await recordFiles(dir);
  expect(files).toHaveLength(2);
  return { dir, recoveryKey, a, b, files };
}

/** Opens, runs `check` on the open vault, locks. */
async function withOpen(dir: string, check: (v: Vault) => Promise<void>) {
  const v = await Vault.open(dir, { passphrase: PASS });
  try {
    await check(v);
  } finally {
    await v.lock();
  }
}

describe('tamper detection', () => {
  it('a wrong passphrase is refused and changes no file', async () => {
    const { dir } = await twoNotes();
    const before = await hashTree(dir);
    const message = await expectKind(Vault.open(dir, { passphrase: 'not it' }), 'wrong-passphrase');
    expect(message).toMatch(/passphrase/);
    await expectKind(
      Vault.open(dir, {
        recoveryKey: '0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000',
      }),
      'invalid-input',
    );
    expect(await hashTree(dir)).toEqual(before);
  });

  it('any flipped byte in the header is reported as damage, before the KDF runs', async () => {
    const { dir } = await twoNotes();
    const path = join(dir, 'attune-vault.json');
    const original = await readFile(path);
    kdfRuns.count = 0;
    for (let i = 0; i < original.length; i++) {
      const copy = Buffer.from(original);
      copy[i] = copy[i]! ^ 0x01;
      await writeFile(path, copy);
      await expectKind(Vault.open(dir, { passphrase: PASS }), 'integrity');
    }
    expect(kdfRuns.count).toBe(0);
    await writeFile(path, original);
    await withOpen(dir, async (v) => expect(await v.get('note', 'note-a')).toEqual({ text: 'A' }));
    // The counter sees a real open's derivation, so the zero above means none ran.
    expect(kdfRuns.count).toBe(1);
  });

  it('edited KDF settings are detected; absurd ones fail fast instead of hanging', async () => {
    const { dir, recoveryKey } = await twoNotes();
    const path = join(dir, 'attune-vault.json');
    const original = await readFile(path);
    const header = parseHeader(original);

    // A naive edit (checksum not updated) is damage.
    const naive = JSON.parse(original.toString());
    naive.kdf.iterations = 2;
    await writeFile(path, JSON.stringify(naive));
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'integrity');

    // A careful edit with a recomputed checksum, to values that would take hours or 4 TiB.
    for (const kdf of [
      { memoryKiB: 0xffffffff, iterations: 3, parallelism: 1 },
      { memoryKiB: 65536, iterations: 0xffffffff, parallelism: 1 },
      { memoryKiB: 1048576, iterations: 10, parallelism: 1 },
      { memoryKiB: 65536, iterations: 3, parallelism: 255 },
      { memoryKiB: 8, iterations: 1, parallelism: 1 },
    ]) {
      await writeFile(path, serializeHeader({ ...header, kdf }));
      const started = Date.now();
      const message = await expectKind(Vault.open(dir, { passphrase: PASS }), 'integrity');
      expect(message).toMatch(/outside safe limits/);
      expect(Date.now() - started).toBeLessThan(1000);
    }

    // Within limits and checksum recomputed: the derived key differs, which no one can tell
    // from a wrong passphrase; the recovery key path sees the header MAC fail.
    await writeFile(path, serializeHeader({ ...header, kdf: { ...header.kdf, iterations: 2 } }));
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'wrong-passphrase');
    await expectKind(Vault.open(dir, { recoveryKey }), 'integrity');

    await writeFile(path, original);
    await withOpen(dir, async (v) => expect((await v.verify()).ok).toBe(true));
  });

  it('a downgraded or newer format version is refused', async () => {
    const { dir } = await twoNotes();
    const path = join(dir, 'attune-vault.json');
    const json = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...json, version: 2 }));
    const message = await expectKind(Vault.open(dir, { passphrase: PASS }), 'unsupported-version');
    expect(message).toBe(
      'This vault was upgraded (or made) by a newer version of Attune; install the newer version to open it. Nothing in the vault was changed.',
    );
    await writeFile(path, JSON.stringify({ ...json, version: 0 }));
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'integrity');
  });

  it('a folder that is not a vault is refused', async () => {
    const root = await tempDir();
    await expectKind(Vault.open(root, { passphrase: PASS }), 'not-a-vault');
    await expectKind(Vault.open(join(root, 'absent'), { passphrase: PASS }), 'not-a-vault');
    await writeFile(join(root, 'notes.txt'), 'hello');
    await expectKind(Vault.open(root, { passphrase: PASS }), 'not-a-vault');
    expect(await Vault.isVault(root)).toBe(false);
    await expectKind(Vault.create(root, PASS), 'vault-exists');
  });

  it('a flipped byte anywhere in a record file is caught on read and by verify', async () => {
    const { dir, files } = await twoNotes();
    const path = join(dir, 'records', files[0]!);
    const original = await readFile(path);
    for (const offset of [0, 4, 5, 16, 17, Math.floor(original.length / 2), original.length - 1]) {
      await flipByte(path, offset);
      await withOpen(dir, async (v) => {
        const results = await Promise.allSettled([v.get('note', 'note-a'), v.get('note', 'note-b')]);
        expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
        await expectKind(v.getAll('note'), 'integrity');
        const report = await v.verify();
        expect(report.ok).toBe(false);
        expect(report.problems).toHaveLength(1);
        expect(report.problems[0]!.file).toBe(`records/${files[0]}`);
      });
      await writeFile(path, original);
    }
  });

  it('a truncated record, a deleted record and an unknown file are reported', async () => {
    const { dir, files } = await twoNotes();
    const [first, second] = files as [string, string];
    await truncate(join(dir, 'records', first), 20);
    await unlink(join(dir, 'records', second));
    await writeFile(join(dir, 'records', 'deadbeefdeadbeefdeadbeefdeadbeef.rec'), 'x');
    await withOpen(dir, async (v) => {
      await expectKind(v.get('note', 'note-a'), 'integrity');
      await expectKind(v.get('note', 'note-b'), 'integrity');
      const report = await v.verify();
      expect(report.problems.map((p) => p.problem).join('\n')).toMatch(/cut short/);
      expect(report.problems.map((p) => p.problem).join('\n')).toMatch(/missing/);
      expect(report.problems.map((p) => p.problem).join('\n')).toMatch(/not part of the vault/);
      expect(report.problems).toHaveLength(3);
    });
  });

  it('two swapped record files both fail, and verify says they were swapped', async () => {
    const { dir, files } = await twoNotes();
    const [x, y] = files.map((f) => join(dir, 'records', f)) as [string, string];
    await rename(x, `${x}.swap`);
    await rename(y, x);
    await rename(`${x}.swap`, y);
    await withOpen(dir, async (v) => {
      await expectKind(v.get('note', 'note-a'), 'integrity');
      await expectKind(v.get('note', 'note-b'), 'integrity');
      const report = await v.verify();
      expect(report.problems).toHaveLength(2);
      for (const p of report.problems) expect(p.problem).toMatch(/another record/);
    });
  });

  it('an older revision put back is refused (rollback), and so is a deleted record put back', async () => {
    const { dir } = await twoNotes();
    const oldCopy = join(dir, '..', 'old.rec');
    await withOpen(dir, async (v) => {
      await v.put('note', 'note-a', { text: 'A2' });
    });
    // note-a's file is the one that changes when note-a is saved.
    const before = await hashTree(join(dir, 'records'));
    await withOpen(dir, async (v) => {
      await v.put('note', 'note-a', { text: 'A3' });
    });
    const after = await hashTree(join(dir, 'records'));
    const fileA = Object.keys(after).find((f) => after[f] !== before[f])!;
    await copyFile(join(dir, 'records', fileA), oldCopy); // revision 3
    await withOpen(dir, async (v) => {
      await v.put('note', 'note-a', { text: 'A4' });
    });
    await copyFile(oldCopy, join(dir, 'records', fileA));
    await withOpen(dir, async (v) => {
      await expectKind(v.get('note', 'note-a'), 'integrity');
      const report = await v.verify();
      expect(report.problems).toEqual([
        {
          file: `records/${fileA}`,
          problem: expect.stringMatching(/older revision \(3\) instead of revision 4/),
          record: { kind: 'note', id: 'note-a', fault: 'older-revision' },
        },
      ]);
      await v.delete('note', 'note-a');
    });
    await copyFile(oldCopy, join(dir, 'records', fileA));
    await withOpen(dir, async (v) => {
      await expectKind(v.get('note', 'note-a'), 'not-found');
      // Re-created under the same id: the old file still does not pass for its revisions.
      await v.put('note', 'note-a', { text: 'again' });
      expect(await v.get('note', 'note-a')).toEqual({ text: 'again' });
    });
    await withOpen(dir, async (v) => {
      expect(await v.get('note', 'note-a')).toEqual({ text: 'again' });
      expect((await v.verify()).ok).toBe(true);
    });
  });

  it('a record file from another vault is refused', async () => {
    const one = await newVault();
    const two = await newVault();
    await one.vault.put('note', 'same', { v: 1 });
    await two.vault.put('note', 'same', { v: 2 });
    await one.vault.lock();
    await two.vault.lock();
    const [fileOne] = await recordFiles(one.dir);
    const [fileTwo] = await recordFiles(two.dir);
    await copyFile(join(one.dir, 'records', fileOne!), join(two.dir, 'records', fileTwo!));
    await withOpen(two.dir, async (v) => {
      await expectKind(v.get('note', 'same'), 'integrity');
    });
  });

  it('a damaged manifest stops the vault from opening', async () => {
    const { dir } = await twoNotes();
    const path = join(dir, 'manifest.bin');
    const size = (await readFile(path)).length;
    for (const offset of [0, 5, 20, size - 1]) {
      const original = await readFile(path);
      await flipByte(path, offset);
      const message = await expectKind(Vault.open(dir, { passphrase: PASS }), 'integrity');
      expect(message).toMatch(/manifest/);
      await writeFile(path, original);
    }
    await unlink(path);
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'integrity');
  });

  it('a damaged journal stops the vault from opening; a torn last append does not', async () => {
    const { dir, vault } = await newVault();
    await vault.put('note', 'n', { v: 1 });
    await vault.put('note', 'n', { v: 2 });
    simulateCrash(vault); // the journal now holds the uncheckpointed commits
    const path = join(dir, 'journal.bin');
    const journal = await readFile(path);
    expect(journal.length).toBeGreaterThan(100);
    for (const offset of [0, 5, 9, 14, 40, journal.length - 40, journal.length - 1]) {
      await flipByte(path, offset);
      const message = await expectKind(Vault.open(dir, { passphrase: PASS }), 'integrity');
      expect(message).toMatch(/journal/);
      await writeFile(path, journal);
    }
    // Cut inside the last frame, as a crash during the append would: that commit never happened.
    await writeFile(path, journal.subarray(0, journal.length - 7));
    await withOpen(dir, async (v) => {
      expect(await v.get('note', 'n')).toEqual({ v: 1 });
      expect((await v.verify()).ok).toBe(true);
    });
  });

  it('a damaged or shortened audit log is reported by verify and readAudit, and the notes stay readable', async () => {
    const { dir } = await twoNotes();
    const path = join(dir, 'audit.bin');
    const original = await readFile(path);
    for (const damage of [
      () => flipByte(path, 30),
      () => flipByte(path, original.length - 1),
      () => truncate(path, original.length - 10),
      () => writeFile(path, Buffer.alloc(0)),
    ]) {
      await damage();
      await withOpen(dir, async (v) => {
        expect(await v.get('note', 'note-a')).toEqual({ text: 'A' });
        await expectKind(v.readAudit(), 'integrity');
        const report = await v.verify();
        expect(report.ok).toBe(false);
        expect(report.problems.every((p) => p.file === 'audit.bin')).toBe(true);
      });
      await writeFile(path, original);
    }
  });
});
