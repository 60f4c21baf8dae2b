import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type BackupStatus, backupHealth } from '../../../shared/domain/backupHealth';
import type { BackupOutcome } from '../../../shared/domain/deviceConfigSchema';
import { AttuneError } from '../../../shared/errors';
import type { OpenVault } from '../../vault/OpenVault';
import { type Clock, systemClock } from '../Clock';
import type { DeviceConfigStore } from '../device/DeviceConfigStore';
import type { Emit, VaultSession } from '../VaultSession';
import { progressEvents } from '../progressEvents';
import type { BackupEngine } from './BackupEngine';

/** Why a backup is being written: logged with the outcome; only a manual one reports failure by throwing. */
export type BackupReason = 'manual' | 'lock' | 'hourly' | 'folder-set';

const HOUR_MS = 60 * 60 * 1000;
/** How often the hourly schedule looks whether a backup is due. */
const CHECK_EVERY_MS = 5 * 60 * 1000;

/**
 * Automatic encrypted backups of the open vault into the folder the user chose: on every lock
 * (quitting locks too), at most once an hour while the vault is open, and when asked. Each
 * backup is verified by the engine; the outcome is kept in this computer's settings (so the lock
 * screen can show it) and pushed to the renderer. A failure is recorded and shown, never silent.
 */
export class BackupService {
  #running: Promise<void> | null = null;
  #timer: NodeJS.Timeout | null = null;
  readonly #stopLockHook: () => void;

  constructor(
    private readonly session: VaultSession,
    private readonly config: DeviceConfigStore,
    private readonly engine: BackupEngine,
    private readonly emit: Emit,
    private readonly clock: Clock = systemClock,
  ) {
    this.#stopLockHook = session.whileLocking((vault) => this.#attempt(vault, 'lock').catch(() => undefined));
  }

  async status(): Promise<BackupStatus> {
    const config = await this.config.read();
    const folder = config.backup.folder;
    return backupHealth(
      config,
      this.clock(),
      folder !== null && (await isFolder(folder)),
      this.#running !== null,
    );
  }

  /** Makes `path` (chosen in main's folder dialog) the backup folder, then backs up if the vault is open. */
  async setFolder(path: string): Promise<BackupStatus> {
    const folder = await this.#checkFolder(path);
    await this.config.update((c) => ({ ...c, backup: { ...c.backup, folder } }));
    if (this.#openVault()) void this.run('folder-set').catch(() => undefined);
    return this.status();
  }

  async setWarnAfterDays(days: number): Promise<BackupStatus> {
    await this.config.update((c) => ({ ...c, backup: { ...c.backup, warnAfterDays: days } }));
    return this.status();
  }

  /**
   * Backs up the open vault now; joins a backup already under way. A manual backup throws what
   * went wrong; the others only record it (the status then carries the warning).
   */
  async run(reason: BackupReason = 'manual'): Promise<BackupStatus> {
    const vault = this.session.vault; // `locked` when it is not open
    await this.#attempt(vault, reason);
    return this.status();
  }

  /** Starts the hourly schedule: every few minutes, back up if the vault is open and an hour has passed. */
  startSchedule(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.backUpIfDue(), CHECK_EVERY_MS);
    this.#timer.unref();
  }

  dispose(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#stopLockHook();
  }

  /** The hourly schedule's check: backs up when the vault is open and the last attempt is an hour old. */
  async backUpIfDue(): Promise<void> {
    const vault = this.#openVault();
    if (!vault || this.#running) return;
    const { backup } = await this.config.read();
    const last = backup.lastAttempt ? Date.parse(backup.lastAttempt.at) : 0;
    if (backup.folder && this.clock().getTime() - last >= HOUR_MS) {
      await this.#attempt(vault, 'hourly').catch(() => undefined);
    }
  }

  #openVault(): OpenVault | null {
    try {
      return this.session.vault;
    } catch {
      return null;
    }
  }

  /** One backup at a time: a second request waits for the one under way and then writes its own. */
  async #attempt(vault: OpenVault, reason: BackupReason): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
    const run = this.#write(vault, reason);
    this.#running = run;
    try {
      await run;
    } finally {
      this.#running = null;
      void this.status().then((status) => this.emit('backup:status', status));
    }
  }

  async #write(vault: OpenVault, reason: BackupReason): Promise<void> {
    const { backup } = await this.config.read();
    if (!backup.folder) {
      if (reason === 'manual') {
        throw new AttuneError('invalid-input', 'Choose a backup folder first (Settings → Backups).');
      }
      return;
    }
    this.emit('backup:status', { ...(await this.status()), running: true });
    const now = this.clock();
    let outcome: BackupOutcome;
    let failure: unknown = null;
    try {
      if (!(await isFolder(backup.folder))) {
        throw new AttuneError(
          'not-found',
          `The backup folder cannot be reached (${backup.folder}). Connect the drive or choose another folder.`,
        );
      }
      const onProgress = progressEvents(this.emit, 'backup');
      const result = await this.engine.backup(vault, backup.folder, { now, onProgress });
      const problems = result.verify.problems.length;
      outcome = {
        at: now.toISOString(),
        ok: result.verify.ok,
        generation: result.generation,
        verified: result.verify.ok,
        message: result.verify.ok
          ? null
          : `The backup was written but failed its check (${problems} problem${problems === 1 ? '' : 's'}); the backup drive may be failing. Try another folder.`,
      };
      if (!result.verify.ok) failure = new AttuneError('integrity', outcome.message ?? '');
    } catch (error) {
      failure = error;
      outcome = {
        at: now.toISOString(),
        ok: false,
        generation: null,
        verified: false,
        message: error instanceof AttuneError ? error.message : 'The backup could not be written.',
      };
    }
    await this.config.update((c) => ({
      ...c,
      backup: {
        ...c.backup,
        lastAttempt: outcome,
        lastVerified: outcome.ok ? outcome : c.backup.lastVerified,
      },
    }));
    if (failure && reason === 'manual') throw failure;
  }

  /** A backup folder must exist, be writable, and lie outside the vault folder. */
  async #checkFolder(path: string): Promise<string> {
    if (!isAbsolute(path)) throw new AttuneError('invalid-input', 'Choose a backup folder.');
    if (!(await isFolder(path))) {
      throw new AttuneError(
        'not-found',
        'That backup folder does not exist or is not a folder. Choose another.',
      );
    }
    try {
      await access(path, constants.W_OK);
    } catch {
      throw new AttuneError(
        'invalid-input',
        'Attune cannot write to that folder (it is read-only). Choose another.',
      );
    }
    const folder = await realpath(path);
    const vaultDir = await realpath(this.session.location).catch(() => resolve(this.session.location));
    if (isWithin(folder, vaultDir)) {
      throw new AttuneError(
        'invalid-input',
        'The backup folder cannot be inside the vault folder: a lost disk would take both. Choose a folder on another drive.',
      );
    }
    return folder;
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `inner` is `outer` or inside it. */
function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
