/**
 * The JSON interchange format (docs/interchange-format.md): everything in a vault except the
 * audit trail, as plain records. Version 3 (version 1 had no measures, version 2 no treatment
 * plans, diagnoses or safety plans; older files are migrated on import: migrateExportFile.ts). A
 * reader refuses a newer version rather than guess.
 */
import { z } from 'zod';
import { clientSchema } from '../../../shared/domain/clientSchema';
import { diagnosisSchema } from '../../../shared/domain/diagnosisSchema';
import { isoDateTimeSchema } from '../../../shared/domain/fields';
import { noteSchemasFor } from '../../../shared/domain/noteSchema';
import { processNoteSchema } from '../../../shared/domain/processNoteSchema';
import { safetyPlanSchema } from '../../../shared/domain/riskSchema';
import { defaultRuptureVocabulary, type RuptureVocabulary } from '../../../shared/domain/ruptures';
import { sessionSchema } from '../../../shared/domain/sessionSchema';
import { settingsSchema } from '../../../shared/domain/settingsSchema';
import { templateSchema } from '../../../shared/domain/templates';
import { treatmentPlanSchema } from '../../../shared/domain/treatmentPlanSchema';
import { measureSchema } from '../../../shared/measures/measureSchema';

export const EXPORT_FORMAT = 'attune-export';
export const EXPORT_VERSION = 3;
/** Import files above this size are refused before they are read. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** A file's size in MB to one decimal, rounded up: a file just over the import's limit is never said to be "200 MB". */
export function exportMegabytes(bytes: number): string {
  return (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);
}

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `${what} must be a list.` });

/** The export file schema, with notes' ruptures checked against `vocabulary`. */
export function exportFileSchemaFor(vocabulary: RuptureVocabulary) {
  return z.strictObject({
    format: z.literal(EXPORT_FORMAT, { error: `The format must be “${EXPORT_FORMAT}”.` }),
    version: z.literal(EXPORT_VERSION, { error: `The version must be ${EXPORT_VERSION}.` }),
    exportedAt: isoDateTimeSchema,
    clients: list(clientSchema, 'Clients'),
    sessions: list(sessionSchema, 'Sessions'),
    notes: list(noteSchemasFor(vocabulary).note, 'Notes'),
    /** Present only when the export was asked to include process notes. */
    processNotes: list(processNoteSchema, 'Process notes').optional(),
    /** Outcome measures (outcome rating, PHQ-9, GAD-7), one per instrument and session. */
    measures: list(measureSchema, 'Measures'),
    /** Every version of every client's treatment plan, drafts included (version 3). */
    treatmentPlans: list(treatmentPlanSchema, 'Treatment plans'),
    /** Clients' diagnoses (version 3). */
    diagnoses: list(diagnosisSchema, 'Diagnoses'),
    /** Clients' safety plans, at most one per client (version 3). */
    safetyPlans: list(safetyPlanSchema, 'Safety plans'),
    /** The user's own templates; the built-in four are not exported. */
    templates: list(templateSchema, 'Templates'),
    settings: settingsSchema.optional(),
  });
}

/** The export file schema with the default rupture vocabulary. */
export const exportFileSchema = exportFileSchemaFor(defaultRuptureVocabulary);

/** A parsed export file. */
export type ExportFile = z.output<typeof exportFileSchema>;

/** How many records of each kind an export or import carried. */
export interface ExchangeCounts {
  clients: number;
  sessions: number;
  notes: number;
  /** Absent when the file has none asked for (an export without them): not "0 process notes". */
  processNotes?: number;
  measures: number;
  treatmentPlans: number;
  diagnoses: number;
  safetyPlans: number;
  templates: number;
}

export function countsOf(
  file: Pick<ExportFile, 'clients' | 'sessions' | 'notes' | 'processNotes' | 'templates'> &
    Partial<Pick<ExportFile, 'measures' | 'treatmentPlans' | 'diagnoses' | 'safetyPlans'>>,
): ExchangeCounts {
  return {
    clients: file.clients.length,
    sessions: file.sessions.length,
    notes: file.notes.length,
    ...(file.processNotes ? { processNotes: file.processNotes.length } : {}),
    measures: file.measures?.length ?? 0,
    treatmentPlans: file.treatmentPlans?.length ?? 0,
    diagnoses: file.diagnoses?.length ?? 0,
    safetyPlans: file.safetyPlans?.length ?? 0,
    templates: file.templates.length,
  };
}
