import { type ChildProcess, spawn } from 'node:child_process';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../../../main/vault/Vault';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { recoverInterruptedUpgrade } from '../../../../main/vault/v2/upgradeFolders';
import { killRounds } from '../../helpers/killRounds';
import { bundleChild, childBundleDir } from '../child/bundleChild';
import { PASS, TEST_KDF } from '../kit';
import { A, tempRootsPerTest } from './v2Kit';

/** Kills per run: 5 in npm test, 40 in npm run test:heavy. */
const ROUNDS = killRounds(5, 40);
const tempRoot = tempRootsPerTest('attune-upgrade-kill-');

let bundle = '';
let bundleDir = '';

beforeAll(async () => {
  bundleDir = await childBundleDir();
  bundle = await bundleChild(bundleDir, join(__dirname, 'child', 'upgradeChild.ts'));
}, 60_000);
afterAll(() => rm(bundleDir, { recursive: true, force: true }));

function start(dir: string): {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  ready: Promise<void>;
} {
  const child = spawn(process.execPath, [bundle, dir, PASS, A], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line === 'ready') resolve();
      }
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    void exited.then((code) => reject(new Error(`child exited (${code}) before ready: ${stderr}`)));
  });
  return { child, lines, exited, ready };
}

/** A lock file cut off before its content was written is stale only after 10 s (FORMAT-v1.md §12); not waited for here. */
async function forgetHalfWrittenLock(dir: string): Promise<void> {
  const text = await readFile(join(dir, 'attune.lock'), 'utf8').catch(() => null);
  if (text === null) return;
  try {
    JSON.parse(text);
  } catch {
    await rm(join(dir, 'attune.lock'));
  }
}

async function contents(vault: {
  list(): Array<{ kind: string; id: string }>;
  get<T>(kind: string, id: string): Promise<T>;
}): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const { kind, id } of vault.list()) out.set(`${kind}/${id}`, await vault.get(kind, id));
  return out;
}

describe('upgrade to format 2 killed with SIGKILL', () => {
  it(
    'at random moments: the next open finds one whole vault, format 1 or format 2, with every record',
    async () => {
      // A format-1 vault of 300 notes (some still only in its journal), copied afresh for each run.
      const template = join(await tempRoot(), 'vault');
      const { vault } = await Vault.create(template, PASS, { kdf: TEST_KDF });
      const want = new Map<string, unknown>();
      for (let i = 0; i < 300; i++) {
        const value = { i, text: `note ${i} ${'x'.repeat(300)}` };
        await vault.put('note', `n${i}`, value);
        want.set(`note/n${i}`, value);
      }
      await vault.lock();

      const fresh = async () => {
        const dir = join(await tempRoot(), 'vault');
        await cp(template, dir, { recursive: true });
        return dir;
      };
      const t0 = Date.now();
      const full = start(await fresh());
      await full.ready;
      expect(await full.exited).toBe(0);
      expect(full.lines).toContain('upgraded');
      const duration = Date.now() - t0;

      const formats: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const dir = await fresh();
        const run = start(dir);
        await run.ready;
        // The first kill lands in the first quarter of an upgrade's time, so at least one round
        // surely finds format 1 (the switch is at the end) however the machine's speed varies.
        const share = round === 0 ? 0.25 : 1.1;
        await new Promise((r) => setTimeout(r, Math.random() * duration * share));
        run.child.kill('SIGKILL');
        await run.exited;

        await forgetHalfWrittenLock(dir);
        expect(await recoverInterruptedUpgrade(dir), `round ${round}`).not.toBe('busy');
        const version = JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')).version as number;
        formats.push(version);
        if (run.lines.includes('upgraded')) expect(version).toBe(2);
        const opened =
          version === 1
            ? await Vault.open(dir, { passphrase: PASS })
            : await SyncedVault.open(
                dir,
                { passphrase: PASS },
                { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
              );
        try {
          expect((await opened.verify()).problems, `round ${round}`).toEqual([]);
          expect(await contents(opened), `round ${round}`).toEqual(want);
        } finally {
          await opened.lock();
        }
        const beside = (await readdir(join(dir, '..'))).filter((n) => n !== 'vault');
        expect(
          beside.filter((n) => n.startsWith('.')),
          `round ${round}`,
        ).toEqual([]);
        if (version === 2)
          expect(beside, `round ${round}`).toEqual([expect.stringMatching(/^vault \(format 1 copy /)]);
      }
      expect(formats).toContain(1);
    },
    killRounds(300_000, 1_500_000),
  );
});
