import type { Appearance, ThemePreference } from '../../../shared/domain/themePreference';
import type { DeviceConfigStore } from './DeviceConfigStore';

/**
 * The theme chosen on this computer, kept in its device settings (beside the vault, readable
 * while the vault is locked) so the lock screen and the next start use it too.
 */
export class AppearanceService {
  constructor(
    private readonly config: DeviceConfigStore,
    /** Told of every stored choice (the app's shell sets the native theme from it). */
    private readonly onChange: (theme: ThemePreference) => void = () => undefined,
  ) {}

  async get(): Promise<Appearance> {
    return (await this.config.read()).appearance;
  }

  async setTheme(theme: ThemePreference): Promise<Appearance> {
    const stored = await this.config.update((current) => ({
      ...current,
      appearance: { ...current.appearance, theme },
    }));
    this.onChange(stored.appearance.theme);
    return stored.appearance;
  }
}
