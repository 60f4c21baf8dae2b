import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackupGenerations } from '../../../../main/vault/backupSet';
import { finishInterruptedSwitch } from '../../../../main/vault/switchVaultFolder';
import { Vault } from '../../../../main/vault/Vault';
import { bundleChild, childBundleDir } from '../../vault/child/bundleChild';
import { TEST_KDF } from '../serviceKit';
import { tempDir } from '../../helpers/tempDir';
import { killRounds } from '../../helpers/killRounds';

/** Kills per test: 6 in npm test, 40 in npm run test:heavy. */
const ROUNDS = killRounds(6, 40);

const PASS = 'a restore test passphrase';
let bundle = '';
let bundleDir = '';

beforeAll(async () => {
  bundleDir = await childBundleDir();
  bundle = await bundleChild(bundleDir, join(__dirname, 'child', 'restoreChild.ts'));
}, 60_000);
afterAll(() => rm(bundleDir, { recursive: true, force: true }));

function start(args: string[]): {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  ready: Promise<void>;
} {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line) lines.push(line);
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

/** What the vault in `dir` holds: the values of its notes by id. */
async function notesIn(dir: string): Promise<Map<string, unknown>> {
  const vault = await Vault.open(dir, { passphrase: PASS });
  try {
    expect((await vault.verify()).problems).toEqual([]);
    return new Map((await vault.getAll<unknown>('note')).map((n) => [n.id, n.value]));
  } finally {
    await vault.lock();
  }
}

describe('restore killed with SIGKILL', () => {
  it('at random moments: the vault folder always opens, holding the vault as it was or the backup, never a mix', async () => {
    const dataDir = await tempDir('attune-restore-kill-');
    const vaultDir = join(dataDir, 'vault');
    const backupDir = join(dataDir, 'usb');
    await mkdir(backupDir);
    const { vault } = await Vault.create(vaultDir, PASS, { kdf: TEST_KDF });
    for (let i = 0; i < 200; i++)
      await vault.put('note', `old${i}`, { text: `backed up ${i} ${'x'.repeat(300)}` });
    await vault.backupTo(backupDir);
    for (let i = 0; i < 50; i++)
      await vault.put('note', `new${i}`, { text: `written after the backup ${i}` });
    await vault.lock();
    const current = await notesIn(vaultDir);
    const [set] = await listBackupGenerations(backupDir, PASS);
    const generation = set?.generations[0]?.name;
    if (!set || !generation) throw new Error('no backup written');

    // One run to the end tells how long a restore takes here, from 'ready' as the kills are timed
    // (timed from the child's start, it counted the start-up too, and on a quiet machine most
    // kills came after the restore had ended: once none was interrupted); it also gives the
    // backup's contents.
    const full = start(['restore', vaultDir, backupDir, set.vaultId, generation, PASS]);
    await full.ready;
    const t0 = Date.now();
    expect(await full.exited).toBe(0);
    const duration = Date.now() - t0;
    const backedUp = await notesIn(vaultDir);
    expect(backedUp.size).toBe(200);
    expect(current.size).toBe(250);

    let interrupted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Make the current vault differ from the backup again, so the two outcomes can be told apart.
      const writer = await Vault.open(vaultDir, { passphrase: PASS });
      await writer.put('note', `round${round}`, { text: `written before round ${round}` });
      await writer.lock();
      const before = [...(await notesIn(vaultDir)).keys()].sort();
      const run = start(['restore', vaultDir, backupDir, set.vaultId, generation, PASS]);
      await run.ready;
      await new Promise((r) => setTimeout(r, Math.random() * duration));
      run.child.kill('SIGKILL');
      await run.exited;
      const restored = run.lines.includes('restored');
      if (!restored) interrupted++;
      // What the app does at its next start, before it looks for the vault.
      await finishInterruptedSwitch(vaultDir);
      const found = [...(await notesIn(vaultDir)).keys()].sort();
      const backup = [...backedUp.keys()].sort();
      if (restored) expect(found, `round ${round}`).toEqual(backup);
      else expect([before, backup], `round ${round}`).toContainEqual(found);
    }
    expect(interrupted).toBeGreaterThan(0);
  }, killRounds(180_000, 900_000));
});
