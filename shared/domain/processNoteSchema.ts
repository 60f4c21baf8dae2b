/**
 * Psychotherapy (process) notes, kept as separate records from the progress note (HIPAA
 * 164.501) and left out of every export unless explicitly included.
 */
import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema, textSchema } from './fields';

/**
 * A process-note record. Beside a progress note it takes that note's id (`noteId`); written for
 * a session that has no progress note, `noteId` is null and it takes the session's id.
 */
export const processNoteSchema = z.strictObject({
  id: recordIdSchema,
  noteId: recordIdSchema.nullable(),
  sessionId: recordIdSchema,
  clientId: recordIdSchema,
  text: textSchema('The process note'),
  updatedAt: isoDateTimeSchema,
});

/** A process-note record. */
export type ProcessNote = z.infer<typeof processNoteSchema>;
