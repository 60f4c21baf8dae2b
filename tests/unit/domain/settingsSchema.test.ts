import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  markersForType,
  ruptureVocabularyFor,
  settingsSchema,
} from '../../../shared/domain';
import { issuesOf } from './zodIssues';

describe('settingsSchema', () => {
  it('defaults to a 10-minute auto-lock and a concern line of 36', () => {
    expect(defaultSettings()).toEqual({
      autoLockMinutes: 10,
      feedbackConcernLine: 36,
      clinicianName: '',
      lateEntryAfterHours: 48,
      draftReminderDays: 2,
      practiceHeader: { name: '', details: '' },
      ruptureVocabulary: { markers: [], strategies: [] },
    });
  });

  it('takes a practice header of a name and at most 8 address or contact lines', () => {
    const practiceHeader = { name: ' Harbour Therapy ', details: '1 Quay St\nPort Town\n555 0100' };
    expect(settingsSchema.parse({ practiceHeader }).practiceHeader).toEqual({
      name: 'Harbour Therapy',
      details: '1 Quay St\nPort Town\n555 0100',
    });
    expect(
      issuesOf(settingsSchema, { practiceHeader: { name: '', details: 'a\n'.repeat(9) + 'b' } }),
    ).toEqual(['practiceHeader.details: Use at most 8 lines for the address and contact details.']);
  });

  it('explains out-of-range values', () => {
    for (const autoLockMinutes of [0, 241, 1.5]) {
      expect(issuesOf(settingsSchema, { autoLockMinutes })).toEqual([
        'autoLockMinutes: Enter an auto-lock time in whole minutes from 1 to 240.',
      ]);
    }
    expect(issuesOf(settingsSchema, { feedbackConcernLine: 41 })).toEqual([
      'feedbackConcernLine: Enter a feedback concern line from 0 to 40.',
    ]);
    expect(issuesOf(settingsSchema, { clinicianName: 'n'.repeat(201) })).toEqual([
      'clinicianName: Your name can be at most 200 characters.',
    ]);
  });

  it('holds the user’s rupture markers, refusing ids already in use', () => {
    const settings = settingsSchema.parse({
      ruptureVocabulary: { markers: [{ id: 'over-talks', type: 'confrontation', label: 'Talks over me' }] },
    });
    expect(markersForType('confrontation', ruptureVocabularyFor(settings)).at(-1)).toEqual({
      id: 'over-talks',
      type: 'confrontation',
      label: 'Talks over me',
      description: '',
    });
    expect(
      issuesOf(settingsSchema, {
        ruptureVocabulary: { strategies: [{ id: 'redirect-refocus', label: 'Mine' }] },
      }),
    ).toEqual([
      'ruptureVocabulary.strategies.0.id: The strategy id “redirect-refocus” is already in use; choose another.',
    ]);
    expect(
      issuesOf(settingsSchema, {
        ruptureVocabulary: {
          markers: [
            { id: 'm1', type: 'withdrawal', label: 'One' },
            { id: 'm1', type: 'withdrawal', label: 'Two' },
          ],
        },
      }),
    ).toEqual(['ruptureVocabulary.markers.1.id: The marker id “m1” is already in use; choose another.']);
  });
});
