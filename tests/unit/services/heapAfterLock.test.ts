import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, childBundleDir } from '../vault/child/bundleChild';
import { tempDir } from '../helpers/tempDir';
import { makeVault, PASS } from './serviceKit';

let bundleDir = '';
let bundle = '';

beforeAll(async () => {
  bundleDir = await childBundleDir();
  bundle = await bundleChild(bundleDir, join(__dirname, 'child', 'heapChild.ts'));
});
afterAll(() => rm(bundleDir, { recursive: true, force: true }));

/** Runs heapChild with `marker` on stdin; resolves to what it printed. */
function runChild(
  location: string,
  snapshotDir: string,
  marker: string,
): Promise<{ unlocked: string; locked: string; keysZeroed: boolean }> {
  const child = spawn(process.execPath, ['--expose-gc', bundle, location, PASS, snapshotDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  child.stdin.end(marker);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`heap child exited (${code}): ${err}`));
    });
  });
}

describe('after lock, nothing decrypted stays in memory', () => {
  it('a note read through the services is gone from the heap once the vault locks; the keys are zeroed', async () => {
    const { location } = await makeVault(undefined, 2);
    const snapshots = await tempDir('attune-heap-');
    // One word the search index keeps whole, made here so the source holds no copy of it.
    const marker = `zq${randomBytes(12).toString('hex')}`;

    const { unlocked, locked, keysZeroed } = await runChild(location, snapshots, marker);

    // The check can see the marker while the vault is open (else it would prove nothing)…
    expect((await readFile(unlocked, 'utf8')).includes(marker), 'marker in the unlocked heap').toBe(true);
    // …and not once it is locked.
    const after = await readFile(locked, 'utf8');
    expect(after.includes(marker), 'marker still reachable after lock').toBe(false);
    expect(keysZeroed, 'vault key and subkeys zeroed at lock').toBe(true);
  }, 120_000);
});
