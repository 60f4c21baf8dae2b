import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const run = promisify(execFile);

// The macOS shim is a POSIX sh script, so it runs here as on a Mac: laid out as electron-builder
// puts it (Attune.app/Contents/Resources/bin/attune) with a stand-in for the app's executable.
describe.skipIf(process.platform === 'win32')('the macOS `attune` shim', () => {
  test('runs Contents/MacOS/Attune with --cli and every argument, also through a symlink on PATH', async () => {
    const root = await mkdtemp(join(tmpdir(), 'attune-shim-'));
    try {
      const contents = join(root, 'Applications', 'Attune.app', 'Contents');
      await mkdir(join(contents, 'MacOS'), { recursive: true });
      await mkdir(join(contents, 'Resources', 'bin'), { recursive: true });
      const app = join(contents, 'MacOS', 'Attune');
      await writeFile(app, '#!/bin/sh\nfor a in "$@"; do printf "[%s]" "$a"; done\nexit 3\n');
      await chmod(app, 0o755);
      const shim = join(contents, 'Resources', 'bin', 'attune');
      await copyFile('build/cli/attune-macos', shim);
      await chmod(shim, 0o755);
      await mkdir(join(root, 'usr', 'local', 'bin'), { recursive: true });
      const onPath = join(root, 'usr', 'local', 'bin', 'attune');
      await symlink(shim, onPath);

      for (const command of [shim, onPath]) {
        const failure = await run(command, ['verify', '/Users/r/My Vault']).then(
          () => null,
          (error: { code: number; stdout: string }) => error,
        );
        expect(failure?.code).toBe(3); // the app's exit code comes through
        expect(failure?.stdout).toBe('[--cli][verify][/Users/r/My Vault]');
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
