/**
 * What the built `attune` loads to start a command: only what that command needs, so `verify`
 * (issue 12) does not pay for the demo generator, the benchmarks, MiniSearch or the review and
 * report services. Runs `node bin/attune.cjs` in a child process; needs the build.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEMO_HELP_LIMITS } from '../../../main/cli/commands/dataCommands';
import { DEMO_LIMITS } from '../../../main/services/demo/generateDemo';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, PASSPHRASE } from './cliTestKit';

const root = resolve(__dirname, '../../..');
const bin = join(root, 'bin', 'attune.cjs');
const built = join(root, 'out', 'main', 'cli.js');
const run = promisify(execFile);

/** Runs the built CLI and returns every file Node loaded for it, with its exit code and output. */
async function loadedBy(args: string[]) {
  const dir = await tempDir();
  const list = join(dir, 'loaded.json');
  // A wrapper that runs bin/attune.cjs as `node bin/attune.cjs ARGS` would, then lists require's cache.
  const wrapper = join(dir, 'wrapper.cjs');
  await writeFile(
    wrapper,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n` +
      `process.argv.splice(1, 1);\nrequire(${JSON.stringify(bin)});\n`,
  );
  const { stdout } = await run(process.execPath, [wrapper, bin, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ATTUNE_PASSPHRASE: PASSPHRASE },
    timeout: 20_000,
  });
  const files: string[] = JSON.parse(await readFile(list, 'utf8'));
  return { stdout, files };
}

describe('the built attune command loads only what a command needs', () => {
  it('is built (run `npm run build` first; `npm test` does)', () => {
    expect(existsSync(built), `${built} is missing: run \`npm run build\`, then the tests again.`).toBe(true);
  });

  it.runIf(existsSync(built))(
    'verify loads neither MiniSearch nor the demo, bench, report or review code',
    async () => {
      const vault = await makeVault(join(await tempDir(), 'vault'));
      const { stdout, files } = await loadedBy(['verify', vault]);
      expect(stdout).toMatch(/^OK: /m);
      const heavy = files.filter((f) =>
        /minisearch|generateDemo|runBench|benchSync|measure|buildReport|buildPacket|exportPacket|importIntoVault/i.test(
          f,
        ),
      );
      expect(heavy).toEqual([]);
      // zod is bundled (electron.vite.config.ts): required from node_modules it is ~95 files to load.
      expect(files.filter((f) => f.includes(`node_modules${sep}zod${sep}`))).toEqual([]);
      // Every start used to load the whole 0.63 MB bundle; verify now loads its own code (~0.25 MB)
      // and the parts of zod it uses (~0.17 MB). The limit flags the whole bundle or a heavy module
      // coming back, with room for verify's own code to grow by a few small modules. (475 KB before
      // the messages that name altered key files, other vaults' files, kept-aside copies and write
      // errors, and the chunks they split off: 488 KB; the limit was 480 KB. Then 521 KB once verify
      // read this computer's settings (what it remembers having seen of the vault) and checked a
      // backup's list of files; the limit was 500 KB.)
      const ours = files.filter((f) => f.startsWith(join(root, 'out')));
      const bytes = (await Promise.all(ours.map((f) => stat(f)))).reduce((sum, s) => sum + s.size, 0);
      expect(bytes).toBeLessThan(540_000);
    },
  );
});

describe('commands defined lazily still show in help', () => {
  it('lists bench-sync in the help and gives its own help', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('bench-sync');
    const own = await cli(['bench-sync', '--help']);
    expect(own.code).toBe(0);
    expect(own.out).toContain('--layout <layouts>');
  });

  it("shows the demo generator's own limits in demo's help", async () => {
    expect(DEMO_HELP_LIMITS).toEqual(DEMO_LIMITS);
    const help = await cli(['demo', '--help']);
    expect(help.out).toContain(`1–${DEMO_LIMITS.clients}`);
    expect(help.out).toContain(`1–${DEMO_LIMITS.sessionsPerClient}`);
  });
});
