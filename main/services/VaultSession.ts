import type { VaultStatus } from '../../shared/ipc/contract';
import type { EventName, Events, LockReason } from '../../shared/ipc/events';
import { AttuneError } from '../../shared/errors';
import { Vault } from '../vault/Vault';

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;

/**
 * The one open vault of the running app (or none). Services ask it for the unlocked vault;
 * locking drops it, so every later call fails with `locked` until the user unlocks again.
 */
export class VaultSession {
  #vault: Vault | null = null;
  /** Resolves the wait in #letRendererSave once the renderer has locked. */
  #lockedByRenderer: (() => void) | null = null;
  /** Callbacks run before the vault locks (e.g. flush pending drafts). */
  readonly #beforeLock = new Set<() => Promise<void>>();

  constructor(
    readonly location: string,
    private readonly emit: Emit,
    /** How long a lock the OS asks for waits for the renderer to save its drafts. */
    private readonly lockGraceMs = 1500,
  ) {}

  async status(): Promise<VaultStatus> {
    if (this.#vault && !this.#vault.isLocked) return { state: 'unlocked', location: this.location };
    const exists = await Vault.isVault(this.location);
    return { state: exists ? 'locked' : 'absent', location: this.location };
  }

  async create(passphrase: string): Promise<{ recoveryKey: string; status: VaultStatus }> {
    if (this.#vault) throw new AttuneError('vault-exists', 'A vault is already open. Lock it first.');
    const { vault, recoveryKey } = await Vault.create(this.location, passphrase);
    this.#vault = vault;
    return { recoveryKey, status: await this.status() };
  }

  async unlock(secret: { passphrase: string } | { recoveryKey: string }): Promise<VaultStatus> {
    if (!this.#vault) this.#vault = await Vault.open(this.location, secret);
    return this.status();
  }

  /** The unlocked vault, or a `locked` error the renderer answers by showing the unlock screen. */
  get vault(): Vault {
    if (!this.#vault || this.#vault.isLocked) {
      throw new AttuneError('locked', 'The vault is locked. Unlock it to continue.');
    }
    return this.#vault;
  }

  onBeforeLock(flush: () => Promise<void>): () => void {
    this.#beforeLock.add(flush);
    return () => this.#beforeLock.delete(flush);
  }

  async lock(reason: LockReason): Promise<VaultStatus> {
    const vault = this.#vault;
    if (vault) {
      try {
        // A failing flush must never keep the vault open: report it and lock anyway.
        const flushed = await Promise.allSettled([...this.#beforeLock].map((flush) => flush()));
        for (const result of flushed) {
          if (result.status === 'rejected') console.error('[attune] a pre-lock step failed:', result.reason);
        }
      } finally {
        this.#vault = null;
        await vault.lock();
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
