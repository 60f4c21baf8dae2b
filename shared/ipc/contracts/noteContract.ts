import { z } from 'zod';
import { newAddendumSchema } from '../../domain/addendumKinds';
import { isoDateTimeSchema, recordIdSchema } from '../../domain/fields';
import type { Note } from '../../domain/noteSchema';
import type { ProcessNote } from '../../domain/processNoteSchema';
import { type Settings, settingsSchema } from '../../domain/settingsSchema';
import { type Template, templateSchema } from '../../domain/templates';
import type { NoteSummary } from '../../summaries/noteSummary';
import type { JsonText } from '../jsonText';
import { returns } from './returns';

/** A settings change: only the fields given, with no defaults filled in (they would reset the rest). */
const settingsPatchInput = z.strictObject({
  autoLockMinutes: settingsSchema.shape.autoLockMinutes.unwrap().optional(),
  feedbackConcernLine: settingsSchema.shape.feedbackConcernLine.unwrap().optional(),
  clinicianName: settingsSchema.shape.clinicianName.unwrap().optional(),
  lateEntryAfterHours: settingsSchema.shape.lateEntryAfterHours.unwrap().optional(),
  draftReminderDays: settingsSchema.shape.draftReminderDays.unwrap().optional(),
  practiceHeader: settingsSchema.shape.practiceHeader.unwrap().optional(),
  ruptureVocabulary: settingsSchema.shape.ruptureVocabulary.unwrap().optional(),
});

/** A short passage around the matches in one field of a note. */
export interface SearchSnippet {
  /** The field's path in the note, e.g. `ruptures.0.context`. */
  field: string;
  /** The field's name as the writer knows it, e.g. "Rupture 1 · context". */
  label: string;
  text: string;
  /** [start, end) offsets of the matched words into `text`. */
  marks: Array<[number, number]>;
}

export interface SearchHit {
  noteId: string;
  clientId: string;
  sessionId: string;
  score: number;
  snippets: SearchSnippet[];
}

/** One page of the notes that match a search, best first. */
export interface SearchResults {
  /** How many notes match in all, on every page. */
  total: number;
  hits: SearchHit[];
}

/**
 * A draft that could not be saved as the note (not valid yet), kept in the vault on this computer
 * until the note is saved: what was typed, and the saved version it was made on.
 */
export interface HeldDraft {
  draft: Record<string, unknown>;
  /** `updatedAt` of the saved version the editor had (null: none saved yet). */
  basedOn: string | null;
  heldAt: string;
}

/** What `notes:holdDraft` and `plans:holdDraft` take: the draft as typed and the version it was made on. */
export const holdDraftInput = z.strictObject({
  id: recordIdSchema,
  draft: z.record(z.string(), z.unknown()),
  basedOn: isoDateTimeSchema.nullable(),
});

export interface SavedDraft {
  updatedAt: string;
  summary: NoteSummary;
}

export const noteContract = {
  'notes:create': {
    input: z.strictObject({ sessionId: recordIdSchema, templateId: recordIdSchema }),
    output: returns<Note>(),
  },
  'notes:get': { input: z.strictObject({ id: recordIdSchema }), output: returns<Note>() },
  /** Autosave: replaces the editable content of a draft; refused once the note is signed. */
  'notes:saveDraft': {
    // The draft's shape is checked here; its ruptures are checked in full by the note service
    // against the user's own rupture vocabulary, which a static schema cannot know.
    input: z.strictObject({
      id: recordIdSchema,
      draft: z.record(z.string(), z.unknown()),
      // Saves only over this version (a held-back draft must never overwrite a newer save).
      expectedUpdatedAt: isoDateTimeSchema.optional(),
    }),
    output: returns<SavedDraft>(),
  },
  /**
   * Keeps a draft that is not valid yet (so cannot be saved) in the vault until the note is saved,
   * signed or the held draft is discarded; refused for a signed note. Answers when it was held.
   */
  'notes:holdDraft': { input: holdDraftInput, output: returns<{ heldAt: string }>() },
  /** This computer's held draft of a note still in draft, or null. */
  'notes:heldDraft': { input: z.strictObject({ id: recordIdSchema }), output: returns<HeldDraft | null>() },
  /** Drops this computer's held draft of a note (the writer chose the saved version). */
  'notes:discardHeldDraft': { input: z.strictObject({ id: recordIdSchema }), output: returns<null>() },
  'notes:sign': { input: z.strictObject({ id: recordIdSchema }), output: returns<Note>() },
  'notes:addAddendum': {
    // A new addendum says what it is (correction, clarification, late entry) and why.
    input: z.strictObject({ id: recordIdSchema, ...newAddendumSchema.shape }),
    output: returns<Note>(),
  },
  'processNotes:get': {
    input: z.strictObject({ noteId: recordIdSchema }),
    output: returns<ProcessNote | null>(),
  },
  'processNotes:save': {
    input: z.strictObject({
      noteId: recordIdSchema,
      text: z.string().max(200_000, 'A process note can be at most 200,000 characters.'),
      // Saves only over this version; null: only if no process note exists yet.
      expectedUpdatedAt: isoDateTimeSchema.nullable().optional(),
    }),
    output: returns<ProcessNote>(),
  },
  'templates:list': { input: z.undefined(), output: returns<Template[]>() },
  'templates:create': {
    input: z.strictObject({
      baseId: recordIdSchema,
      name: templateSchema.shape.name,
      description: z.string().max(500).optional(),
      baseSections: templateSchema.shape.baseSections.optional(),
      includes: templateSchema.shape.includes.partial().optional(),
    }),
    output: returns<Template>(),
  },
  'search:notes': {
    input: z.strictObject({
      query: z
        .string()
        .trim()
        .min(1, 'Type something to search for.')
        .max(200, 'Search for at most 200 characters.'),
      limit: z.int().min(1).max(200).default(50),
      /** How many of the best matches to skip: the next page starts where the last one ended. */
      offset: z.int().min(0).optional(),
    }),
    // One string (jsonText.ts): a page of 50 hits is some 500 small objects with their snippets.
    output: returns<JsonText<SearchResults>>(),
  },
  'settings:get': { input: z.undefined(), output: returns<Settings>() },
  'settings:update': {
    input: settingsPatchInput,
    output: returns<Settings>(),
  },
  /**
   * A chart was saved as an image: the renderer writes the file itself (a download), so it tells
   * main, which records the export in the audit log like every other export.
   */
  'audit:chartExported': {
    input: z.strictObject({
      chart: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,39}$/, 'A chart id is lower-case letters, digits and dashes.'),
      format: z.enum(['png', 'svg']),
      scope: z.enum(['client', 'caseload']),
    }),
    output: returns<null>(),
  },
} as const;
