import type { RuptureVocabulary } from '../../../shared/domain/ruptures';
import {
  defaultSettings,
  ruptureVocabularyFor,
  type Settings,
  settingsSchema,
} from '../../../shared/domain/settingsSchema';
import { clip } from './importProblems';

/**
 * What an import does with the file's settings: `imported` when the vault had none of its own,
 * `merged` when the vault kept its settings and gained the file's custom rupture markers or
 * strategies, `kept` when there was nothing to add, `none` when the file carried no settings.
 */
export type SettingsOutcome = 'imported' | 'merged' | 'kept' | 'none';

export interface SettingsPlan {
  /** The vocabulary the file's notes are checked against. */
  vocabulary: RuptureVocabulary;
  /** The settings record to save with the import, if it changes. */
  store: Settings | null;
  outcome: SettingsOutcome;
}

/**
 * The vault keeps the user's own settings; an import only adds the custom vocabulary its notes
 * use, so their marker and strategy ids keep their meaning. A vault without settings takes the
 * file's. Invalid file settings are reported by the file's schema check, not here.
 */
export function settingsForImport(
  vaultSettings: Settings | null,
  fileSettings: unknown,
  report: (path: string, message: string) => void,
): SettingsPlan {
  const current = vaultSettings ?? defaultSettings();
  const parsed = fileSettings === undefined ? null : settingsSchema.safeParse(fileSettings);
  if (!parsed?.success) return { vocabulary: ruptureVocabularyFor(current), store: null, outcome: 'none' };
  const incoming = parsed.data;
  if (!vaultSettings)
    return { vocabulary: ruptureVocabularyFor(incoming), store: incoming, outcome: 'imported' };

  const markers = [...current.ruptureVocabulary.markers];
  const strategies = [...current.ruptureVocabulary.strategies];
  let added = 0;
  incoming.ruptureVocabulary.markers.forEach((marker, i) => {
    const existing = markers.find((m) => m.id === marker.id);
    if (!existing) {
      markers.push(marker);
      added++;
    } else if (existing.type !== marker.type) {
      report(
        `settings.ruptureVocabulary.markers[${i}].type`,
        `The vault’s own marker “${clip(existing.label, 60)}” has this id but is a ${existing.type} marker.`,
      );
    }
  });
  for (const strategy of incoming.ruptureVocabulary.strategies) {
    if (!strategies.some((s) => s.id === strategy.id)) {
      strategies.push(strategy);
      added++;
    }
  }
  if (added === 0) return { vocabulary: ruptureVocabularyFor(current), store: null, outcome: 'kept' };
  const merged = settingsSchema.safeParse({ ...current, ruptureVocabulary: { markers, strategies } });
  if (!merged.success) {
    report(
      'settings.ruptureVocabulary',
      'Adding the file’s custom markers and strategies would exceed 200 of either.',
    );
    return { vocabulary: ruptureVocabularyFor(current), store: null, outcome: 'kept' };
  }
  return { vocabulary: ruptureVocabularyFor(merged.data), store: merged.data, outcome: 'merged' };
}
