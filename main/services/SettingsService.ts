import { defaultSettings, type Settings, settingsSchema } from '../../shared/domain/settingsSchema';
import { parseOrThrow } from './parseOrThrow';
import { kinds, type RecordStore } from './RecordStore';

/** The fixed id of the one settings record. */
export const SETTINGS_ID = 'settings';

/** The user's settings: one record, defaults until the user changes something. */
export class SettingsService {
  constructor(private readonly store: RecordStore) {}

  async get(): Promise<Settings> {
    const stored = await this.store.find<Settings>(kinds.setting, SETTINGS_ID);
    // Settings stored before a field existed lack it: the defaults fill it in.
    return structuredClone(stored ? { ...defaultSettings(), ...stored } : defaultSettings());
  }

  /**
   * Merges `changes` over the current settings (top-level keys replace; the rupture vocabulary is
   * replaced as a whole) and stores the result if it is valid as a whole.
   */
  update(changes: Partial<Settings>): Promise<Settings> {
    return this.store.write(async (writer) => {
      const settings = parseOrThrow(settingsSchema, { ...(await this.get()), ...changes });
      await writer.put(kinds.setting, SETTINGS_ID, settings, {
        type: 'update',
        detail: { kind: kinds.setting, id: SETTINGS_ID },
      });
      return structuredClone(settings);
    });
  }
}
