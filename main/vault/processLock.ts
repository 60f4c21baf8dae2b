import { readFileSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { randomHex } from './binary';
import { isPlainFile } from './readSmallFile';
import { writeFailure } from './vaultErrors';
import { errorCode, isNotFound, type VaultFs } from './vaultFs';

export const LOCK_FILE = 'attune.lock';

interface LockInfo {
  pid: number;
  hostname: string;
  /** When the holding process started (ms since epoch); 0 when not recorded. */
  processStartedAt: number;
  /**
   * When the holding process started, in clock ticks since boot (Linux), or null. With the pid it
   * names one process for the whole boot, so a pid later reused by another process is told apart.
   */
  startTicks: number | null;
  /** When the machine booted (ms since epoch): a lock from before a reboot is always stale. */
  bootedAt: number;
  /** Linux's boot id, which (unlike a boot time computed from the clock) survives clock changes. */
  bootId: string | null;
  token: string;
}

/** Lock files held by this process, by path: a same-pid lock not listed here is a leftover. */
const heldHere = new Set<string>();

const bootedAt = (): number => Date.now() - uptime() * 1000;

function readBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}
const thisBootId = readBootId();

/** The unit of Linux's /proc times (USER_HZ): 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;
/**
 * How far a recorded start time may be from the live process's before the pid is taken to be
 * someone else's now. Lock files without `startTicks` (older builds) recorded Node's own start,
 * which comes a little after the process's; a few seconds cover it, and a pid is not reused
 * that fast by chance.
 */
const START_TOLERANCE_MS = 3000;

/** When process `pid` started, in ticks since boot (field 22 of /proc/PID/stat); null where unreadable. */
function startTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, is in parentheses and may hold spaces and parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]); // fields[0] is field 3
    return Number.isSafeInteger(ticks) && ticks >= 0 ? ticks : null;
  } catch {
    return null; // not Linux, or the process is gone or hidden from us
  }
}
const startedAtFromTicks = (ticks: number): number => bootedAt() + (ticks * 1000) / TICKS_PER_SECOND;
const ownStartTicks = startTicksOf(process.pid);
const processStartedAt = (): number =>
  ownStartTicks === null ? Date.now() - process.uptime() * 1000 : startedAtFromTicks(ownStartTicks);

/**
 * False when `info.pid` now names another process than the one that wrote the lock: the holder
 * died and its pid went to an unrelated process. True when it is the same, or we cannot tell
 * (no /proc: macOS, Windows), which keeps the lock as before.
 */
function isSameProcess(info: LockInfo): boolean {
  const live = startTicksOf(info.pid);
  if (live === null) return true;
  if (info.startTicks !== null) return info.startTicks === live;
  if (info.processStartedAt > 0) {
    return Math.abs(startedAtFromTicks(live) - info.processStartedAt) <= START_TOLERANCE_MS;
  }
  return true;
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.hostname === 'string' && typeof v.token === 'string') {
      return {
        pid: v.pid,
        hostname: v.hostname,
        token: v.token,
        processStartedAt: Number(v.processStartedAt) || 0,
        startTicks: Number.isSafeInteger(v.startTicks) ? (v.startTicks as number) : null,
        bootedAt: Number(v.bootedAt) || 0,
        bootId: typeof v.bootId === 'string' ? v.bootId : null,
      };
    }
  } catch {
    // fall through: an unreadable lock is judged by its age below
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM'; // exists, owned by someone else
  }
}

/** True when the process that wrote `info` certainly no longer holds the vault. */
function isStale(info: LockInfo, path: string): boolean {
  if (info.hostname !== hostname()) return false; // cannot see the other machine's processes
  // Rebooted since: the pid may now belong to an unrelated process. Without a boot id the boot
  // time is computed from the clock, so allow for clock adjustments before trusting it.
  if (info.bootId && thisBootId) {
    if (info.bootId !== thisBootId) return true;
  } else if (Math.abs(info.bootedAt - bootedAt()) > 10 * 60_000) {
    return true;
  }
  if (info.pid === process.pid) return !heldHere.has(path);
  return !isAlive(info.pid) || !isSameProcess(info);
}

/** Who holds a lock, as far as an in-use message needs to say. */
export type LockHolder = Pick<LockInfo, 'pid' | 'hostname'>;

/** Wording for a lock that is not the vault's own. */
export interface LockWords {
  inUse?: (holder: LockHolder | null) => AttuneError;
  failure?: (error: unknown) => AttuneError;
}

const inUse = (info: LockHolder | null): AttuneError =>
  new AttuneError(
    'in-use',
    info
      ? info.hostname === hostname()
        ? `This vault is open in another Attune window or command (process ${info.pid}). Close it there and try again.`
        : `This vault is open on another computer (${info.hostname}, process ${info.pid}). Close it there and try again; if it is not open anywhere, delete the file ${LOCK_FILE} in the vault folder.`
      : 'This vault is open in another Attune window or command. Close it there and try again.',
  );

/**
 * An exclusive lock file in the vault folder, so that two processes (two app instances, or the
 * app and the CLI) never write one vault at once. A lock left by a process that died (or by a
 * previous boot, or whose pid now belongs to another process) is recovered.
 */
export class ProcessLock {
  private released = false;

  private constructor(
    private readonly fs: VaultFs,
    readonly path: string,
    private readonly token: string,
  ) {}

  /**
   * `words` lets another user of the lock (the backup set) say what is busy in its own words;
   * by default the messages speak of the vault.
   */
  static async acquire(fs: VaultFs, dir: string, words: LockWords = {}): Promise<ProcessLock> {
    const failure = words.failure ?? writeFailure;
    const busy = words.inUse ?? inUse;
    const path = join(dir, LOCK_FILE);
    const token = randomHex(16);
    const info: LockInfo = {
      pid: process.pid,
      hostname: hostname(),
      processStartedAt: processStartedAt(),
      startTicks: ownStartTicks,
      bootedAt: bootedAt(),
      bootId: thisBootId,
      token,
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      let fd: number;
      try {
        fd = await fs.open(path, 'wx', 0o600);
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw failure(error);
        fd = -1;
      }
      if (fd >= 0) {
        try {
          await fs.write(fd, Buffer.from(`${JSON.stringify(info)}\n`), 0);
          await fs.close(fd);
        } catch (error) {
          // An empty lock file would block the vault for a while; take it back.
          await fs.close(fd).catch(() => undefined);
          await fs.unlink(path).catch(() => undefined);
          throw failure(error);
        }
        heldHere.add(path);
        return new ProcessLock(fs, path, token);
      }
      // Something else under the lock's name (a folder, link or pipe, left by a tool or a person)
      // is never read (a pipe would wait forever) nor taken for a lock another process holds.
      if (!(await isPlainFile(fs, path))) {
        throw new AttuneError(
          'io',
          `${path} is not Attune’s lock file (a folder, link or pipe has its name), so the vault was not opened and nothing was changed. Move it out of the folder and try again.`,
        );
      }
      let text: string;
      try {
        text = (await fs.readFile(path)).toString('utf8');
      } catch (error) {
        if (isNotFound(error)) continue; // released meanwhile: try again
        throw failure(error);
      }
      const other = parseLock(text);
      // A lock file that cannot be parsed is being written right now, or was cut off by a crash.
      const stale = other
        ? isStale(other, path)
        : Date.now() - (await fs.stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs > 10_000;
      if (!stale) throw busy(other);
      await ProcessLock.takeOver(fs, path, text, failure, busy);
    }
    throw busy(null);
  }

  /**
   * Moves a stale lock aside. Renaming (rather than deleting) lets us check that what we moved is
   * the stale lock we judged, not a fresh one another process took in the meantime.
   */
  private static async takeOver(
    fs: VaultFs,
    path: string,
    staleText: string,
    failure: (error: unknown) => AttuneError,
    busy: (holder: LockHolder | null) => AttuneError,
  ): Promise<void> {
    const aside = `${path}.stale-${randomHex(4)}`;
    try {
      await fs.rename(path, aside);
    } catch (error) {
      if (isNotFound(error)) return;
      throw failure(error);
    }
    const moved = await fs.readFile(aside).catch(() => Buffer.alloc(0));
    if (moved.toString('utf8') !== staleText) {
      await fs.rename(aside, path).catch(() => undefined);
      throw busy(parseLock(moved.toString('utf8')));
    }
    await fs.unlink(aside).catch(() => undefined);
  }

  /** Removes the lock file if it is still ours. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.path);
    try {
      const current = parseLock((await this.fs.readFile(this.path)).toString('utf8'));
      if (current?.token === this.token) await this.fs.unlink(this.path);
    } catch {
      // Already gone, or unreadable: nothing of ours to remove.
    }
  }

  /** Forgets the lock without touching the file, as a crash would (tests). */
  abandon(): void {
    this.released = true;
    heldHere.delete(this.path);
  }
}
