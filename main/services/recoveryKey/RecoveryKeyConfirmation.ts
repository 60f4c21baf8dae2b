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
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A key is on screen now, not yet confirmed. */
  async shown(): Promise<void> {
    const at = this.now().toISOString();
    await this.config.update((current) => ({ ...current, recoveryKeyShownAt: at }));
  }

  async confirmed(): Promise<void> {
    await this.config.update((current) => ({ ...current, recoveryKeyShownAt: null }));
  }

  async unconfirmed(): Promise<{ shownAt: string } | null> {
    const { recoveryKeyShownAt } = await this.config.read();
    return recoveryKeyShownAt === null ? null : { shownAt: recoveryKeyShownAt };
  }
}
