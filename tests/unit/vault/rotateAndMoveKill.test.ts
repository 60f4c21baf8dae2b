import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../main/services/device/DeviceConfigStore';
import { Vault } from '../../../main/vault/Vault';
import { tempDir } from '../helpers/tempDir';
import { bundleChild, childBundleDir } from './child/bundleChild';
import { newVault, PASS, TEST_KDF } from './kit';
import { killRounds } from '../helpers/killRounds';

/** Kills per test: 6 in npm test, 40 in npm run test:heavy. */
const ROUNDS = killRounds(6, 40);

let bundle = '';
let bundleDir = '';

beforeAll(async () => {
  bundleDir = await childBundleDir();
  bundle = await bundleChild(bundleDir, join(__dirname, 'child', 'folderChild.ts'));
}, 60_000);
afterAll(() => rm(bundleDir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  ready: Promise<void>;
}

function start(args: string[]): Run {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line === 'ready') resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    void exited.then((code) => reject(new Error(`child exited (${code}) before ready: ${stderr}`)));
  });
  return { child, lines, exited, ready };
}

describe('key rotation killed with SIGKILL', () => {
  it('at random moments: the vault opens afterwards with every record, under the old key or the new one', async () => {
    const { dir, vault, recoveryKey } = await newVault();
    const expected = new Map<string, unknown>();
    for (let i = 0; i < 300; i++) {
      const value = { i, text: `note ${i} ${'x'.repeat(200)}` };
      await vault.put('note', `n${i}`, value);
      expected.set(`n${i}`, value);
    }
    await vault.lock();

    // One rotation run to the end tells how long one takes here.
    const full = start(['rotate', dir, PASS]);
    await full.ready;
    // Timed from ready, as the kills are: the child's start-up in it put most kills past the end
    // (once all six rounds finished, and the test failed for want of an interrupted one).
    const t0 = Date.now();
    expect(await full.exited).toBe(0);
    const duration = Date.now() - t0;
    let currentKey = full.lines.find((l) => l.startsWith('rotated '))!.slice('rotated '.length);
    const oldKeys = [recoveryKey];

    let finished = 0;
    let interrupted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const run = start(['rotate', dir, PASS]);
      await run.ready;
      await new Promise((r) => setTimeout(r, Math.random() * duration * 1.1));
      run.child.kill('SIGKILL');
      await run.exited;
      const done = run.lines.find((l) => l.startsWith('rotated '));
      if (done) {
        oldKeys.push(currentKey);
        currentKey = done.slice('rotated '.length);
        finished++;
      } else interrupted++;

      // The next open finishes or undoes the switch and throws away a partial copy.
      const v = await Vault.open(dir, { passphrase: PASS });
      try {
        expect((await v.verify()).problems, `round ${round}`).toEqual([]);
        const notes = await v.getAll<unknown>('note');
        expect(notes).toHaveLength(expected.size);
        for (const { id, value } of notes) expect(value).toEqual(expected.get(id));
        await v.readAudit(); // the chain is intact (throws if not)
      } finally {
        await v.lock();
      }
      expect(await readdir(join(dir, '..'))).not.toContainEqual(expect.stringMatching(/\.rotating-|switch/));
      // A rotation reported as done can be opened with its recovery key; when the child died
      // after the switch but before reporting, the key it made was never shown (the passphrase
      // opens the vault; Settings makes a new recovery key), so only the reported one is checked.
      if (done) {
        const byKey = await Vault.open(dir, { recoveryKey: currentKey });
        await byKey.lock();
      }
    }
    expect(finished + interrupted).toBe(ROUNDS);
    expect(interrupted).toBeGreaterThan(0);
  }, killRounds(300_000, 1_500_000));
});

describe('moving the vault killed with SIGKILL', () => {
  it('at random moments: the vault opens where this computer’s settings say, with every record', async () => {
    const dataDir = await tempDir();
    const places = await tempDir();
    const { vault } = await Vault.create(join(dataDir, 'vault'), PASS, { kdf: TEST_KDF });
    const expected = new Map<string, unknown>();
    for (let i = 0; i < 300; i++) {
      const value = { i, text: `note ${i} ${'y'.repeat(200)}` };
      await vault.put('note', `n${i}`, value);
      expected.set(`n${i}`, value);
    }
    await vault.lock();
    const config = new DeviceConfigStore(dataDir);
    const whereNow = async () => (await config.read()).vaultDir ?? join(dataDir, 'vault');

    const full = start(['move', dataDir, PASS, join(places, 'first')]);
    await full.ready;
    // Timed from ready, as the kills are: the child's start-up in it put most kills past the end
    // (once all six rounds finished, and the test failed for want of an interrupted one).
    const t0 = Date.now();
    expect(await full.exited).toBe(0);
    const duration = Date.now() - t0;
    expect(await whereNow()).toBe(join(places, 'first'));

    let moved = 0;
    let interrupted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const before = await whereNow();
      const run = start(['move', dataDir, PASS, join(places, `place-${round}`)]);
      await run.ready;
      await new Promise((r) => setTimeout(r, Math.random() * duration * 1.1));
      run.child.kill('SIGKILL');
      await run.exited;
      if (run.lines.includes('moved')) moved++;
      else interrupted++;

      const now = await whereNow();
      if (run.lines.includes('moved')) expect(now).toBe(join(places, `place-${round}`));
      else expect([before, join(places, `place-${round}`)]).toContain(now);
      const v = await Vault.open(now, { passphrase: PASS });
      try {
        expect((await v.verify()).problems, `round ${round}`).toEqual([]);
        const notes = await v.getAll<unknown>('note');
        expect(notes).toHaveLength(expected.size);
        for (const { id, value } of notes) expect(value).toEqual(expected.get(id));
      } finally {
        await v.lock();
      }
    }
    expect(moved + interrupted).toBe(ROUNDS);
    expect(interrupted).toBeGreaterThan(0);
  }, killRounds(300_000, 1_500_000));
});
