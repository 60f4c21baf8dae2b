/**
 * `Attune --cli …` through the built main entry (out/main/index.js), as `electron out/main/index.js
 * --cli …` runs it: Node stands in for Electron's main process, and a stand-in `electron` module
 * whose app.exit ends the process with the code and whose quit marks that the windowed app was
 * started instead. Needs the build (`npm test` builds first).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';

const root = resolve(__dirname, '../../..');
const entry = join(root, 'out', 'main', 'index.js');
const bin = join(root, 'bin', 'attune.cjs');
const run = promisify(execFile);
/** The exit code of the stand-in's app.quit: the entry took the windowed path. */
const QUIT = 99;

// Loaded with --require: answers require('electron') with the stand-in, and marks the process as
// started by the default Electron, so argv is [electron, app path, ...user args].
const stubSource = `
const Module = require('node:module');
process.defaultApp = true;
const app = {
  exit: (code) => process.exit(code),
  quit: () => process.exit(${QUIT}),
  dock: { hide: () => process.stderr.write('[stub] dock hidden\\n') },
};
const electron = { app, BrowserWindow: function () { throw new Error('a window was created'); } };
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? 'electron-stub' : resolveFilename.call(this, request, ...rest);
};
require.cache['electron-stub'] = { id: 'electron-stub', filename: 'electron-stub', loaded: true, exports: electron };
`;

async function node(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the built app entry with --cli', () => {
  it('is built (run `npm run build` first; `npm test` does)', () => {
    expect(existsSync(entry), `${entry} is missing: run \`npm run build\`, then the tests again.`).toBe(true);
  });

  it.runIf(existsSync(entry))(
    'answers as `attune` does, exit code and output alike, and never starts the windowed app',
    async () => {
      const dir = await tempDir('attune-built-cli-');
      const stub = join(dir, 'electron-stub.cjs');
      await writeFile(stub, stubSource);
      const vault = join(dir, 'vault');
      const env = { ATTUNE_PASSPHRASE: 'a passphrase for a child process' };
      expect((await node([bin, 'init', vault], env)).code).toBe(0);

      const viaApp = await node(['--require', stub, entry, '--cli', 'verify', vault], env);
      const viaAttune = await node([bin, 'verify', vault], env);
      expect(viaApp.code).toBe(0);
      // Each run opens the vault, which adds audit entries; the rest of the output is the same.
      const same = (text: string) => text.replace(/\d+ audit entries/, 'N audit entries');
      expect(same(viaApp.stdout)).toBe(same(viaAttune.stdout));
      expect(viaApp.stdout).toMatch(/^OK: \d+ records/m);
      expect(viaApp.stderr).toBe('[stub] dock hidden\n');

      // A failing command ends with the CLI's own exit code (2: usage), not the app's.
      const usage = await node(['--require', stub, entry, '--cli', 'no-such-command'], env);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/unknown command/);

      // Without --cli the entry takes the windowed path (the stand-in cannot start it and quits).
      const windowed = await node(['--require', stub, entry, 'verify', vault], env);
      expect(windowed.code).toBe(QUIT);
      expect(windowed.stderr).toMatch(/\[attune\] could not start/);
    },
    60_000,
  );
});
