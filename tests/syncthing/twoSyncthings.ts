import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './freePorts';
import { generateSyncthingHome, type RunningSyncthing, startSyncthing } from './startSyncthing';
import { syncthingConfigXml } from './syncthingConfigXml';
import type { SyncthingRest } from './SyncthingRest';

/** The vault's own temp files (`<name>.tmp-<hex>`) and lock files are this computer's alone. */
export const STIGNORE = ['*.tmp-*', 'attune.lock*'];

export const FOLDER_ID = 'attune';

/** One of the two computers: a Syncthing instance and its copy of the shared folder. */
export interface SyncthingSide {
  readonly name: string;
  readonly deviceId: string;
  /** This computer's copy of the shared folder. */
  readonly folder: string;
  readonly rest: SyncthingRest;
  /** The pid of this instance's one process. */
  readonly pid: number;
  /** Stops exchanging files with the other computer (both sides see the connection drop). */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export interface TwoSyncthings {
  readonly a: SyncthingSide;
  readonly b: SyncthingSide;
  /**
   * Scans both copies, then waits until both instances are connected, idle, need nothing, see the
   * other at 100 %, and all that has held unchanged for `quietMs`.
   */
  waitInSync(options?: { timeoutMs?: number; quietMs?: number }): Promise<void>;
  /** Stops both instances and removes their homes and folders. */
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface SideState {
  connected: boolean;
  state: string;
  needTotalItems: number;
  pullErrors: number;
  completion: number;
  remoteNeed: number;
  key: string;
}

async function sideState(rest: SyncthingRest, other: string): Promise<SideState> {
  const [status, completion, connected] = await Promise.all([
    rest.folderStatus(FOLDER_ID),
    rest.completion(FOLDER_ID, other),
    rest.connected(other),
  ]);
  return {
    connected,
    state: status.state,
    needTotalItems: status.needTotalItems,
    pullErrors: status.pullErrors,
    completion: completion.completion,
    remoteNeed: completion.needItems + completion.needDeletes,
    // What must not move during the quiet period: our index, the global view, and the other's index.
    key: [
      status.sequence,
      status.globalFiles,
      status.globalBytes,
      status.localFiles,
      status.localBytes,
      completion.sequence,
    ].join('/'),
  };
}

const inSync = (s: SideState): boolean =>
  s.connected && s.state === 'idle' && s.needTotalItems === 0 && s.completion === 100 && s.remoteNeed === 0;

/**
 * Two real Syncthing instances on this machine, "Office" (a) and "Laptop" (b), each with its own
 * home, talking only over 127.0.0.1, sharing one send-receive folder: the same vault folder on
 * two computers.
 */
export async function twoSyncthings(): Promise<TwoSyncthings> {
  const root = await mkdtemp(join(tmpdir(), 'attune-syncthing-'));
  const running: RunningSyncthing[] = [];
  const killAll = (): void => {
    for (const r of running) r.kill();
  };
  // A test runner that dies without calling stop() must not leave daemons behind.
  process.once('exit', killAll);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killAll);
    await Promise.all(running.map((r) => r.stop()));
    await rm(root, { recursive: true, force: true });
  };
  try {
    const names = ['Office', 'Laptop'] as const;
    const homes = names.map((n) => join(root, `${n.toLowerCase()}-home`));
    const folders = names.map((n) => join(root, `${n.toLowerCase()}-folder`));
    const ids = await Promise.all(
      homes.map(async (home) => {
        await mkdir(home, { recursive: true, mode: 0o700 });
        return generateSyncthingHome(home);
      }),
    );
    // Sync listeners first, then the two GUI/REST ports.
    const ports = await freePorts(4);
    const peers = names.map((name, i) => ({ name, deviceId: ids[i]!, listenPort: ports[i]! }));
    const apiKeys = names.map(() => randomBytes(16).toString('hex'));
    for (let i = 0; i < 2; i++) {
      // The folder marker and ignore file exist before Syncthing looks, as after a user's setup.
      await mkdir(join(folders[i]!, '.stfolder'), { recursive: true });
      await writeFile(join(folders[i]!, '.stignore'), `${STIGNORE.join('\n')}\n`);
      await writeFile(
        join(homes[i]!, 'config.xml'),
        syncthingConfigXml({
          self: peers[i]!,
          other: peers[1 - i]!,
          guiPort: ports[2 + i]!,
          apiKey: apiKeys[i]!,
          folderId: FOLDER_ID,
          folderPath: folders[i]!,
        }),
        { mode: 0o600 },
      );
    }
    const started = await Promise.allSettled(
      [0, 1].map((i) => startSyncthing(homes[i]!, ports[2 + i]!, apiKeys[i]!, ids[i]!)),
    );
    for (const result of started) if (result.status === 'fulfilled') running.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const side = (i: number): SyncthingSide => {
      const rest = running[i]!.rest;
      const otherRest = running[1 - i]!.rest;
      const waitConnected = async (want: boolean): Promise<void> => {
        const deadline = Date.now() + 30_000;
        while (
          (await rest.connected(ids[1 - i]!)) !== want ||
          (await otherRest.connected(ids[i]!)) !== want
        ) {
          if (Date.now() > deadline)
            throw new Error(`${names[i]} did not ${want ? 'reconnect' : 'disconnect'} within 30 s.`);
          await sleep(100);
        }
      };
      return {
        name: names[i]!,
        deviceId: ids[i]!,
        folder: folders[i]!,
        rest,
        pid: running[i]!.pid,
        async pause() {
          await rest.pause();
          await waitConnected(false);
        },
        async resume() {
          await rest.resume();
        },
      };
    };
    const a = side(0);
    const b = side(1);

    const waitInSync = async ({ timeoutMs = 60_000, quietMs = 1_500 } = {}): Promise<void> => {
      const deadline = Date.now() + timeoutMs;
      let lastKey = '';
      let stableSince = 0;
      let last: SideState[] = [];
      // A change the watcher has not picked up yet would otherwise look "in sync"; Syncthing
      // answers a scan request once the scan is done.
      await Promise.all([a.rest.scan(FOLDER_ID), b.rest.scan(FOLDER_ID)]);
      for (;;) {
        last = await Promise.all([sideState(a.rest, b.deviceId), sideState(b.rest, a.deviceId)]);
        if (last.every(inSync)) {
          const key = last.map((s) => s.key).join('|');
          if (key !== lastKey) {
            lastKey = key;
            stableSince = Date.now();
          } else if (Date.now() - stableSince >= quietMs) {
            return;
          }
        } else {
          lastKey = '';
        }
        if (Date.now() > deadline) {
          const errors = await Promise.all(
            [a, b].map((s) => s.rest.folderErrors(FOLDER_ID).catch(() => null)),
          );
          const logs = await Promise.all(running.map((r) => r.logTail(15)));
          throw new Error(
            `The two Syncthing instances were not in sync after ${timeoutMs} ms.\n` +
              `Office: ${JSON.stringify(last[0])}\nLaptop: ${JSON.stringify(last[1])}\n` +
              `Folder errors: ${JSON.stringify(errors)}\nOffice log:\n${logs[0]}\nLaptop log:\n${logs[1]}`,
          );
        }
        await sleep(250);
      }
    };
    return { a, b, waitInSync, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
