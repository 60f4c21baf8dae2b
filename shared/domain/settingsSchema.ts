/** The user's settings, with defaults for anything not yet set. */
import { z } from 'zod';
import { DEFAULT_FEEDBACK_CONCERN_LINE, FEEDBACK_TOTAL_MAX } from './feedback';
import {
  extendRuptureVocabulary,
  type RuptureVocabulary,
  resolutionStrategies,
  ruptureMarkers,
  ruptureTypeIds,
} from './ruptures';
import {
  DEFAULT_DRAFT_REMINDER_DAYS,
  DEFAULT_LATE_ENTRY_AFTER_HOURS,
  MAX_DRAFT_REMINDER_DAYS,
  MAX_LATE_ENTRY_AFTER_HOURS,
} from './lateEntry';

/** Minutes of inactivity before the vault locks, unless the user changes it. */
export const DEFAULT_AUTO_LOCK_MINUTES = 10;

const lockMessage = 'Enter an auto-lock time in whole minutes from 1 to 240.';
const lineMessage = `Enter a feedback concern line from 0 to ${FEEDBACK_TOTAL_MAX}.`;
const lateEntryMessage = `Enter the hours after a session when a signed note becomes a late entry, in whole hours from 1 to ${MAX_LATE_ENTRY_AFTER_HOURS}.`;
const draftReminderMessage = `Enter the days after a session when an unsigned note is overdue, in whole days from 1 to ${MAX_DRAFT_REMINDER_DAYS}.`;

const vocabularyId = z
  .string({ error: 'An id must be text.' })
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'An id is up to 64 lower-case letters, digits or dashes.');
const vocabularyLabel = z
  .string({ error: 'Enter a label.' })
  .trim()
  .min(1, 'Enter a label.')
  .max(120, 'A label can be at most 120 characters.');
const vocabularyDescription = z
  .string({ error: 'A description must be text.' })
  .max(500, 'A description can be at most 500 characters.')
  .default('');

/** A rupture marker the user added to the default vocabulary. */
export const customMarkerSchema = z.strictObject({
  id: vocabularyId,
  type: z.enum(ruptureTypeIds, { error: 'Choose a rupture type: withdrawal or confrontation.' }),
  label: vocabularyLabel,
  description: vocabularyDescription,
});

/** A resolution strategy the user added to the default vocabulary. */
export const customStrategySchema = z.strictObject({
  id: vocabularyId,
  label: vocabularyLabel,
  description: vocabularyDescription,
});

/** The practice header of printed records: a name, and address or contact lines (one per line). */
export const practiceHeaderSchema = z.strictObject({
  name: z
    .string({ error: 'Enter the practice name as text.' })
    .trim()
    .max(200, 'The practice name can be at most 200 characters.')
    .default(''),
  details: z
    .string({ error: 'Enter the address and contact lines as text.' })
    .trim()
    .max(1000, 'The address and contact lines can be at most 1,000 characters.')
    .refine((t) => t.split('\n').length <= 8, 'Use at most 8 lines for the address and contact details.')
    .default(''),
});

/** The practice header of printed records. */
export type PracticeHeader = z.output<typeof practiceHeaderSchema>;

/** The user's settings; parsing `{}` gives the defaults. */
export const settingsSchema = z.strictObject({
  autoLockMinutes: z
    .int({ error: lockMessage })
    .min(1, lockMessage)
    .max(240, lockMessage)
    .default(DEFAULT_AUTO_LOCK_MINUTES),
  feedbackConcernLine: z
    .number({ error: lineMessage })
    .min(0, lineMessage)
    .max(FEEDBACK_TOTAL_MAX, lineMessage)
    .default(DEFAULT_FEEDBACK_CONCERN_LINE),
  /** Shown as the signer on signed notes. */
  clinicianName: z
    .string({ error: 'Enter your name as it should appear when you sign.' })
    .trim()
    .max(200, 'Your name can be at most 200 characters.')
    .default(''),
  /** A note signed more than this many hours after its session began is labelled a late entry (`lateEntry.ts`). */
  lateEntryAfterHours: z
    .int({ error: lateEntryMessage })
    .min(1, lateEntryMessage)
    .max(MAX_LATE_ENTRY_AFTER_HOURS, lateEntryMessage)
    .default(DEFAULT_LATE_ENTRY_AFTER_HOURS),
  /** Today shows a note still unsigned this many days after its session as overdue. */
  draftReminderDays: z
    .int({ error: draftReminderMessage })
    .min(1, draftReminderMessage)
    .max(MAX_DRAFT_REMINDER_DAYS, draftReminderMessage)
    .default(DEFAULT_DRAFT_REMINDER_DAYS),
  /** The practice's name and address or contact lines, printed at the top of record PDFs. */
  practiceHeader: practiceHeaderSchema.default({ name: '', details: '' }),
  /** The user's additions to the rupture vocabulary (see `extendRuptureVocabulary`). */
  ruptureVocabulary: z
    .strictObject({
      markers: z.array(customMarkerSchema).max(200, 'Add at most 200 custom markers.').default([]),
      strategies: z.array(customStrategySchema).max(200, 'Add at most 200 custom strategies.').default([]),
    })
    .superRefine((v, ctx) => {
      // A stored rupture refers to a marker or strategy by id, so an id must keep one meaning.
      for (const [key, builtIn, what] of [
        ['markers', ruptureMarkers, 'marker'],
        ['strategies', resolutionStrategies, 'strategy'],
      ] as const) {
        const taken = new Set(builtIn.map((e) => e.id));
        v[key].forEach((entry, i) => {
          if (taken.has(entry.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [key, i, 'id'],
              message: `The ${what} id “${entry.id}” is already in use; choose another.`,
            });
          }
          taken.add(entry.id);
        });
      }
    })
    .default({ markers: [], strategies: [] }),
});

/** The user's settings. */
export type Settings = z.output<typeof settingsSchema>;

/** The settings of a new vault. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** The rupture vocabulary notes are checked against: the defaults plus the user's additions. */
export function ruptureVocabularyFor(settings: Settings): RuptureVocabulary {
  return extendRuptureVocabulary(settings.ruptureVocabulary);
}
