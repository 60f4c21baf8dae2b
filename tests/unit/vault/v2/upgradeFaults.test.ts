import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../../../shared/errors';
import { FaultyFs, fsError } from '../../../../main/vault/faults';
import { recoverInterruptedUpgrade } from '../../../../main/vault/v2/upgradeFolders';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { upgradeFormat1 } from '../../../../main/vault/v2/upgradeFormat1';
import { Vault } from '../../../../main/vault/Vault';
import { hashTree } from '../kit';
import { A, tempRootsPerTest } from './v2Kit';

const FIXTURE = join(__dirname, '../../../fixtures/vault-v1');
const tempRoot = tempRootsPerTest('attune-upgrade-faults-');
const device = { hex: A, name: 'Office iMac' };

async function fixture(): Promise<{ dir: string; pass: string; want: Map<string, unknown> }> {
  const dir = join(await tempRoot(), 'vault');
  await cp(join(FIXTURE, 'vault'), dir, { recursive: true });
  const pass = (await readFile(join(FIXTURE, 'PASSPHRASE.txt'), 'utf8')).trim();
  const expected = JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8')) as {
    records: Array<{ kind: string; id: string; value: unknown }>;
  };
  return { dir, pass, want: new Map(expected.records.map((r) => [`${r.kind}/${r.id}`, r.value])) };
}

/** Every record of an open vault of either format, by kind/id. */
async function contents(vault: {
  list(): Array<{ kind: string; id: string }>;
  get<T>(kind: string, id: string): Promise<T>;
}): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const { kind, id } of vault.list()) out.set(`${kind}/${id}`, await vault.get(kind, id));
  return out;
}

/** The vault at `dir` opens in exactly one format with every record; returns that format. */
async function opensWhole(dir: string, pass: string, want: Map<string, unknown>): Promise<1 | 2> {
  const version = JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')).version as 1 | 2;
  if (version === 1) {
    const v = await Vault.open(dir, { passphrase: pass });
    try {
      expect((await v.verify()).problems).toEqual([]);
      expect(await contents(v)).toEqual(want);
    } finally {
      await v.lock();
    }
  } else {
    const v = await SyncedVault.open(dir, { passphrase: pass }, { device, heartbeatMs: 0 });
    try {
      expect((await v.verify()).problems).toEqual([]);
      expect(await contents(v)).toEqual(want);
    } finally {
      await v.lock();
    }
  }
  return version;
}

/**
 * A crash between creating the lock file and writing its content leaves one that cannot be read,
 * which counts as stale only after 10 seconds (FORMAT-v1.md §12): that wait is skipped here.
 */
async function forgetHalfWrittenLock(dir: string): Promise<void> {
  const text = await readFile(join(dir, 'attune.lock'), 'utf8').catch(() => null);
  if (text === null) return;
  try {
    JSON.parse(text);
  } catch {
    await rm(join(dir, 'attune.lock'));
  }
}

/** Calls spread over the whole run, and every call near its end (the switch and what follows it). */
function stepsToTry(total: number, spread: number, tail: number): number[] {
  const steps = new Set<number>();
  for (let i = 1; i <= spread; i++) steps.add(Math.max(1, Math.round((i * total) / (spread + 1))));
  for (let s = Math.max(1, total - tail); s <= total; s++) steps.add(s);
  return [...steps].sort((a, b) => a - b);
}

describe('upgrade faults', () => {
  it('a crash at a file-system call anywhere leaves one whole vault of one format, and the next run finishes or restarts the upgrade', async () => {
    const probe = await fixture();
    const counter = new FaultyFs();
    counter.arm();
    await upgradeFormat1(probe.dir, probe.pass, device, { fs: counter });
    const total = counter.steps;
    expect(total).toBeGreaterThan(20);

    const seen = new Set<number>();
    for (const step of stepsToTry(total, 8, 6)) {
      const { dir, pass, want } = await fixture();
      const fs = new FaultyFs();
      fs.arm({ at: step, mode: 'crash' });
      await upgradeFormat1(dir, pass, device, { fs }).catch(() => undefined);
      await forgetHalfWrittenLock(dir);
      // Whatever the crash left, the next start tidies it (finishing a switch it cut short)...
      expect(await recoverInterruptedUpgrade(dir)).not.toBe('busy');
      const version = await opensWhole(dir, pass, want);
      seen.add(version);
      const beside = (await readdir(join(dir, '..'))).filter((n) => n !== 'vault');
      // ...leaving no work folder, and a format-2 vault always with its format-1 copy.
      expect(
        beside.filter((n) => n.startsWith('.')),
        `step ${step}`,
      ).toEqual([]);
      if (version === 2)
        expect(beside, `step ${step}`).toEqual([expect.stringMatching(/^vault \(format 1 copy /)]);
      // ...and the next unlock upgrades (or finds it upgraded) with every record.
      await upgradeFormat1(dir, pass, device);
      expect(await opensWhole(dir, pass, want)).toBe(2);
    }
    expect([...seen].sort()).toEqual([1, 2]);
  }, 240_000);

  it('a rename that fails once (the switch cut short and finished at once from its intent) still keeps the format-1 copy', async () => {
    const probe = await fixture();
    const counter = new FaultyFs();
    counter.arm({ at: Number.MAX_SAFE_INTEGER, only: (op) => op === 'rename' });
    await upgradeFormat1(probe.dir, probe.pass, device, { fs: counter });
    const renames = counter.steps;
    for (let at = 1; at <= renames; at++) {
      const { dir, pass, want } = await fixture();
      const fs = new FaultyFs();
      fs.arm({ at, mode: 'once', only: (op) => op === 'rename' });
      const upgraded = await upgradeFormat1(dir, pass, device, { fs }).then(
        () => true,
        () => false,
      );
      expect(await recoverInterruptedUpgrade(dir)).not.toBe('busy');
      const version = await opensWhole(dir, pass, want);
      const beside = (await readdir(join(dir, '..'))).filter((n) => n !== 'vault');
      expect(
        beside.filter((n) => n.startsWith('.')),
        `rename ${at}`,
      ).toEqual([]);
      if (version === 2) {
        expect(beside, `rename ${at}`).toEqual([expect.stringMatching(/^vault \(format 1 copy /)]);
        const copy = await Vault.open(join(dir, '..', beside[0] as string), { passphrase: pass });
        expect(await contents(copy)).toEqual(want);
        await copy.lock();
      } else expect(upgraded, `rename ${at}`).toBe(false);
    }
  }, 120_000);

  it('a full disk at any write leaves the format-1 vault as it was, usable, with nothing beside it', async () => {
    const probe = await fixture();
    const counter = new FaultyFs();
    counter.arm({ at: Number.MAX_SAFE_INTEGER, only: (op) => op === 'write' });
    await upgradeFormat1(probe.dir, probe.pass, device, { fs: counter });
    const writes = counter.steps;
    expect(writes).toBeGreaterThan(5);

    for (let at = 1; at <= writes; at++) {
      const { dir, pass, want } = await fixture();
      const before = await hashTree(dir);
      const fs = new FaultyFs();
      // The disk stays full: this write and every later one fail; removing files still works.
      fs.arm({ at, mode: 'crash', error: () => fsError('ENOSPC'), only: (op) => op === 'write' });
      const error = await upgradeFormat1(dir, pass, device, { fs }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `write ${at}`).toBeInstanceOf(AttuneError);
      expect((error as AttuneError).message).toMatch(/disk is full.*unchanged and opens as before/s);
      expect(await hashTree(dir)).toEqual(before);
      expect(await readdir(join(dir, '..'))).toEqual(['vault']);
      expect(await opensWhole(dir, pass, want)).toBe(1);
    }
  }, 240_000);
});
