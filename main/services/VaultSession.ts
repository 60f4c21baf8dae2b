import { dirname } from 'node:path';
import { AttuneError } from '../../shared/errors';
import type { UnlockStatus, VaultStatus } from '../../shared/ipc/contract';
import type { EventName, Events, LockReason } from '../../shared/ipc/events';
import { hasDevicesFolder } from '../vault/folderFormat';
import { deriveKek, type KdfParams } from '../vault/kdf';
import type { OpenVault } from '../vault/OpenVault';
import type { VaultSecret } from '../vault/unlock';
import { Vault } from '../vault/Vault';
import { SyncedOpenVault } from '../vault/v2/SyncedOpenVault';
import type { SyncedVault } from '../vault/v2/SyncedVault';
import type { HeldKek } from '../vault/v2/upgradeFormat1';
import type { VaultFs } from '../vault/vaultFs';
import { removeUnfinishedRestores } from './backup/unfinishedRestores';
import { DeviceConfigStore } from './device/DeviceConfigStore';
import { createSyncedVaultAs, openVaultAs } from './device/openVaultAs';
import { ThisDevice } from './device/ThisDevice';
import { progressEvents } from './progressEvents';
import { resetSecrets } from './resetSecrets';
import { SyncedRefresh, type SyncedRefreshOptions } from './SyncedRefresh';
import { upgradeFailedNotice } from './upgrade/upgradeFailedNotice';
import { upgradeFormat1IfNeeded } from './upgrade/upgradeFormat1IfNeeded';

/**
 * How long a restore's folder beside the vault must have been left untouched before an unlock
 * removes it: another computer sharing the folder around the vault may be preparing one then.
 */
const UNFINISHED_RESTORE_MS = 60 * 60 * 1000;
/**
 * The KDF for the open right after an upgrade: the key the upgrade derived, for the salt and
 * settings it was derived with (a copy; the caller zeroes the original), else Argon2id as usual.
 */
function reuseKek(held: HeldKek): (passphrase: string, salt: Buffer, params: KdfParams) => Promise<Buffer> {
  return async (passphrase, salt, params) =>
    salt.equals(held.salt) &&
    params.memoryKiB === held.kdf.memoryKiB &&
    params.iterations === held.kdf.iterations &&
    params.parallelism === held.kdf.parallelism
      ? Buffer.from(held.kek)
      : deriveKek(passphrase, salt, params);
}

/** What an unlock's upgrade adds to its answer (UnlockStatus): the kept copy, or why it failed. */
type UpgradeAnswer = Pick<UnlockStatus, 'format1Copy' | 'upgradeFailed'>;

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;

/** An unlock or create under way (deriving the key, opening files), and whether a lock came in meanwhile. */
interface Opening {
  lockedFor: LockReason | null;
  /** Settles once the opening is over: the vault is in use, or closed again, or never opened. */
  done: Promise<unknown>;
}

/**
 * V8 keeps the subject of the last successful RegExp match (RegExp.input, `$_`) reachable from
 * the global context; after validating or searching a note that is a decrypted text. Matching
 * an empty string replaces it.
 */
function forgetLastRegExpMatch(): void {
  /^/.exec('');
}

/**
 * The format new vaults are made in: format 2 (one vault on several computers, FORMAT.md).
 * Format 1 is still opened, and upgraded at unlock (option `upgradeToFormat2`).
 */
export const DEFAULT_VAULT_FORMAT: 1 | 2 = 2;

export interface VaultSessionOptions {
  /** This computer in a format-2 vault; by default its settings in the vault folder's parent. */
  device?: ThisDevice;
  /** How an unlocked format-2 vault looks for other computers' changes (tests shorten it). */
  refresh?: SyncedRefreshOptions;
  /**
   * Upgrade a format-1 vault to format 2 when it is unlocked with the passphrase (FORMAT.md
   * §14). On by default; tests of format 1 itself turn it off.
   */
  upgradeToFormat2?: boolean;
  /** The file system the upgrade writes through (tests inject faults into it). */
  upgradeFs?: VaultFs;
}

const lockedWhileOpening = () =>
  new AttuneError('locked', 'The vault was locked while it was opening. Unlock again.');

/**
 * The one open vault of the running app (or none). Services ask it for the unlocked vault;
 * locking drops it, so every later call fails with `locked` until the user unlocks again.
 */
export class VaultSession {
  #vault: OpenVault | null = null;
  #opening: Opening | null = null;
  /** Why the vault is closed for a while (see whileClosed): calls meanwhile fail with this. */
  #closedFor: string | null = null;
  /** Resolves the wait in #letRendererSave once the renderer has locked. */
  #lockedByRenderer: (() => void) | null = null;
  /** Callbacks run before the vault locks (e.g. flush pending drafts). */
  readonly #beforeLock = new Set<() => Promise<void>>();
  /** Callbacks run with the vault still open once every flush has settled (e.g. the backup on lock). */
  readonly #whileLocking = new Set<(vault: OpenVault) => Promise<void>>();

  /** Told when changes from other computers were merged into the open vault (RecordStore drops its caches). */
  readonly #recordsChanged = new Set<() => void>();
  /** Steps run once changes from other computers are merged, before listeners hear of them (onMerged). */
  readonly #mergeSteps = new Set<() => Promise<boolean>>();
  /** The merge steps under way (one run at a time); never rejects. */
  #settling: Promise<boolean> = Promise.resolve(false);
  /** Reads other computers' changes while a format-2 vault is open; null otherwise. */
  #refresh: SyncedRefresh | null = null;
  /** This computer as a format-2 vault knows it (id, name, what it has seen). */
  readonly device: ThisDevice;
  readonly #refreshOptions: SyncedRefreshOptions;
  readonly #upgradeToFormat2: boolean;
  readonly #upgradeFs: VaultFs | undefined;

  #location: string;

  constructor(
    location: string,
    /** Sends a push event to the renderer (lock notices, progress of long work). */
    readonly emit: Emit,
    /** How long a lock the OS asks for waits for the renderer to save its drafts. */
    private readonly lockGraceMs = 1500,
    options: VaultSessionOptions = {},
  ) {
    this.#location = location;
    this.device = options.device ?? new ThisDevice(new DeviceConfigStore(dirname(location)));
    this.#refreshOptions = options.refresh ?? {};
    this.#upgradeToFormat2 = options.upgradeToFormat2 ?? true;
    this.#upgradeFs = options.upgradeFs;
  }

  /** The vault folder: from this computer's settings, chosen at first run, changed by a move. */
  get location(): string {
    return this.#location;
  }

  /** Points the session at another vault folder; only while no vault is open in it. */
  relocate(dir: string): void {
    if (this.#vault) throw new AttuneError('in-use', 'Lock the vault before changing where it lives.');
    this.#location = dir;
  }

  async status(): Promise<VaultStatus> {
    if (this.#vault && !this.#vault.isLocked) return { state: 'unlocked', location: this.location };
    // A format-2 folder whose marker has not arrived yet is a vault too: unlocking says to wait.
    const exists = (await Vault.isVault(this.location)) || (await hasDevicesFolder(this.location));
    return { state: exists ? 'locked' : 'absent', location: this.location };
  }

  /**
   * Creates the vault and leaves it unlocked. A lock that comes in while it is being created
   * closes it again: the answer then carries the recovery key (the vault exists; the user must
   * still see the key) with a `locked` status. `format` 2 makes a vault several computers can share.
   */
  async create(
    passphrase: string,
    format: 1 | 2 = DEFAULT_VAULT_FORMAT,
  ): Promise<{ recoveryKey: string; status: VaultStatus }> {
    if (this.#vault || this.#opening) {
      throw new AttuneError('vault-exists', 'A vault is already open. Lock it first.');
    }
    let recoveryKey = '';
    await this.#open(async () => {
      if (format === 2) {
        const created = await createSyncedVaultAs(this.location, passphrase, this.device);
        recoveryKey = created.recoveryKey;
        return created.vault;
      }
      const created = await Vault.create(this.location, passphrase);
      recoveryKey = created.recoveryKey;
      return created.vault;
    });
    return { recoveryKey, status: await this.status() };
  }

  /**
   * Opens the vault. A lock that comes in while the key is being derived wins: the vault is
   * closed again as soon as it opens, and this fails with `locked`.
   */
  async unlock(secret: { passphrase: string } | { recoveryKey: string }): Promise<UnlockStatus> {
    if (this.#opening) {
      throw new AttuneError('in-use', 'The vault is already being unlocked. Wait a moment and try again.');
    }
    let upgrade: UpgradeAnswer = {};
    const open = async () => {
      // The upgrade derives the passphrase's key once; the open that follows uses it, not Argon2 again.
      let held: HeldKek | null = null;
      try {
        if (this.#upgradeToFormat2) {
          upgrade = await this.#upgrade(secret, (kek) => {
            held = kek;
          });
        }
        return await openVaultAs(this.location, secret, this.device, held ? reuseKek(held) : undefined);
      } finally {
        (held as HeldKek | null)?.kek.fill(0);
      }
    };
    if (!this.#vault && !(await this.#open(open))) {
      throw lockedWhileOpening();
    }
    // A restore cut short (a crash, a kill) left a full copy of the records beside the vault:
    // removed in the background, so the unlock's answer never waits for deleting megabytes.
    void removeUnfinishedRestores(this.location, { olderThanMs: UNFINISHED_RESTORE_MS }).catch(
      (error: unknown) => console.warn('Could not remove an unfinished restore beside the vault:', error),
    );
    // Told with this answer: the copy once (the upgrade happens at one unlock only), a failure at
    // each unlock that tried and failed.
    return { ...(await this.status()), ...upgrade };
  }

  /**
   * Upgrades a format-1 vault before it is opened. A failure other than a wrong passphrase or a
   * vault in use leaves the format-1 vault as it was, and it opens as before: the notes must not
   * become unreachable because the upgrade could not run (it is tried again at the next unlock).
   */
  async #upgrade(secret: VaultSecret, keepKek: (held: HeldKek) => void): Promise<UpgradeAnswer> {
    try {
      const outcome = await upgradeFormat1IfNeeded(
        this.location,
        secret,
        await this.device.identity(),
        progressEvents(this.emit, 'upgrade'),
        this.#upgradeFs,
        keepKek,
      );
      return outcome.upgraded ? { format1Copy: outcome.keptCopy } : {};
    } catch (error) {
      if (error instanceof AttuneError && (error.kind === 'wrong-passphrase' || error.kind === 'in-use')) {
        throw error;
      }
      console.error('[attune] the vault was not upgraded to format 2:', error);
      return { upgradeFailed: upgradeFailedNotice(error) };
    }
  }

  /**
   * A forgotten passphrase: opens the vault with the recovery key, sets `newPassphrase`, renews
   * the recovery key (the old one stops working) and leaves the vault unlocked. A wrong or
   * mistyped key changes nothing. A lock that comes in before the new passphrase is set wins as
   * it does for unlock (nothing changes; `locked`); a later one waits until both are changed and
   * then closes the vault: the answer carries the new key, which must still be shown, with a
   * `locked` status.
   */
  async recover(
    recoveryKey: string,
    newPassphrase: string,
  ): Promise<{ recoveryKey: string; status: VaultStatus }> {
    if (this.#vault || this.#opening) {
      throw new AttuneError('in-use', 'The vault is already unlocked or being unlocked. Lock it first.');
    }
    const renewed: { key?: string } = {};
    await this.#open(async (overtaken) => {
      const vault = await openVaultAs(this.location, { recoveryKey }, this.device);
      if (overtaken()) return vault;
      try {
        renewed.key = await resetSecrets(vault, newPassphrase);
      } catch (error) {
        await vault.lock();
        throw error;
      }
      return vault;
    });
    if (renewed.key === undefined) {
      throw new AttuneError(
        'locked',
        'Attune locked before your new passphrase was set, so nothing changed. Start again with your recovery key.',
      );
    }
    return { recoveryKey: renewed.key, status: await this.status() };
  }

  /**
   * Runs `task` on the vault's folder while the vault is closed in this process (work that needs
   * the files to itself, such as re-encrypting every record), then opens it again with `secret`.
   * Pending writes are flushed first; other calls meanwhile fail with `in-use` and the reason
   * `busy` gives. A lock that comes in meanwhile waits for the task, then wins: the vault stays
   * closed and 'vault:locked' is sent. A failed task is thrown once the vault is open again. If
   * it cannot be opened again, the answer still carries the task's value (it may hold a key the
   * user must see), with a `locked` status, and the renderer is told the vault is locked.
   */
  async whileClosed<T>(
    busy: string,
    secret: VaultSecret,
    task: (dir: string) => Promise<T>,
  ): Promise<{ value: T; status: VaultStatus }> {
    const vault = this.vault;
    if (this.#opening) throw new AttuneError('in-use', busy);
    const outcome: { value?: T; failed?: { error: unknown }; reopenFailed?: boolean } = {};
    this.#closedFor = busy;
    try {
      await this.#open(async (overtaken) => {
        const flushed = await Promise.allSettled([...this.#beforeLock].map((flush) => flush()));
        for (const result of flushed) {
          if (result.status === 'rejected') console.error('[attune] a pre-close step failed:', result.reason);
        }
        this.#vault = null;
        await this.#stopRefresh();
        await vault.lock();
        forgetLastRegExpMatch();
        try {
          outcome.value = await task(this.location);
        } catch (error) {
          outcome.failed = { error };
        }
        try {
          return await openVaultAs(this.location, secret, this.device);
        } catch (error) {
          outcome.reopenFailed = !overtaken();
          throw error;
        }
      });
    } catch (error) {
      if (!outcome.reopenFailed) throw error;
      console.error('[attune] the vault could not be opened again:', error);
      this.emit('vault:locked', { reason: 'user' });
    } finally {
      this.#closedFor = null;
    }
    if (outcome.failed) throw outcome.failed.error;
    return { value: outcome.value as T, status: await this.status() };
  }

  /**
   * Runs an open (unlock or create) that a lock can overtake. Resolves to true when the vault is
   * now in use, false when a lock came in meanwhile and the vault was closed again (its process
   * lock released, 'vault:locked' sent). `open` may ask whether a lock has come in yet.
   */
  async #open(open: (overtaken: () => boolean) => Promise<OpenVault>): Promise<boolean> {
    let finished!: () => void;
    const opening: Opening = { lockedFor: null, done: new Promise<void>((resolve) => (finished = resolve)) };
    this.#opening = opening;
    try {
      const vault = await open(() => opening.lockedFor !== null);
      if (opening.lockedFor === null) {
        this.#vault = vault;
        this.#startRefresh(vault);
        return true;
      }
      await vault.lock();
      return false;
    } finally {
      this.#opening = null;
      if (opening.lockedFor !== null) this.emit('vault:locked', { reason: opening.lockedFor });
      finished();
    }
  }

  #startRefresh(vault: OpenVault): void {
    if (!(vault instanceof SyncedOpenVault)) return;
    const current = () => this.#vault === vault && this.#refresh === refresh; // false once locked
    const changed = () => {
      for (const listener of this.#recordsChanged) listener();
      this.emit('records:changed', {});
    };
    const refresh = new SyncedRefresh(
      vault.synced,
      async () => {
        if (!current()) return;
        // Merge time: what needs no choice is settled (and written) before anyone reads the changes.
        await this.#runMergeSteps();
        if (current()) changed();
      },
      {
        onError: (error) => console.error('[attune] reading changes from other computers failed:', error),
        ...this.#refreshOptions,
      },
    );
    this.#refresh = refresh;
    refresh.start();
    // Changes merged while this computer was locked (read by the open) are settled now, likewise.
    void this.#runMergeSteps().then((wrote) => {
      if (wrote && current()) changed();
    });
  }

  /** Runs the merge steps after any run under way; true when one of them wrote. A failing step is reported. */
  #runMergeSteps(): Promise<boolean> {
    const run = this.#settling.then(async () => {
      let wrote = false;
      for (const step of this.#mergeSteps) {
        try {
          wrote = (await step()) || wrote;
        } catch (error) {
          // A lock that came in meanwhile refuses the step's later writes: it runs again after the next unlock.
          if (!(error instanceof AttuneError && error.kind === 'locked'))
            console.error('[attune] settling merged changes failed:', error);
        }
      }
      return wrote;
    });
    this.#settling = run;
    return run;
  }

  async #stopRefresh(): Promise<void> {
    const refresh = this.#refresh;
    this.#refresh = null;
    await refresh?.stop();
  }

  /** The unlocked vault, or a `locked` error the renderer answers by showing the unlock screen. */
  get vault(): OpenVault {
    if ((!this.#vault || this.#vault.isLocked) && this.#closedFor !== null) {
      throw new AttuneError('in-use', this.#closedFor);
    }
    if (!this.#vault || this.#vault.isLocked) {
      throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
    }
    return this.#vault;
  }

  /**
   * The open vault's format-2 engine, for what only format 2 has (conflicts, presence); null when
   * the open vault is in format 1. `locked` when no vault is open, as `vault`.
   */
  get synced(): SyncedVault | null {
    const vault = this.vault;
    return vault instanceof SyncedOpenVault ? vault.synced : null;
  }

  /** Renames this computer as the other computers sharing a vault see it; resolves to the name kept. */
  renameDevice(name: string): Promise<string> {
    return this.device.rename(name);
  }

  /**
   * Calls `listener` after changes from other computers were merged into the open vault, before
   * the renderer hears 'records:changed'; returns its unsubscribe.
   */
  onRecordsChanged(listener: () => void): () => void {
    this.#recordsChanged.add(listener);
    return () => this.#recordsChanged.delete(listener);
  }

  /**
   * Runs `step` each time changes from other computers were merged into an open format-2 vault
   * (and once after it opens), before onRecordsChanged listeners and 'records:changed': the place
   * to write what the merge settles without a choice, so that reading never writes. Resolves to
   * true when it wrote. Returns its unsubscribe.
   */
  onMerged(step: () => Promise<boolean>): () => void {
    this.#mergeSteps.add(step);
    return () => this.#mergeSteps.delete(step);
  }

  /** Reads other computers' changes now (the loop does this by itself; tests and a "sync now" call it). */
  async refreshNow(): Promise<void> {
    await this.#refresh?.now();
  }

  onBeforeLock(flush: () => Promise<void>): () => void {
    this.#beforeLock.add(flush);
    return () => this.#beforeLock.delete(flush);
  }

  /**
   * Runs `task` at every lock, after the pre-lock flushes have settled and before the vault
   * closes, with the vault that is locking (the session no longer hands it out by then). A
   * failing task is reported and never keeps the vault open.
   */
  whileLocking(task: (vault: OpenVault) => Promise<void>): () => void {
    this.#whileLocking.add(task);
    return () => this.#whileLocking.delete(task);
  }

  async lock(reason: LockReason): Promise<VaultStatus> {
    const opening = this.#opening;
    if (opening) {
      // Not open yet: mark the opening, which closes the vault the moment it opens, and answer
      // once it is closed, so 'locked' is true when this returns.
      opening.lockedFor ??= reason;
      await opening.done;
      return this.status();
    }
    const vault = this.#vault;
    if (vault) {
      try {
        // A failing flush must never keep the vault open: report it and lock anyway.
        const flushed = await Promise.allSettled([...this.#beforeLock].map((flush) => flush()));
        for (const result of flushed) {
          if (result.status === 'rejected') console.error('[attune] a pre-lock step failed:', result.reason);
        }
        const done = await Promise.allSettled([...this.#whileLocking].map((task) => task(vault)));
        for (const result of done) {
          if (result.status === 'rejected') console.error('[attune] a lock-time step failed:', result.reason);
        }
      } finally {
        this.#vault = null;
        await this.#stopRefresh();
        await vault.lock();
        forgetLastRegExpMatch();
        this.emit('vault:locked', { reason });
        this.#lockedByRenderer?.();
      }
    }
    return this.status();
  }

  /**
   * A lock the OS asks for (suspend, screen lock). Drafts still being typed live in the renderer,
   * so give it a moment to save them and lock itself; then lock regardless.
   */
  async requestLock(reason: LockReason): Promise<VaultStatus> {
    // While opening the renderer holds no drafts yet: lock without the grace period.
    if (this.#opening) return this.lock(reason);
    if (!this.#vault) return this.status();
    const locked = new Promise<void>((resolve) => {
      this.#lockedByRenderer = resolve;
    });
    this.emit('vault:lockRequested', { reason });
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.lockGraceMs);
    });
    await Promise.race([locked, grace]);
    clearTimeout(timer);
    this.#lockedByRenderer = null;
    return this.lock(reason);
  }
}
