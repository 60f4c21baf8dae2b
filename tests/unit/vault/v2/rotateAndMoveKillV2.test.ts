import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceConfigStore } from '../../../../main/services/device/DeviceConfigStore';
import { recoverInterruptedRotation } from '../../../../main/vault/rotateVaultKey';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { killRounds } from '../../helpers/killRounds';
import { bundleChild, childBundleDir } from '../child/bundleChild';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

/** Kills per test: 6 in npm test, 40 in npm run test:heavy. */
const ROUNDS = killRounds(6, 40);
const tempRoot = tempRootsPerTest('attune-kill-v2-');
const office = { hex: A, name: 'Office iMac' };

let bundle = '';
let bundleDir = '';

beforeAll(async () => {
  bundleDir = await childBundleDir();
  bundle = await bundleChild(bundleDir, join(__dirname, 'child', 'rotateSyncedChild.ts'));
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

/** A shared vault written by the office and the laptop (both locked); returns every record's value. */
async function sharedVault(dir: string): Promise<Map<string, unknown>> {
  const expected = new Map<string, unknown>();
  const { vault: a } = await SyncedVault.create(dir, PASS, { kdf, device: office, heartbeatMs: 0 });
  for (let i = 0; i < 40; i++) {
    const items = Array.from({ length: 5 }, (_, j) => ({
      kind: 'note',
      id: `n${i * 5 + j}`,
      value: { i, j, text: `note ${'x'.repeat(200)}` },
    }));
    await a.putMany(items);
    for (const item of items) expected.set(`note/${item.id}`, item.value);
  }
  await a.lock();
  const b = await SyncedVault.open(
    dir,
    { passphrase: PASS },
    { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
  );
  await b.put('client', 'c1', { code: 'C-001' });
  expected.set('client/c1', { code: 'C-001' });
  await b.lock();
  return expected;
}

/** Opens as the office, checks the vault and that it holds exactly `expected`. */
async function expectIntact(dir: string, expected: Map<string, unknown>, round: number): Promise<void> {
  const v = await SyncedVault.open(dir, { passphrase: PASS }, { device: office, heartbeatMs: 0 });
  try {
    expect((await v.verify()).problems, `round ${round}`).toEqual([]);
    const metas = v.list();
    expect(metas).toHaveLength(expected.size);
    for (const m of metas) expect(await v.get(m.kind, m.id)).toEqual(expected.get(`${m.kind}/${m.id}`));
    v.readAudit(); // every chain intact (throws if not)
  } finally {
    await v.lock();
  }
}

describe('format-2 key rotation killed with SIGKILL', () => {
  it(
    'at random moments: the vault opens afterwards with every record, under the old key or the new one',
    async () => {
      const root = await tempRoot();
      const dir = join(root, 'vault');
      const expected = await sharedVault(dir);

      const full = start(['rotate', dir, PASS, A]);
      await full.ready;
      // Timed from 'ready': the child's start-up is not the work being interrupted.
      const t0 = Date.now();
      expect(await full.exited).toBe(0);
      const duration = Date.now() - t0;
      let currentKey = full.lines.find((l) => l.startsWith('rotated '))!.slice('rotated '.length);

      let finished = 0;
      let interrupted = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const run = start(['rotate', dir, PASS, A]);
        await run.ready;
        await new Promise((r) => setTimeout(r, Math.random() * duration * 1.1));
        run.child.kill('SIGKILL');
        await run.exited;
        const done = run.lines.find((l) => l.startsWith('rotated '));
        if (done) {
          currentKey = done.slice('rotated '.length);
          finished++;
        } else interrupted++;

        // What the app does at start: finish or undo a switch, throw away a partial copy.
        await recoverInterruptedRotation(dir);
        await expectIntact(dir, expected, round);
        expect(await readdir(root)).not.toContainEqual(expect.stringMatching(/\.rotating-|switch/));
        if (done) {
          const byKey = await SyncedVault.open(
            dir,
            { recoveryKey: currentKey },
            { device: office, heartbeatMs: 0 },
          );
          await byKey.lock();
        }
      }
      expect(finished + interrupted).toBe(ROUNDS);
      expect(interrupted).toBeGreaterThan(0);
    },
    killRounds(300_000, 1_500_000),
  );
});

describe('moving a format-2 vault killed with SIGKILL', () => {
  it(
    'at random moments: the vault opens where this computer’s settings say, with every record',
    async () => {
      const dataDir = await tempRoot();
      const places = await tempRoot();
      const expected = await sharedVault(join(dataDir, 'vault'));
      const config = new DeviceConfigStore(dataDir);
      const whereNow = async () => (await config.read()).vaultDir ?? join(dataDir, 'vault');

      const full = start(['move', dataDir, PASS, join(places, 'first'), A]);
      await full.ready;
      // Timed from 'ready': the child's start-up is not the work being interrupted.
      const t0 = Date.now();
      expect(await full.exited).toBe(0);
      const duration = Date.now() - t0;
      expect(await whereNow()).toBe(join(places, 'first'));

      let moved = 0;
      let interrupted = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const before = await whereNow();
        const run = start(['move', dataDir, PASS, join(places, `place-${round}`), A]);
        await run.ready;
        await new Promise((r) => setTimeout(r, Math.random() * duration * 1.1));
        run.child.kill('SIGKILL');
        await run.exited;
        if (run.lines.includes('moved')) moved++;
        else interrupted++;

        const now = await whereNow();
        if (run.lines.includes('moved')) expect(now).toBe(join(places, `place-${round}`));
        else expect([before, join(places, `place-${round}`)]).toContain(now);
        await expectIntact(now, expected, round);
      }
      expect(moved + interrupted).toBe(ROUNDS);
      expect(interrupted).toBeGreaterThan(0);
    },
    killRounds(300_000, 1_500_000),
  );
});
