import { describe, expect, it } from 'vitest';
import { defaultSettings, settingsSchema } from '../../../shared/domain/settingsSchema';
import { contract } from '../../../shared/ipc/contract';
import { issuesOf } from './zodIssues';

describe('settings: note deadlines', () => {
  it('default to 48 hours to a late entry and 2 days to an overdue note; older settings read with them', () => {
    expect(defaultSettings()).toMatchObject({ lateEntryAfterHours: 48, draftReminderDays: 2 });
    // A settings record stored before these fields existed.
    expect(settingsSchema.parse({ autoLockMinutes: 15, clinicianName: 'Dr. R' })).toMatchObject({
      lateEntryAfterHours: 48,
      draftReminderDays: 2,
    });
  });

  it('take whole numbers in range, and say what to enter otherwise', () => {
    expect(settingsSchema.parse({ lateEntryAfterHours: 1, draftReminderDays: 14 })).toMatchObject({
      lateEntryAfterHours: 1,
      draftReminderDays: 14,
    });
    expect(settingsSchema.parse({ lateEntryAfterHours: 720 }).lateEntryAfterHours).toBe(720);
    for (const lateEntryAfterHours of [0, 721, 2.5, '48']) {
      expect(issuesOf(settingsSchema, { lateEntryAfterHours })).toEqual([
        'lateEntryAfterHours: Enter the hours after a session when a signed note becomes a late entry, in whole hours from 1 to 720.',
      ]);
    }
    // At most 14 days: Today looks back two weeks for notes to finish, so every overdue note shows.
    for (const draftReminderDays of [0, 15, 1.5]) {
      expect(issuesOf(settingsSchema, { draftReminderDays })).toEqual([
        'draftReminderDays: Enter the days after a session when an unsigned note is overdue, in whole days from 1 to 14.',
      ]);
    }
  });

  it('are accepted alone by settings:update, with no defaults filled in for the rest', () => {
    const input = contract['settings:update'].input;
    expect(input.parse({ draftReminderDays: 3 })).toEqual({ draftReminderDays: 3 });
    expect(input.parse({ lateEntryAfterHours: 72 })).toEqual({ lateEntryAfterHours: 72 });
    expect(input.safeParse({ lateEntryAfterHours: 0 }).success).toBe(false);
  });
});
