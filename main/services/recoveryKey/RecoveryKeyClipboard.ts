import { AttuneError } from '../../../shared/errors';
import { requireShownRecoveryKey } from './recoveryKeyText';

/** The slice of the system clipboard this needs (Electron's `clipboard` in the app, async since Electron 45). */
export interface TextClipboard {
  writeText(text: string): Promise<void> | void;
  readText(): Promise<string> | string;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: Timers = {
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long the recovery key stays on the clipboard. */
export const CLIPBOARD_CLEAR_SECONDS = 60;

/**
 * "Copy" for the recovery key: puts it on the clipboard and, after a minute, clears the clipboard
 * if it still holds the key (something the user copied since is left alone). `clearNow` runs the
 * clearing at once (on quit, so the key does not outlive the app on the clipboard).
 */
export class RecoveryKeyClipboard {
  #pending: { key: string; handle: unknown } | null = null;

  constructor(
    private readonly clipboard: TextClipboard | undefined,
    private readonly clearAfterSeconds = CLIPBOARD_CLEAR_SECONDS,
    private readonly timers: Timers = nodeTimers,
  ) {}

  /** Copies `key`; resolves to how many seconds until the clipboard is cleared. */
  async copy(key: string): Promise<{ clearsInSeconds: number }> {
    requireShownRecoveryKey(key);
    if (!this.clipboard) throw new AttuneError('invalid-input', 'Copying is not available here.');
    await this.clipboard.writeText(key);
    if (this.#pending) this.timers.clearTimeout(this.#pending.handle);
    const handle = this.timers.setTimeout(() => void this.clearNow(), this.clearAfterSeconds * 1000);
    this.#pending = { key, handle };
    return { clearsInSeconds: this.clearAfterSeconds };
  }

  async clearNow(): Promise<void> {
    const pending = this.#pending;
    if (!pending || !this.clipboard) return;
    this.#pending = null;
    this.timers.clearTimeout(pending.handle);
    if ((await this.clipboard.readText()) === pending.key) await this.clipboard.writeText('');
  }
}
