/**
 * Debounced, serialised saving of one value, kept off the typing path: `change` only records the
 * value and (re)arms timers; saving happens later, one save in flight at a time, and changes made
 * meanwhile are coalesced into the next save.
 */

/** What the save indicator shows. */
export type SaveStatus =
  | { kind: 'saved'; at: string }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: unknown };

export interface AutosaverOptions<T> {
  /**
   * Saves a value; resolves with the ISO time it was saved, throws if it was not. `change` is the
   * value's change number (see `latestChange`).
   */
  save: (value: T, change: number) => Promise<string>;
  onStatus: (status: SaveStatus) => void;
  /** Quiet time after the last change before saving. */
  debounceMs?: number;
  /** Longest a change waits while the user keeps typing. */
  maxWaitMs?: number;
}

/**
 * Change numbers are shared by every autosaver of this window, so a value kept from an editor that
 * has since closed can be ordered against the values of the editor that replaced it.
 */
let lastChange = 0;

export class Autosaver<T> {
  #latest: T | undefined;
  #version = 0;
  #savedVersion = 0;
  #running: Promise<boolean> | null = null;
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #maxWait: ReturnType<typeof setTimeout> | undefined;
  #status: SaveStatus;
  readonly #options: Required<AutosaverOptions<T>>;

  constructor(options: AutosaverOptions<T>, savedAt: string) {
    this.#options = { debounceMs: 800, maxWaitMs: 5000, ...options };
    this.#status = { kind: 'saved', at: savedAt };
  }

  get status(): SaveStatus {
    return this.#status;
  }

  /** Whether some change has not been saved yet. */
  get hasUnsaved(): boolean {
    return this.#savedVersion < this.#version;
  }

  /** The most recent value passed to `change`, if any. */
  get latest(): T | undefined {
    return this.#latest;
  }

  /** The change number of `latest`: larger for every later change, in any editor of this window. */
  get latestChange(): number {
    return this.#version;
  }

  /** Records a new value and schedules a save. Cheap: safe to call on every keystroke. */
  change(value: T): void {
    this.#latest = value;
    lastChange += 1;
    this.#version = lastChange;
    if (this.#status.kind === 'saved') this.#emit({ kind: 'dirty' });
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(this.#onTimer, this.#options.debounceMs);
    this.#maxWait ??= setTimeout(this.#onTimer, this.#options.maxWaitMs);
  }

  /**
   * Saves everything now (after any save in flight) and resolves true once all changes are
   * saved, false if a save failed. Used for Ctrl/Cmd+S, before locking, signing and leaving.
   */
  async flush(): Promise<boolean> {
    this.#clearTimers();
    for (;;) {
      if (this.#running) {
        await this.#running;
        continue;
      }
      if (!this.hasUnsaved) return true;
      if (!(await this.#saveOnce())) return false;
    }
  }

  /** Stops the timers (on unmount); a later `change` re-arms them. */
  stop(): void {
    this.#clearTimers();
  }

  #onTimer = (): void => {
    this.#clearTimers();
    if (!this.hasUnsaved) return;
    if (this.#running) {
      // One save at a time: look again once the quiet period has passed.
      this.#debounce = setTimeout(this.#onTimer, this.#options.debounceMs);
      return;
    }
    void this.#saveOnce();
  };

  #saveOnce(): Promise<boolean> {
    const version = this.#version;
    const value = this.#latest as T;
    clearTimeout(this.#maxWait);
    this.#maxWait = undefined;
    this.#emit({ kind: 'saving' });
    const run = this.#options.save(value, version).then(
      (at) => {
        this.#savedVersion = Math.max(this.#savedVersion, version);
        this.#emit(this.hasUnsaved ? { kind: 'dirty' } : { kind: 'saved', at });
        return true;
      },
      (error: unknown) => {
        this.#emit({ kind: 'failed', error });
        return false;
      },
    );
    this.#running = run.finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #clearTimers(): void {
    clearTimeout(this.#debounce);
    clearTimeout(this.#maxWait);
    this.#debounce = undefined;
    this.#maxWait = undefined;
  }

  #emit(status: SaveStatus): void {
    this.#status = status;
    this.#options.onStatus(status);
  }
}
