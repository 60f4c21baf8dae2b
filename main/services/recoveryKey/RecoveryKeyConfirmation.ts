import { resolve } from 'node:path';
import type { DeviceConfigStore } from '../device/DeviceConfigStore';

/**
 * Whether the recovery key last shown on this computer was confirmed as stored. The key is shown
 * once and never kept, so a key whose screen closed before "I have stored it" (the window
 * closed, a crash, a reload) may be lost: the workspace then asks, at every unlock, for a new
 * one to be made (Settings → Security), until one is confirmed. Kept in this computer's
 * settings, beside the vault: it holds only a time.
 */
export class RecoveryKeyConfirmation {
  constructor(
    private readonly config: DeviceConfigStore,
    /** The vault folder in use: a reminder is about the vault the key was shown for. */
    private readonly vault: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A key is on screen now, not yet confirmed. */
  async shown(): Promise<void> {
    const shown = { at: this.now().toISOString(), vault: resolve(this.vault()) };
    await this.config.update((current) => ({ ...current, recoveryKeyShown: shown }));
  }

  async confirmed(): Promise<void> {
    await this.config.update((current) => ({ ...current, recoveryKeyShown: null }));
  }

  /** When a key for the vault in use was shown and not confirmed; null otherwise (another vault's is not said here). */
  async unconfirmed(): Promise<{ shownAt: string } | null> {
    const { recoveryKeyShown } = await this.config.read();
    return recoveryKeyShown && recoveryKeyShown.vault === resolve(this.vault())
      ? { shownAt: recoveryKeyShown.at }
      : null;
  }
}
