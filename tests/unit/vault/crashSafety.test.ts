import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../../shared/ipc/result';
import { FaultyFs, type FaultPlan, fsError, simulateCrash } from '../../../main/vault/faults';
import { Vault } from '../../../main/vault/Vault';
import { tempDir } from '../helpers/tempDir';
import { expectKind, newVault, PASS, TEST_KDF } from './kit';

const NEW_PASS = 'the second passphrase';

/** A locked vault with n1 = {v: 1} and n2 = {v: 1}; copied afresh for every step. */
async function baseVault(): Promise<{ dir: string; recoveryKey: string }> {
  const { dir, vault, recoveryKey } = await newVault();
  await vault.put('note', 'n1', { v: 1 });
  await vault.put('note', 'n2', { v: 1 });
  await vault.lock();
  return { dir, recoveryKey };
}

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await copyTree(join(from, entry.name), join(to, entry.name));
    else await copyFile(join(from, entry.name), join(to, entry.name));
  }
}

async function freshCopy(base: string): Promise<string> {
  const dir = join(await tempDir(), 'copy');
  await copyTree(base, dir);
  return dir;
}

async function noteValue(v: Vault, id: string): Promise<unknown> {
  try {
    return await v.get('note', id);
  } catch (error) {
    if (error instanceof AttuneError && error.kind === 'not-found') return 'absent';
    throw error;
  }
}

/**
 * Runs `operation` on a copy of `base` with the fs failing at step 1, 2, ... until a run
 * completes without reaching the failure; after each run the process "dies" and the vault is
 * reopened with the real fs and handed to `check`. Returns the number of steps.
 */
async function everyStep(
  base: { dir: string; recoveryKey: string },
  mode: FaultPlan['mode'],
  operation: (v: Vault) => Promise<unknown>,
  check: (dir: string, succeeded: boolean) => Promise<void>,
): Promise<number> {
  for (let step = 1; step < 500; step++) {
    const dir = await freshCopy(base.dir);
    const fs = new FaultyFs();
    // Opened with the recovery key, which needs no Argon2: these tests open vaults hundreds of times.
    const v = await Vault.open(dir, { recoveryKey: base.recoveryKey }, { fs, checkpointEvery: 1000 });
    fs.arm({ at: step, mode });
    let succeeded = true;
    try {
      await operation(v);
    } catch (error) {
      succeeded = false;
      expect(error).toBeInstanceOf(AttuneError); // never a raw fs error
    }
    const reached = fs.fired;
    simulateCrash(v);
    await check(dir, succeeded);
    if (!reached) return step - 1;
  }
  throw new Error('operation never finished');
}

/** Opens, checks, verifies, then drops the vault without a checkpoint (saves time; no writes). */
async function openAndCheck(
  dir: string,
  secret: { passphrase: string } | { recoveryKey: string },
  body: (v: Vault) => Promise<void>,
) {
  const v = await Vault.open(dir, secret);
  try {
    await body(v);
    const report = await v.verify();
    expect(report.problems).toEqual([]);
  } finally {
    simulateCrash(v);
  }
}

describe('crash safety: a failure at every file-system step', () => {
  // 'crash': the failing step and all after it fail, as if the process died there.
  // 'once': only that step fails and the vault carries on, which exercises the roll-backs.
  for (const mode of ['crash', 'once'] as const) {
    it(`put, then lock (checkpoint): each record is at its old or new value [${mode}]`, async () => {
      const base = await baseVault();
      const steps = await everyStep(
        base,
        mode,
        async (v) => {
          await v.put('note', 'n1', { v: 2 });
          await v.lock();
        },
        async (dir, succeeded) => {
          await openAndCheck(dir, { recoveryKey: base.recoveryKey }, async (v) => {
            const n1 = await noteValue(v, 'n1');
            expect([{ v: 1 }, { v: 2 }]).toContainEqual(n1);
            if (succeeded) expect(n1).toEqual({ v: 2 }); // a resolved put is durable
            expect(await noteValue(v, 'n2')).toEqual({ v: 1 });
          });
        },
      );
      expect(steps).toBeGreaterThan(20);
    });
  }

  it('putMany and delete are all or nothing', async () => {
    const base = await baseVault();
    await everyStep(
      base,
      'crash',
      async (v) => {
        await v.putMany([
          { kind: 'note', id: 'n1', value: { v: 2 } },
          { kind: 'note', id: 'n3', value: { v: 2 } },
        ]);
        await v.delete('note', 'n2');
        await v.lock();
      },
      async (dir, succeeded) => {
        await openAndCheck(dir, { recoveryKey: base.recoveryKey }, async (v) => {
          const state = [await noteValue(v, 'n1'), await noteValue(v, 'n2'), await noteValue(v, 'n3')];
          expect([
            [{ v: 1 }, { v: 1 }, 'absent'],
            [{ v: 2 }, { v: 1 }, { v: 2 }],
            [{ v: 2 }, 'absent', { v: 2 }],
          ]).toContainEqual(state);
          if (succeeded) expect(state).toEqual([{ v: 2 }, 'absent', { v: 2 }]);
        });
      },
    );
  });

  it('changePassphrase: the old or the new passphrase opens, and the recovery key always does', async () => {
    const base = await baseVault();
    const { recoveryKey } = base;
    const steps = await everyStep(
      base,
      'crash',
      (v) => v.changePassphrase(NEW_PASS),
      async (dir, succeeded) => {
        const opened: string[] = [];
        for (const pass of [PASS, NEW_PASS]) {
          try {
            await openAndCheck(dir, { passphrase: pass }, async (v) => {
              expect(await noteValue(v, 'n1')).toEqual({ v: 1 });
            });
            opened.push(pass);
          } catch (error) {
            expect((error as AttuneError).kind).toBe('wrong-passphrase');
          }
        }
        expect(opened).toHaveLength(1);
        if (succeeded) expect(opened).toEqual([NEW_PASS]);
        await openAndCheck(dir, { recoveryKey }, async (v) => {
          expect(await noteValue(v, 'n2')).toEqual({ v: 1 });
        });
      },
    );
    expect(steps).toBeGreaterThan(5);
  });

  for (const mode of ['crash', 'once'] as const) {
    it(`create: the folder ends up a whole vault, or not a vault at all [${mode}]`, async () => {
      for (let step = 1; step < 100; step++) {
        const dir = join(await tempDir(), 'v');
        const fs = new FaultyFs();
        fs.arm({ at: step, mode });
        let created: { vault: Vault; recoveryKey: string } | null = null;
        try {
          created = await Vault.create(dir, PASS, { kdf: TEST_KDF, fs });
        } catch (error) {
          expect(error).toBeInstanceOf(AttuneError);
        }
        const reached = fs.fired;
        if (created) {
          simulateCrash(created.vault);
          await openAndCheck(dir, { recoveryKey: created.recoveryKey }, async (v) =>
            expect(v.list()).toEqual([]),
          );
        } else {
          expect(await Vault.isVault(dir)).toBe(false);
          await expectKind(Vault.open(dir, { passphrase: PASS }), 'not-a-vault');
          // When the process lives on, what was written is taken back so the folder can be reused.
          if (mode === 'once') expect(await readdir(dir).catch(() => [])).toEqual([]);
        }
        if (!reached) return;
      }
    });
  }
});

describe('disk full and read-only folders', () => {
  it('a full disk during a save: clear error, old version intact, vault still usable', async () => {
    const fs = new FaultyFs();
    const { dir, vault } = await newVault({ fs });
    await vault.put('note', 'n1', { v: 1 });
    fs.arm({ at: 1, mode: 'once', error: () => fsError('ENOSPC') });
    const message = await expectKind(vault.put('note', 'n1', { v: 2 }), 'io');
    expect(message).toMatch(/disk is full/);
    expect(message).toMatch(/unchanged/);
    expect(await vault.get('note', 'n1')).toEqual({ v: 1 });
    fs.arm({ at: 2, mode: 'once', error: () => fsError('ENOSPC') }); // the sync, after the write
    await expectKind(vault.put('note', 'n1', { v: 3 }), 'io');
    expect(await vault.get('note', 'n1')).toEqual({ v: 1 });
    fs.disarm();
    await vault.put('note', 'n1', { v: 4 });
    await vault.lock();
    await openAndCheck(dir, { passphrase: PASS }, async (v) => {
      expect(await v.get('note', 'n1')).toEqual({ v: 4 });
    });
  });

  it('a full disk during a checkpoint loses nothing', async () => {
    const fs = new FaultyFs();
    const { dir, vault } = await newVault({ fs });
    await vault.put('note', 'n1', { v: 1 });
    fs.arm({ at: 3, mode: 'crash', error: () => fsError('ENOSPC') }); // after the 'lock' commit
    await vault.lock();
    await openAndCheck(dir, { passphrase: PASS }, async (v) => {
      expect(await v.get('note', 'n1')).toEqual({ v: 1 });
    });
  });

  for (const code of ['EROFS', 'EACCES', 'EPERM']) {
    it(`a read-only folder (${code}) gives 'read-only' on save and on create`, async () => {
      const fs = new FaultyFs();
      const { vault } = await newVault({ fs });
      await vault.put('note', 'n1', { v: 1 });
      fs.arm({ at: 1, mode: 'crash', error: () => fsError(code) });
      const message = await expectKind(vault.put('note', 'n1', { v: 2 }), 'read-only');
      expect(message).toMatch(/read-only/);
      expect(await vault.get('note', 'n1')).toEqual({ v: 1 });
      fs.disarm();
      await vault.lock();

      const other = new FaultyFs();
      other.arm({ at: 1, mode: 'crash', error: () => fsError(code, 'mkdir') });
      await expectKind(
        Vault.create(join(await tempDir(), 'x'), PASS, { kdf: TEST_KDF, fs: other }),
        'read-only',
      );
    });
  }

  // As root (which these machines are), chmod does not stop writes, so the facade tests above
  // cover read-only folders there; this one runs for ordinary users.
  it.skipIf(process.getuid?.() === 0)('a folder made read-only with chmod gives read-only', async () => {
    const { chmod } = await import('node:fs/promises');
    const { dir, vault } = await newVault();
    await vault.put('note', 'n1', { v: 1 });
    await vault.lock();
    await chmod(dir, 0o500);
    try {
      await expectKind(Vault.open(dir, { passphrase: PASS }), 'read-only');
    } finally {
      await chmod(dir, 0o700);
    }
  });
});
