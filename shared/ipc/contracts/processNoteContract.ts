import { z } from 'zod';
import { isoDateTimeSchema, recordIdSchema } from '../../domain/fields';
import type { ProcessNote } from '../../domain/processNoteSchema';
import { returns } from './returns';

/** A session's process note, and the session's progress note if it has one. */
export interface SessionProcessNote {
  processNote: ProcessNote | null;
  noteId: string | null;
}

/**
 * A process note opened from a session rather than from its progress note: a session may have a
 * process note and no progress note (`processNotes:get`/`save` in noteContract take a note).
 */
export const processNoteContract = {
  'processNotes:getForSession': {
    input: z.strictObject({ sessionId: recordIdSchema }),
    output: returns<SessionProcessNote>(),
  },
  'processNotes:saveForSession': {
    input: z.strictObject({
      sessionId: recordIdSchema,
      text: z.string().max(200_000, 'A process note can be at most 200,000 characters.'),
      // Saves only over this version; null: only if no process note exists yet.
      expectedUpdatedAt: isoDateTimeSchema.nullable().optional(),
    }),
    output: returns<ProcessNote>(),
  },
} as const;
