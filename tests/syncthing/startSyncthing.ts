import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SyncthingRest } from './SyncthingRest';

const run = promisify(execFile);

/** The `syncthing` binary: Debian's package puts it on PATH; SYNCTHING_BIN points elsewhere. */
export const SYNCTHING_BIN = process.env.SYNCTHING_BIN ?? 'syncthing';

/**
 * The environment Syncthing runs in: its own HOME (nothing written to the user's), no restart
 * monitor (so the pid we hold is the whole of it), no upgrade, no default folder, and no proxy
 * variables, which Syncthing's dialer would otherwise follow away from 127.0.0.1.
 */
export function syncthingEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/proxy$/i.test(key)) env[key] = value;
  }
  return { ...env, HOME: home, STNORESTART: '1', STNOUPGRADE: '1', STNODEFAULTFOLDER: '1' };
}

/** Makes the key pair of a new Syncthing home and returns its device id. */
export async function generateSyncthingHome(home: string): Promise<string> {
  const env = syncthingEnv(home);
  await run(SYNCTHING_BIN, ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], {
    env,
  });
  const { stdout } = await run(SYNCTHING_BIN, ['serve', `--home=${home}`, '--device-id'], { env });
  const id = stdout.trim();
  if (!/^[A-Z0-9]{7}(-[A-Z0-9]{7}){7}$/.test(id))
    throw new Error(`syncthing printed no device id, but: ${stdout}`);
  return id;
}

export interface RunningSyncthing {
  readonly rest: SyncthingRest;
  readonly logFile: string;
  readonly pid: number | undefined;
  /** The last lines Syncthing logged, for a failure message. */
  logTail(lines?: number): Promise<string>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Kills at once, synchronously (for process exit). */
  kill(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `syncthing serve` on a home whose config.xml is already written, and waits until its
 * REST API answers with the expected device id.
 */
export async function startSyncthing(
  home: string,
  guiPort: number,
  apiKey: string,
  deviceId: string,
  timeoutMs = 30_000,
): Promise<RunningSyncthing> {
  const logFile = join(home, 'syncthing.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(
    SYNCTHING_BIN,
    ['serve', `--home=${home}`, '--no-browser', '--no-restart', '--no-upgrade'],
    {
      env: syncthingEnv(home),
      stdio: ['ignore', fd, fd],
    },
  );
  closeSync(fd);
  let spawnError: Error | null = null;
  child.once('error', (error) => {
    spawnError = error;
  });
  const logTail = async (lines = 30): Promise<string> =>
    (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-lines).join('\n');
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const running: RunningSyncthing = {
    rest: new SyncthingRest(guiPort, apiKey),
    logFile,
    pid: child.pid,
    logTail,
    kill,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited(child).then(() => true), sleep(graceMs).then(() => false)]);
      if (!done) {
        kill();
        await exited(child);
      }
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError)
      throw new Error(
        `Could not run ${SYNCTHING_BIN} (is Debian's syncthing package installed?): ${spawnError}`,
      );
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Syncthing in ${home} exited (${child.exitCode ?? child.signalCode}) before its API answered:\n${await logTail()}`,
      );
    }
    try {
      const id = await running.rest.myId();
      if (id !== deviceId) throw new Error(`Syncthing on port ${guiPort} is device ${id}, not ${deviceId}.`);
      return running;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('Syncthing on port')) {
        await running.stop();
        throw error;
      }
    }
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(
        `Syncthing's API on 127.0.0.1:${guiPort} did not answer within ${timeoutMs} ms:\n${await logTail()}`,
      );
    }
    await sleep(200);
  }
}
