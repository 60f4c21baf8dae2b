/**
 * The real `attune` command, as a user or a script runs it: `node bin/attune.cjs` in a child
 * process, with the real KDF. Needs the build (`npm test` builds first).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';

const root = resolve(__dirname, '../../..');
const bin = join(root, 'bin', 'attune.cjs');
const built = join(root, 'out', 'main', 'cli.js');
const run = promisify(execFile);

async function attune(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the built attune command', () => {
  it('is built (run `npm run build` first; `npm test` does)', () => {
    // Not a skip: a missing build must fail loudly, or this file would silently test nothing.
    expect(existsSync(built), `${built} is missing: run \`npm run build\`, then the tests again.`).toBe(true);
  });

  it.runIf(existsSync(built))('prints help with the exit codes', async () => {
    const { code, stdout } = await attune(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toContain('export');
  });

  it.runIf(existsSync(built))(
    'creates a format-2 vault as this computer and verifies it, passphrase from the environment',
    async () => {
      const root = await tempDir();
      const dir = join(root, 'vault');
      // This computer's settings (its device id) where the app keeps them; a temp folder here.
      const data = join(root, 'data');
      const env = { ATTUNE_PASSPHRASE: 'a passphrase for a child process', ATTUNE_DATA_DIR: data };
      const init = await attune(['init', dir], env);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(init.stdout).toMatch(/Recovery key/);
      expect(JSON.parse(await readFile(join(dir, 'attune-vault.json'), 'utf8')).version).toBe(2);
      const { device } = JSON.parse(await readFile(join(data, 'attune-device.json'), 'utf8'));
      expect(await readdir(join(dir, 'devices'))).toEqual([device.id]);
      const verify = await attune(['verify', dir], env);
      expect(verify).toMatchObject({ code: 0, stderr: '' });
      expect(verify.stdout).toMatch(/^OK: /m);
      const wrong = await attune(['verify', dir], { ATTUNE_PASSPHRASE: 'not it' });
      expect(wrong.code).toBe(3);
      expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    },
  );
});
