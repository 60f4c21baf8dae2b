import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';

/** What the refresh loop needs of an unlocked format-2 vault (SyncedVault). */
export interface RefreshTarget {
  readonly dir: string;
  readonly deviceHex: string;
  readonly isLocked: boolean;
  refresh(): Promise<{ applied: number }>;
}

export interface SyncedRefreshOptions {
  /** Quiet time after the last file event before reading (a sync tool writes a file in several steps). */
  debounceMs?: number;
  /** Reads this often even without file events: watching a folder is unreliable on some disks and tools. */
  everyMs?: number;
  /** A refresh that failed (the folder unplugged, say); the next event or tick tries again. */
  onError?: (error: unknown) => void;
}

/**
 * Brings other computers' changes into an unlocked format-2 vault while it is open: reads the
 * folder again when files change under `devices/` (debounced) and on a timer, never two reads at
 * once, and tells `onApplied` when changes from elsewhere were merged. Stopped at lock.
 */
export class SyncedRefresh {
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;
  #debounce: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  readonly #debounceMs: number;
  readonly #everyMs: number;

  constructor(
    private readonly target: RefreshTarget,
    /** Awaited before the next read: what it does at merge time is part of the read. */
    private readonly onApplied: (applied: number) => unknown,
    private readonly options: SyncedRefreshOptions = {},
  ) {
    this.#debounceMs = options.debounceMs ?? 500;
    this.#everyMs = options.everyMs ?? 30_000;
  }

  start(): void {
    const own = this.target.deviceHex;
    try {
      this.#watcher = watch(join(this.target.dir, 'devices'), { recursive: true }, (_event, name) => {
        // This computer's own writes are not news; everything else (a new device folder too) is.
        const file = typeof name === 'string' ? name : '';
        if (file === own || file.startsWith(`${own}/`) || file.startsWith(`${own}\\`)) return;
        this.#soon();
      });
      this.#watcher.on('error', () => this.#closeWatcher());
      this.#watcher.unref();
    } catch {
      // No watching here (the folder is missing, or too many watches): the timer still reads.
      this.#watcher = null;
    }
    if (this.#everyMs > 0) {
      this.#timer = setInterval(() => void this.now(), this.#everyMs);
      this.#timer.unref();
    }
  }

  /** Reads now; if a read is under way, once more after it (never two at once). */
  now(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    // The clean-up runs as a later step, after #running is set, even when the loop ends at once.
    const run = this.#loop().finally(() => {
      this.#running = null;
      // Asked again between the loop's last check and here: run once more.
      if (this.#again && !this.#stopped) void this.now();
    });
    this.#running = run;
    return run;
  }

  /** Stops watching and the timer; resolves once a read under way has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#closeWatcher();
    if (this.#timer) clearInterval(this.#timer);
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#timer = null;
    this.#debounce = null;
    await this.#running;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  async #loop(): Promise<void> {
    try {
      do {
        this.#again = false;
        if (this.#stopped || this.target.isLocked) return;
        const { applied } = await this.target.refresh();
        if (applied > 0 && !this.#stopped) await this.onApplied(applied);
      } while (this.#again);
    } catch (error) {
      if (!this.#stopped) this.options.onError?.(error);
    }
  }

  #soon(): void {
    if (this.#stopped) return;
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => {
      this.#debounce = null;
      void this.now();
    }, this.#debounceMs);
    this.#debounce.unref();
  }

  #closeWatcher(): void {
    this.#watcher?.close();
    this.#watcher = null;
  }
}
