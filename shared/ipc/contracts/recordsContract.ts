import { z } from 'zod';
import type { Client } from '../../domain/clientSchema';
import type { Diagnosis } from '../../domain/diagnosisSchema';
import { recordIdSchema } from '../../domain/fields';
import type { Note } from '../../domain/noteSchema';
import type { SafetyPlan } from '../../domain/riskSchema';
import type { Session } from '../../domain/sessionSchema';
import type { Settings } from '../../domain/settingsSchema';
import type { Template } from '../../domain/templates';
import type { TreatmentPlan } from '../../domain/treatmentPlanSchema';
import type { Measure } from '../../measures/measureSchema';
import { MAX_PATH_LENGTH } from '../../review/reviewFiles';
import { returns } from './returns';
import type { Saved } from './savedFile';

/**
 * What one record export prints: a client with their sessions and their signed notes (with
 * addenda), the templates those notes were written in, and the settings the print needs. Drafts
 * and process notes are never part of it.
 */
export interface RecordSet {
  client: Client;
  /** Oldest first. */
  sessions: Session[];
  /** Signed notes only, oldest session first. */
  notes: Note[];
  /** The client's outcome measures, earliest first (part of the record: they are not process notes). */
  measures: Measure[];
  /** The client's signed treatment plan versions, oldest first (drafts are not yet the plan). */
  treatmentPlans: TreatmentPlan[];
  /** The client's diagnoses, primary first, then by date. */
  diagnoses: Diagnosis[];
  /** The client's safety plan, or null when there is none. */
  safetyPlan: SafetyPlan | null;
  templates: Template[];
  settings: Pick<
    Settings,
    'practiceHeader' | 'feedbackConcernLine' | 'ruptureVocabulary' | 'lateEntryAfterHours'
  >;
  /** When the record set was read, for the printed "prepared on" line. */
  preparedAt: string;
}

/** What a client record export wrote and held. */
export interface ClientRecordExport {
  pdfPath: string;
  jsonPath: string;
  sessions: number;
  notes: number;
  addenda: number;
  feedback: number;
}

/** How many records of each kind an export or import file holds. */
export interface RecordCounts {
  clients: number;
  sessions: number;
  notes: number;
  /** Absent when the file was made without them (an export that left process notes out). */
  processNotes?: number;
  templates: number;
  /** Outcome measures (interchange version 2 on). */
  measures?: number;
  /** Treatment plan versions, diagnoses and safety plans (interchange version 3). */
  treatmentPlans?: number;
  diagnoses?: number;
  safetyPlans?: number;
}

/** One thing wrong with an import file, at a JSON path such as `notes[3].sessionId`. */
export interface ImportProblemItem {
  path: string;
  message: string;
}

/** What an import would do, shown before the user confirms it. */
export interface ImportSummary {
  /** Whether the file can be imported as it is: no problem at all. */
  valid: boolean;
  /** The file's own export time, when it has a readable one. */
  exportedAt: string | null;
  /** What would be added. */
  counts: RecordCounts;
  /** What happens to the settings: taken, merged (custom vocabulary added), kept, or none in the file. */
  settings: 'imported' | 'merged' | 'kept' | 'none';
  /** Records whose id the vault already has (each is also a problem). */
  conflicts: number;
  /**
   * Set when every record of the file is in the vault already (the same file imported before, or
   * this vault's own export): said in this one sentence instead of as problems of a file that is
   * not wrong, as `attune import` says it.
   */
  alreadyInVault: string | null;
  /** The problems found (at most 1,000), each with its place in the file. */
  problems: ImportProblemItem[];
  /** What is imported as it is but worth checking (a note's goal no plan holds). */
  notices: ImportProblemItem[];
}

/** A folder or file path as the app's native dialog gives it: absolute, sane length, no NUL. */
const chosenPath = (what: string) =>
  z
    .string({ error: `Choose ${what} first.` })
    .min(1, `Choose ${what} first.`)
    .max(MAX_PATH_LENGTH, `The path of ${what} can be at most ${MAX_PATH_LENGTH} characters.`)
    .refine((p) => !p.includes('\0'), 'A path cannot contain a NUL character.')
    .refine(
      (p) => (p.startsWith('/') && !p.startsWith('//')) || /^[A-Za-z]:[\\/]/.test(p),
      'Give the full path, as the dialog does.',
    );

const folderInput = chosenPath('the folder to save into');
const importPathInput = chosenPath('the file to import');

/**
 * Records leaving and entering the app: one signed note printed as a record, a client's record
 * set for a records request (without process notes), and the whole vault in the interchange
 * format, out and in. Folders and files come from the app's own dialogs.
 */
export const recordsContract = {
  /** A client's record set, or (with `noteId`) the set holding that one signed note. */
  'records:get': {
    input: z.strictObject({ clientId: recordIdSchema, noteId: recordIdSchema.optional() }),
    output: returns<RecordSet>(),
  },
  /** Prints the calling window (the note's print view) to a new PDF in the chosen folder. */
  'records:saveNotePdf': {
    input: z.strictObject({ noteId: recordIdSchema, folder: folderInput }),
    output: returns<Saved<{ path: string }>>(),
  },
  /** Prints the client's record (the print view) and writes it as JSON too, into the chosen folder. */
  'records:exportClient': {
    input: z.strictObject({ clientId: recordIdSchema, folder: folderInput }),
    output: returns<Saved<ClientRecordExport>>(),
  },
  /**
   * The whole vault in the interchange format; process notes only when asked. `warning` says the
   * file is too large to import as it stands (null when it is not).
   */
  'records:exportAll': {
    input: z.strictObject({
      folder: folderInput,
      includeProcessNotes: z.boolean({ error: 'Say whether to include process notes.' }),
    }),
    output: returns<Saved<{ path: string; counts: RecordCounts; warning: string | null }>>(),
  },
  /** Checks an interchange file as `records:import` would, and says what it would add. */
  'records:previewImport': {
    input: z.strictObject({ path: importPathInput }),
    output: returns<ImportSummary>(),
  },
  /** Imports an interchange file: all of it, or nothing when any part is invalid. */
  'records:import': {
    input: z.strictObject({ path: importPathInput }),
    output: returns<RecordCounts & { settings: ImportSummary['settings'] }>(),
  },
} as const;
