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
 * The environment Syncthing runs in: its own HOME (nothing written to the user's), no upgrade,
 * no default folder, no proxy variables (Syncthing's dialer would follow them away from
 * 127.0.0.1), and no monitor process: 1.19 otherwise runs the daemon as a child of a monitor
 * in a process group of its own, which a killed monitor leaves running. STMONITORED tells it
 * it already is the monitored child, so the pid we hold is the whole of Syncthing. STHASHING
 * names the SHA-256 code to use, which skips a benchmark of ~1 s at every start.
 */
export function syncthingEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/proxy$/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    STNORESTART: '1',
    STNOUPGRADE: '1',
    STNODEFAULTFOLDER: '1',
    STMONITORED: 'yes',
    STHASHING: 'standard',
  };
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
  /** The pid of the one Syncthing process (no monitor: see syncthingEnv). */
  readonly pid: number;
  /** The last lines Syncthing logged, for a failure message. */
  logTail(lines?: number): Promise<string>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Kills at once, synchronously (for process exit). */
  kill(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

async function exitedWithin(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return true;
  return Promise.race([
    new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
    sleep(timeoutMs).then(() => hasExited(child)),
  ]);
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
    if (!hasExited(child)) child.kill('SIGKILL');
  };
  const running: RunningSyncthing = {
    rest: new SyncthingRest(guiPort, apiKey),
    logFile,
    pid: child.pid ?? 0,
    logTail,
    kill,
    async stop(graceMs = 10_000) {
      if (hasExited(child)) return;
      child.kill('SIGTERM');
      if (await exitedWithin(child, graceMs)) return;
      kill();
      if (!(await exitedWithin(child, 5_000))) throw new Error(`Syncthing (pid ${child.pid}) did not stop.`);
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) {
      throw new Error(
        `Could not run ${SYNCTHING_BIN} (is Debian's syncthing package installed?): ${spawnError}`,
      );
    }
    if (hasExited(child)) {
      throw new Error(
        `Syncthing in ${home} exited (${child.exitCode ?? child.signalCode}) before its API answered:\n${await logTail()}`,
      );
    }
    const id = await running.rest.myId().catch(() => null);
    if (id !== null && id !== deviceId) {
      // Another Syncthing took the port we picked between our check and its start.
      await running.stop();
      throw new Error(`The API on 127.0.0.1:${guiPort} is Syncthing device ${id}, not ours (${deviceId}).`);
    }
    if (id === deviceId) return running;
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(
        `Syncthing's API on 127.0.0.1:${guiPort} did not answer within ${timeoutMs} ms:\n${await logTail()}`,
      );
    }
    await sleep(200);
  }
}
