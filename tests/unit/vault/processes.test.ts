import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttuneError } from '../../../shared/ipc/result';
import { Vault } from '../../../main/vault/Vault';
import { bundleChild, childBundleDir } from './child/bundleChild';
import { expectKind, newVault, PASS } from './kit';

const PASS_B = 'another passphrase entirely';
let bundle = '';
let bundleDir = '';

beforeAll(async () => {
  bundleDir = await childBundleDir();
  bundle = await bundleChild(bundleDir);
});
afterAll(() => rm(bundleDir, { recursive: true, force: true }));

/** Starts the child; resolves once it printed "ready". Collects its stdout lines. */
function startChild(
  args: string[],
): Promise<{ child: ChildProcess; lines: string[]; exited: Promise<void> }> {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout!.on('data', (d: Buffer) => {
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line === 'ready') resolve({ child, lines, exited });
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${stderr}`)));
  });
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  child.kill('SIGKILL');
  await exited;
}

async function openWithEither(dir: string): Promise<{ vault: Vault; pass: string }> {
  for (const pass of [PASS, PASS_B]) {
    try {
      return { vault: await Vault.open(dir, { passphrase: pass }), pass };
    } catch (error) {
      if (!(error instanceof AttuneError && error.kind === 'wrong-passphrase')) throw error;
    }
  }
  throw new Error('neither passphrase opens the vault');
}

describe('two processes', () => {
  it('a second process cannot open a vault in use; the lock is recovered once that process dies', async () => {
    const { dir, vault } = await newVault();
    await vault.put('note', 'n', { v: 1 });
    await vault.lock();
    const { child, exited } = await startChild(['hold', dir, PASS]);
    const message = await expectKind(Vault.open(dir, { passphrase: PASS }), 'in-use');
    expect(message).toMatch(new RegExp(`process ${child.pid}`));
    await kill(child, exited);
    expect(await readFile(join(dir, 'attune.lock'), 'utf8')).toContain(`"pid":${child.pid}`);
    const v = await Vault.open(dir, { passphrase: PASS });
    expect(await v.get('note', 'n')).toEqual({ v: 1 });
    await v.lock();
  });

  it('SIGKILL at random moments while saving: every record at a committed revision, vault verifies', async () => {
    const { dir, vault } = await newVault();
    await vault.lock();
    /** The value each record must have at least: its last save the child reported as durable. */
    const floor = new Map<string, number>();
    let start = 0;
    let pass = PASS;
    const started = Date.now();
    let rounds = 0;
    let saves = 0;
    // 12 to 25 kills, stopping after about 15 s once 12 are done (the machine may be busy).
    for (; rounds < 25 && (rounds < 12 || Date.now() - started < 15_000); rounds++) {
      const every = 2 + (rounds % 6); // small, so kills also land inside checkpoints
      const { child, lines, exited } = await startChild([
        'save',
        dir,
        PASS,
        PASS_B,
        String(start),
        String(every),
      ]);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 120));
      await kill(child, exited);

      const attempted = new Map<string, number>();
      /** The passphrase that must open now, unless a change was under way when the child died. */
      let mustOpenWith: string | null = pass;
      for (const line of lines) {
        const [what, a, b] = line.split(' ');
        if (what === 'saved') {
          floor.set(a!, Math.max(floor.get(a!) ?? 0, Number(b)));
          saves++;
        }
        if (what === 'try') attempted.set(a!, Math.max(attempted.get(a!) ?? 0, Number(b)));
        if (what === 'try-pass') mustOpenWith = null;
        if (what === 'pass') mustOpenWith = a === 'A' ? PASS : PASS_B;
      }
      const opened = await openWithEither(dir);
      if (mustOpenWith) expect(opened.pass).toBe(mustOpenWith);
      pass = opened.pass;
      const v = opened.vault;
      try {
        const report = await v.verify();
        expect(report.problems).toEqual([]);
        for (const { id, rev, value } of await v.getAll<{ id: string; n: number }>('note')) {
          expect(value.id).toBe(id);
          expect(rev).toBeGreaterThan(0);
          expect(value.n).toBeGreaterThanOrEqual(floor.get(id) ?? 0); // durable means durable
          expect(value.n).toBeLessThanOrEqual(Math.max(attempted.get(id) ?? 0, floor.get(id) ?? 0)); // no invention
          floor.set(id, value.n);
        }
        for (const id of floor.keys()) expect(v.list('note').map((m) => m.id)).toContain(id);
      } finally {
        await v.lock();
      }
      start += 100_000;
    }
    expect(rounds).toBeGreaterThanOrEqual(12);
    expect(saves).toBeGreaterThan(rounds); // the kills landed in the middle of real work
    expect(pass).toBeTruthy();
  }, 60_000);
});
