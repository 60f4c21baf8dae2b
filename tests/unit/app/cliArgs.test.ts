import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { launchModeOf, userArgsOf } from '../../../main/app/cliArgs';
import { type LaunchDeps, launch } from '../../../main/app/launch';
import { processIo } from '../../../main/cli/CliIo';
import { runCli } from '../../../main/cli/runCli';

const packaged = { defaultApp: false };
const dev = { defaultApp: true };

describe('which launches are the command line', () => {
  test.each([
    ['Linux, packaged (deb, /usr/bin/attune)', ['/opt/Attune/attune', '--cli', 'verify', '/home/r/vault']],
    [
      'Linux, AppImage adding --no-sandbox',
      ['/tmp/.mount_Attune/attune', '--no-sandbox', '--cli', 'verify', '/home/r/vault'],
    ],
    [
      'macOS, packaged',
      ['/Applications/Attune.app/Contents/MacOS/Attune', '--cli', 'verify', '/Users/r/vault'],
    ],
    [
      'Windows, packaged',
      ['C:\\Users\\r\\AppData\\Local\\Programs\\Attune\\Attune.exe', '--cli', 'verify', 'D:\\vault'],
    ],
  ])('%s', (_name, argv) => {
    expect(launchModeOf(argv, packaged)).toEqual({ kind: 'cli', args: ['verify', argv.at(-1)] });
  });

  test.each([
    ['electron .', ['/repo/node_modules/electron/dist/electron', '.', '--cli', 'verify', 'vault']],
    [
      'electron with its own switches first',
      ['electron', '--enable-logging', '--no-sandbox', '.', '--cli', 'verify', 'vault'],
    ],
    [
      'electron out/main/index.js',
      [
        'C:\\repo\\node_modules\\electron\\dist\\electron.exe',
        'out/main/index.js',
        '--cli',
        'verify',
        'vault',
      ],
    ],
  ])('unpackaged: %s', (_name, argv) => {
    expect(launchModeOf(argv, dev)).toEqual({ kind: 'cli', args: ['verify', 'vault'] });
  });

  test('every argument after --cli goes to the CLI as given, options and all', () => {
    expect(
      launchModeOf(
        ['Attune', '--cli', 'export', 'v', '--out', 'x.json', '--include-process-notes', '--cli'],
        packaged,
      ),
    ).toEqual({ kind: 'cli', args: ['export', 'v', '--out', 'x.json', '--include-process-notes', '--cli'] });
    expect(launchModeOf(['Attune', '--cli'], packaged)).toEqual({ kind: 'cli', args: [] });
    expect(launchModeOf(['Attune', '--cli', '--help'], packaged)).toEqual({ kind: 'cli', args: ['--help'] });
  });

  test('a plain start, a file handed to the app, or --cli after another argument opens the window', () => {
    expect(launchModeOf(['/opt/Attune/attune'], packaged)).toEqual({ kind: 'app' });
    expect(launchModeOf(['Attune.exe', 'D:\\notes\\--cli'], packaged)).toEqual({ kind: 'app' });
    expect(launchModeOf(['Attune', 'verify', '--cli'], packaged)).toEqual({ kind: 'app' });
    expect(launchModeOf(['Attune', '-psn_0_12345'], packaged)).toEqual({ kind: 'app' });
    expect(launchModeOf(['electron', '.'], dev)).toEqual({ kind: 'app' });
    // In an unpackaged run the app path is not a user argument, even when it is named --cli-ish.
    expect(launchModeOf(['electron', '.', 'verify'], dev)).toEqual({ kind: 'app' });
  });

  test('macOS Finder passes a process serial number: it is skipped, like launcher switches', () => {
    expect(launchModeOf(['Attune', '-psn_0_12345', '--cli', 'verify', 'v'], packaged)).toEqual({
      kind: 'cli',
      args: ['verify', 'v'],
    });
  });

  test('the user arguments of each argv shape', () => {
    expect(userArgsOf(['Attune', 'a', 'b'], false)).toEqual(['a', 'b']);
    expect(userArgsOf(['electron', '--inspect=0', '.', 'a'], true)).toEqual(['a']);
    expect(userArgsOf(['electron'], true)).toEqual([]);
  });
});

/** A stand-in for the entry's Electron side that records what the launch did. */
function recording(argv: string[], cliCode = 0) {
  const calls: string[] = [];
  const deps: LaunchDeps = {
    argv,
    defaultApp: false,
    startApp: async () => {
      calls.push('startApp');
    },
    runCli: async (args) => {
      calls.push(`runCli ${JSON.stringify(args)}`);
      return cliCode;
    },
    beforeCli: () => {
      calls.push('beforeCli');
    },
    flushOutput: async () => {
      calls.push('flushOutput');
    },
    exit: (code) => {
      calls.push(`exit ${code}`);
    },
  };
  return { deps, calls };
}

describe('launch', () => {
  test('CLI mode runs the CLI with the arguments after --cli, exits with its code, and never starts the app', async () => {
    const { deps, calls } = recording(['/opt/Attune/attune', '--cli', 'verify', '/v'], 4);
    await launch(deps);
    expect(calls).toEqual(['beforeCli', 'runCli ["verify","/v"]', 'flushOutput', 'exit 4']);
  });

  test('the installed app refuses to start with a debugging switch; `electron .` may use one', async () => {
    for (const arg of [
      '--remote-debugging-port=9222',
      '--remote-debugging-pipe',
      '--inspect-brk=9229',
      '-remote-debugging-port=9222',
      '--Remote-Debugging-Port=9222',
    ]) {
      const { deps, calls } = recording(['/opt/Attune/attune', arg]);
      await launch(deps);
      expect(calls, arg).toEqual(['exit 2']);
    }
    // The command line's own arguments are not the app's switches.
    const cli = recording(['/opt/Attune/attune', '--cli', 'export', '/v', '--out', '/tmp/-inspect'], 0);
    await launch(cli.deps);
    expect(cli.calls).toContain('beforeCli');
    const developer = recording(['/usr/bin/electron', '.', '--remote-debugging-port=9222']);
    await launch({ ...developer.deps, defaultApp: true });
    expect(developer.calls).toEqual(['startApp']);
  });

  test('without --cli it starts the app and neither runs the CLI nor exits', async () => {
    const { deps, calls } = recording(['/opt/Attune/attune']);
    await launch(deps);
    expect(calls).toEqual(['startApp']);
  });

  test('the real CLI, reached this way, answers as `attune` does (verify of a folder that is no vault)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attune-cli-mode-'));
    try {
      const out: string[] = [];
      const err: string[] = [];
      const io = { ...processIo, out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} };
      let exitCode = -1;
      await launch({
        ...recording([]).deps,
        argv: ['C:\\Program Files\\Attune\\Attune.exe', '--cli', 'verify', dir],
        runCli: (args) => runCli(args, io),
        exit: (code) => {
          exitCode = code;
        },
      });
      const direct: string[] = [];
      const directCode = await runCli(['verify', dir], {
        ...io,
        out: (t) => direct.push(t),
        err: (t) => direct.push(t),
      });
      expect(exitCode).toBe(directCode);
      expect(exitCode).not.toBe(0);
      expect([...out, ...err]).toEqual(direct);
      expect(err.join('\n')).toMatch(/attune: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the Electron entry hands launch the real argv, defaultApp, startApp and runCli', async () => {
    const entry = await readFile('main/app/index.ts', 'utf8');
    expect(entry).toMatch(/launch\(\{\s*argv: process\.argv,\s*defaultApp: process\.defaultApp === true,/);
    expect(entry).toMatch(/runCli: \(args\) => runCli\(args, processIo\)/);
    expect(entry).toMatch(/exit: \(code\) => app\.exit\(code\)/);
    // startApp (window, single-instance lock) is reached only through launch.
    expect(entry.match(/startApp\(/g)).toHaveLength(1);
    expect(entry).toMatch(/startApp: \(\) =>\s*startApp\(/);
  });
});
