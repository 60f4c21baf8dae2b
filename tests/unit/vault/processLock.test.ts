import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault/Vault';
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
