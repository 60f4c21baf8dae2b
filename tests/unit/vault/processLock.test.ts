import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ProcessLock } from '../../../main/vault/processLock';
import { Vault } from '../../../main/vault/Vault';
import { nodeVaultFs } from '../../../main/vault/vaultFs';
import { tempDir } from '../helpers/tempDir';
import { expectKind, newVault, PASS } from './kit';

const lockPath = (dir: string) => join(dir, 'attune.lock');
const lockInfo = (pid: number, host = hostname(), bootId?: string) =>
  JSON.stringify({
    pid,
    hostname: host,
    processStartedAt: 0,
    bootedAt: Date.now() - uptime() * 1000,
    bootId,
    token: 'x',
  });
const oldBoot = (pid: number) =>
  JSON.stringify({
    pid,
    hostname: hostname(),
    processStartedAt: 0,
    bootedAt: Date.now() - 86_400_000,
    token: 'x',
  });

describe('process lock', () => {
  it('is held while open, refused to a second opener in the same process, released by lock()', async () => {
    const { dir, vault } = await newVault();
    const info = JSON.parse(await readFile(lockPath(dir), 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, hostname: hostname() });
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'in-use');
    await vault.lock();
    await expect(readFile(lockPath(dir))).rejects.toThrow(/ENOENT/);
    const again = await Vault.open(dir, { passphrase: PASS });
    await again.lock();
  });

  it('recovers a stale lock: a dead process, a previous boot, or an unreadable old file', async () => {
    const { dir, vault } = await newVault();
    await vault.lock();
    // pid 2^22 + 1 is above Linux's pid_max, so no such process exists.
    const booted = [oldBoot(process.ppid)]; // a live pid, but from a boot a day ago
    if (existsSync('/proc/sys/kernel/random/boot_id'))
      booted.push(lockInfo(process.ppid, hostname(), 'another-boot'));
    for (const stale of [lockInfo(4194305), ...booted]) {
      await writeFile(lockPath(dir), stale);
      const v = await Vault.open(dir, { passphrase: PASS });
      await v.lock();
    }
  });

  it('respects a lock held by a live process or by another machine', async () => {
    const { dir, vault } = await newVault();
    await vault.lock();
    await writeFile(lockPath(dir), lockInfo(process.ppid));
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'in-use');
    await writeFile(lockPath(dir), lockInfo(4194305, 'some-other-laptop'));
    const message = await expectKind(Vault.open(dir, { passphrase: PASS }), 'in-use');
    expect(message).toMatch(/some-other-laptop/);
    await writeFile(lockPath(dir), 'half-written');
    await expectKind(Vault.open(dir, { passphrase: PASS }), 'in-use');
  });

  it('a wrong passphrase does not take the lock', async () => {
    const { dir, vault } = await newVault();
    await vault.lock();
    await expectKind(Vault.open(dir, { passphrase: 'nope' }), 'wrong-passphrase');
    await expect(readFile(lockPath(dir))).rejects.toThrow(/ENOENT/);
  });
});

/** A live process that has nothing to do with Attune, ended when the test finishes. */
async function unrelatedProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  return child as ChildProcess & { pid: number };
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks (1/100 s) since boot. */
function startTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}

/** A lock file naming `pid`, as this build writes it, or as older builds did (no startTicks). */
const lockOf = (pid: number, started: { ticks?: number; at: number }) =>
  JSON.stringify({
    pid,
    hostname: hostname(),
    processStartedAt: started.at,
    ...(started.ticks === undefined ? {} : { startTicks: started.ticks }),
    bootedAt: Date.now() - uptime() * 1000,
    token: 'x',
  });

describe.runIf(existsSync('/proc/self/stat'))('process lock and a reused pid (Linux)', () => {
  it('records when this process started, in ticks since boot', async () => {
    const { dir, vault } = await newVault();
    const info = JSON.parse(await readFile(lockPath(dir), 'utf8'));
    expect(info.startTicks).toBe(startTicks(process.pid));
    const bootedAt = Date.now() - uptime() * 1000;
    expect(Math.abs(info.processStartedAt - (bootedAt + info.startTicks * 10))).toBeLessThan(1000);
    await vault.lock();
  });

  it('recovers a lock whose pid now belongs to an unrelated live process that started at another time', async () => {
    const { dir, vault } = await newVault();
    await vault.lock();
    const other = await unrelatedProcess();
    const ticks = startTicks(other.pid);
    const startedAt = Date.now() - uptime() * 1000 + ticks * 10;
    for (const stale of [
      lockOf(other.pid, { ticks: ticks - 500, at: startedAt - 5000 }), // this build's format
      lockOf(other.pid, { at: startedAt - 60_000 }), // an older build's: start time only
    ]) {
      await writeFile(lockPath(dir), stale);
      const v = await Vault.open(dir, { passphrase: PASS });
      expect(JSON.parse(await readFile(lockPath(dir), 'utf8')).pid).toBe(process.pid);
      await v.lock();
    }
  });

  it('respects a lock naming a live process with its own start time', async () => {
    const { dir, vault } = await newVault();
    await vault.lock();
    const other = await unrelatedProcess();
    const ticks = startTicks(other.pid);
    const startedAt = Date.now() - uptime() * 1000 + ticks * 10;
    for (const held of [
      lockOf(other.pid, { ticks, at: startedAt }),
      lockOf(other.pid, { at: startedAt + 400 }), // an older build: Node's start, a little later
    ]) {
      await writeFile(lockPath(dir), held);
      const message = await expectKind(Vault.open(dir, { passphrase: PASS }), 'in-use');
      expect(message).toContain(`process ${other.pid}`);
    }
  });

  it.skipIf(process.platform === 'win32')(
    'a folder or pipe under the lock’s name is refused with a clear message, never read nor taken for a lock held',
    async () => {
      for (const make of ['folder', 'pipe'] as const) {
        const root = await tempDir('attune-lock-stray-');
        const path = join(root, 'attune.lock');
        if (make === 'folder') await mkdir(path);
        else execFileSync('mkfifo', [path]);
        const message = await expectKind(ProcessLock.acquire(nodeVaultFs, root), 'io');
        expect(message).toMatch(
          /attune\.lock is not Attune’s lock file \(a folder, link or pipe has its name\)/,
        );
        expect(message).toMatch(/nothing was changed/);
      }
    },
  );
});
